from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mentorplan.lib.timezones import zone_or_utc


class TimezoneMiddleware:
    """Shows every time in the signed-in mentor's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(zone_or_utc(user.timezone))
        else:
            timezone.deactivate()
        return self.get_response(request)
