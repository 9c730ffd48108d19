import gzip
import secrets
from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware import gzip as django_gzip
from django.utils.cache import patch_cache_control, patch_vary_headers
from zlib_ng import gzip_ng


class VaryOnHtmxMiddleware:
    """One URL serves a whole page or, to htmx, a fragment of it: caches must keep them apart."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        return response


class PrivateByDefaultMiddleware:
    """Every page the app writes is someone's: a mentor's groups and notes about trainees, a
    trainee's own room reached by a secret link, or at least a form with a CSRF token. No shared
    cache (a proxy, a CDN) may keep one, and a page with nothing said about caching is not
    stored by the browser either: mentors and trainees often use shared or lent computers.

    A view that says how it may be cached keeps its rule, made private (the calendar feed is
    kept for a while, the live state is revalidated with its ETag). Static files never get here:
    WhiteNoise answers them above this middleware, with long public caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        elif "public" not in response["Cache-Control"]:
            patch_cache_control(response, private=True)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, left off a 304 (Not Modified). A 304 has no body: the browser keeps
    the copy it has, with that copy's own policy, and only refreshes its freshness headers. The
    live-state poll answers most of its requests, every open screen every few seconds, with a
    304, and django-csp writes out both policies for every response it sees."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.status_code == 304:
            return response
        return super().process_response(request, response)


class GZipMiddleware(django_gzip.GZipMiddleware):
    """Django's, with a page compressed by zlib-ng, a faster build of zlib: the same format at
    the same level, in about half the time (the runner's 19 kB of HTML took 0.18 ms with
    Python's zlib and 0.08 with zlib-ng, more than anything else in its answer but the
    database). Each page still gets Django's random padding against BREACH (see the settings).
    Streamed answers (the exports) and answers Django would not compress go through Django's
    own code."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not isinstance(response, HttpResponse)
            or len(response.content) < 200
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not django_gzip.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        content = response.content  # joined afresh on every read
        compressed = compress(content, self.max_random_bytes)
        if len(compressed) >= len(content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # the same content, in other bytes
        response.headers["Content-Encoding"] = "gzip"
        return response


def compress(content: bytes, max_random_bytes: int) -> bytes:
    """`content` in gzip as Django's `compress_string` writes it: level 6, no time, and a file
    name of a random length under `max_random_bytes`, which blurs the size BREACH measures."""
    data = gzip_ng.compress(content, compresslevel=6, mtime=0)
    header = bytearray(data[:10])
    header[3] |= gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes) + b"\0"
    return bytes(header) + name + data[10:]
