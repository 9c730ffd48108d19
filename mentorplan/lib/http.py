"""Small helpers for requests and forms, free of the project's own models."""

from django.forms import BaseForm
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


def page_defaults(request: HttpRequest) -> dict[str, str]:
    """What the base template reads on every page, for a page whose view does not say it (an
    error page, a view Django ships): `nav`, the main section the page is in, none by default."""
    return {"nav": ""}


def form_errors(form: BaseForm) -> str:
    """All of a form's error messages in one line, for a message at the top of the page."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def has_copy(request: HttpRequest, etag: str) -> bool:
    """Whether the browser says it holds the copy tagged `etag` (If-None-Match, which may list
    several tags, weak or strong): the polls answer it with a 304. Read from `META`: building
    `request.headers` reads every header the browser sent, about 10 µs, a fiftieth of a poll."""
    return etag in request.META.get("HTTP_IF_NONE_MATCH", "")
