"""Types for requests as our views see them: a signed-in mentor, with htmx details attached."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from mentorplan.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class MentorRequest(HtmxRequest):
    """Every view outside the few public ones: LoginRequiredMiddleware guarantees the user."""

    user: User
