from collections.abc import Callable
from typing import Any

from django.contrib.auth import middleware as auth
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone

from mentorplan.lib.timezones import zone_or_utc


class TimezoneMiddleware:
    """Shows every time in the signed-in mentor's own time zone, for this request only.

    The zone is set for the view and put back afterwards, so nothing that runs later on the
    same thread (a test, a job) inherits a reader's zone. Views open to everyone (a trainee's
    room, the live-state poll) name their reader's zone themselves, and so never load the
    signed-in user: the poll that every screen sends every few seconds costs one query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(None):
            return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> None:
        if not getattr(view, "login_required", True):
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(zone_or_utc(user.timezone))


class LoginRequiredMiddleware(auth.LoginRequiredMiddleware):
    """Django's, asking the view first: a view open to everyone never loads the session and the
    user (Django's asks who is signed in before it looks at the view)."""

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(view, "login_required", True):
            return None
        return super().process_view(request, view, args, kwargs)
