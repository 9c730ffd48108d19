"""Requests as our views see them: a signed-in mentor, with htmx details attached."""

from mentorplan.accounts.models import User
from mentorplan.lib.http import HtmxRequest


class MentorRequest(HtmxRequest):
    """Every view outside the few public ones: LoginRequiredMiddleware guarantees the user."""

    user: User
