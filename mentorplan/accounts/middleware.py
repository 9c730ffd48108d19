from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mentorplan.lib.timezones import zone_or_utc


class TimezoneMiddleware:
    """Shows every time in the signed-in mentor's own time zone, for this request only.

    The zone is set around the response and put back afterwards, so nothing that runs
    later on the same thread (a test, a job) inherits a reader's zone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = zone_or_utc(user.timezone) if user is not None and user.is_authenticated else None
        with timezone.override(zone):
            return self.get_response(request)
