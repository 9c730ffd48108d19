"""The site's addresses plus the floor: the cheapest answer Django gives through the same
middleware, the yardstick every path is measured against."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.views.decorators.http import require_safe

from mentorplan.urls import urlpatterns as site

FLOOR_URL = "/bench/floor/"


@login_not_required
@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path(FLOOR_URL.strip("/") + "/", floor, name="bench_floor"),
    *site,
]
