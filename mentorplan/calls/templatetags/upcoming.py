"""`{% next_sessions user as calls %}`: the next session of each of the mentor's groups, for the
pages a mentor lands on, where one press of "Start" opens the runner."""

from django import template

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call

register = template.Library()


@register.simple_tag
def next_sessions(user: User) -> list[Call]:
    return list(Call.objects.for_user(user).next_of_each_group())
