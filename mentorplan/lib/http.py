"""Types for requests as our views see them: a signed-in mentor, with htmx details attached."""

from django.forms import BaseForm
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from mentorplan.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class MentorRequest(HtmxRequest):
    """Every view outside the few public ones: LoginRequiredMiddleware guarantees the user."""

    user: User


def form_errors(form: BaseForm) -> str:
    """All of a form's error messages in one line, for a message at the top of the page."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
