"""Who is asking, behind the HTTPS proxy a deployment puts in front of Mentorplan.

The proxy terminates TLS and passes the request on with two headers: X-Forwarded-For (the address
it saw) and X-Forwarded-Proto (https or http). Anyone can send those headers, so they count only
when the request comes from an address in TRUSTED_PROXIES; from anywhere else they are dropped.
"""

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")

NO_HTTPS_MESSAGE = """\
Mentorplan answers only through its HTTPS proxy.

This request reached the server directly over plain HTTP, or through a proxy that did not say
which scheme the visitor used. If you run this server: put a TLS proxy in front of it that sets
the X-Forwarded-Proto header, and list the proxy's address in TRUSTED_PROXIES. The README's
"Running it for an organisation" section shows the whole set-up.
"""


def parse_networks(items: list[str]) -> list[Network]:
    """Addresses or networks (`10.0.0.0/8`) from a setting; a typo stops the server at start-up."""
    try:
        return [ipaddress.ip_network(item, strict=False) for item in items]
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}.") from None


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def _trusted(items: tuple[str, ...]) -> list[Network]:
    """TRUSTED_PROXIES parsed once for each value it takes, not on every request (every request
    asks, twice or more behind a proxy; parsing took a twentieth of the cheapest answer)."""
    return parse_networks(list(items))


def client_ip(request: HttpRequest) -> str:
    """The visitor's own address: the connection's, unless it comes from a trusted proxy, and then
    the nearest address in X-Forwarded-For that is not one of our proxies.

    Each proxy appends the address it saw, so the list is read from the right; anything further left
    came from the visitor and may be made up."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        try:
            ipaddress.ip_address(address)
        except ValueError:
            break
        if not _is_trusted_proxy(address):
            return address
        remote = address
    return remote


class TrustedProxyMiddleware:
    """Drops forwarded headers that did not come from a trusted proxy, and answers a request that
    no proxy vouches for with an explanation instead of a redirect to https on the same port
    (which would lead nowhere). A proxy that says the visitor used plain http gets Django's
    redirect to https as usual."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_trusted_proxy(str(request.META.get("REMOTE_ADDR") or "")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        if (
            settings.SECURE_SSL_REDIRECT
            and not request.is_secure()
            and "HTTP_X_FORWARDED_PROTO" not in request.META
        ):
            return HttpResponse(NO_HTTPS_MESSAGE, status=400, content_type="text/plain")
        return self.get_response(request)
