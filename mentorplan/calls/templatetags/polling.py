"""`{% state_url call %}`: the address this reader's screen of `call` polls (`calls.polling`)."""

from typing import Any

from django import template

from mentorplan.calls import polling
from mentorplan.calls.models import Call

register = template.Library()


@register.simple_tag(takes_context=True)
def state_url(context: dict[str, Any], call: Call) -> str:
    return polling.state_url(context["request"].user, call)
