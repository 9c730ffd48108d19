"""A page's weight over the wire on its first load, as a browser would receive it from production.

The page is asked for as a browser asks (Accept-Encoding: gzip, deflate, br), so its HTML comes
back compressed by the server's middleware. Every stylesheet and script it refers to (a `<link
rel="stylesheet">`, a `<script src>`, a module named by `data-module` unless it comes only once
someone types, and each module those import) is then asked for from WhiteNoise, out of static
files that `collectstatic` has produced with the production storage: minified, hashed and
compressed with Brotli. The weight is the sum of the bytes sent, each file counted once.
"""

import atexit
import gzip
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import brotli
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from playwright.sync_api import Error as PlaywrightError

BROWSER_ENCODINGS = "gzip, deflate, br"
# A static import (`import { x } from "./x.js"`, `import "./x.js"`) or a literal dynamic one.
IMPORT = re.compile(r"""\bimport\s*(?:[\w{}\s,*$]+?\s*from\s*|\(\s*)["']([^"']+)["']""")
PRODUCTION_STATIC_STORAGE = {"BACKEND": "mentorplan.lib.staticfiles.MinifiedStaticFilesStorage"}


def _production_static_settings(root: Path) -> override_settings:
    return override_settings(
        STATIC_ROOT=root,
        STORAGES={**settings.STORAGES, "staticfiles": PRODUCTION_STATIC_STORAGE},
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )


@cache
def collected_static() -> Path:
    """Static files collected once per test run, as production's `collectstatic` writes them.
    The admin's files and the htmx versions no page loads are left out, to keep it quick."""
    root = Path(tempfile.mkdtemp(prefix="mentorplan-static-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    with _production_static_settings(root):
        call_command(
            "collectstatic",
            interactive=False,
            verbosity=0,
            ignore_patterns=["admin", "ext", "htmax-*", "htmx-4*"],
        )
    return root


def collected(name: str) -> Path:
    """The hashed file `collectstatic` wrote for the static file `name`."""
    root = collected_static()
    manifest = json.loads((root / "staticfiles.json").read_text())
    return root / manifest["paths"][name]


@contextmanager
def served_as_in_production() -> Iterator[None]:
    """Pages refer to, and WhiteNoise serves, static files as production's `collectstatic`
    produced them."""
    with _production_static_settings(collected_static()):
        yield


@contextmanager
def browsing_as_in_production(*pages: Any) -> Iterator[None]:
    """Pages refer to static files as production names them, and the browser `pages` receive
    each one as production's `collectstatic` wrote it: minified, with its imports rewritten to
    hashed names. (The test server itself serves static files from their sources.)"""
    root = collected_static()
    prefix = "/" + settings.STATIC_URL.lstrip("/")

    def serve(route: Any) -> None:
        found = root / urlsplit(route.request.url).path.removeprefix(prefix)
        # A file still on its way as the routing ends (a slow phone's) is no longer this
        # function's to send.
        with suppress(PlaywrightError):
            route.fulfill(path=found) if found.is_file() else route.fulfill(status=404)

    with served_as_in_production():
        for page in pages:
            page.route(f"**{prefix}**", serve)
        try:
            yield
        finally:
            for page in pages:
                page.unroute(f"**{prefix}**")


def _get(client: Client, url: str) -> tuple[bytes, str]:
    response = client.get(url, HTTP_ACCEPT_ENCODING=BROWSER_ENCODINGS)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = response.getvalue()  # a file's response closes itself once read, as a server's does
    return body, response.get("Content-Encoding", "")


def _asset(client: Client, url: str) -> tuple[int, str]:
    """The bytes sent for the static file at `url`, and its text."""
    body, encoding = _get(client, url)
    assert encoding == "br", f"{url} is not sent compressed with Brotli ({encoding or 'none'})"
    return len(body), brotli.decompress(body).decode("utf-8")


def first_load(client: Client, url: str) -> dict[str, int]:
    """The bytes sent for the page at `url` and for each stylesheet and script it loads, by URL
    ("HTML" for the page). Call inside `served_as_in_production()`; `client`'s cookies (who is
    signed in) are used."""
    browser = Client()  # a handler of its own, so WhiteNoise reads the static files collected
    browser.cookies = client.cookies
    html, encoding = _get(browser, url)
    assert encoding == "gzip", f"the page is not sent compressed ({encoding or 'none'})"
    tree = BeautifulSoup(gzip.decompress(html).decode("utf-8"), "html.parser")
    wanted = [str(link["href"]) for link in tree.select('link[rel="stylesheet"][href]')]
    wanted += [str(script["src"]) for script in tree.select("script[src]")]
    # A module marked to come on typing (data-module-on) is not asked for until someone goes
    # into its part: not part of the first load.
    wanted += [
        str(element["data-module"])
        for element in tree.select("[data-module]:not([data-module-on])")
    ]
    sizes = {"HTML": len(html)}
    while wanted:
        asset = wanted.pop(0)
        if asset in sizes:
            continue
        sizes[asset], text = _asset(browser, asset)
        if asset.endswith(".js"):
            wanted += [urljoin(asset, found) for found in IMPORT.findall(text)]
    return sizes


def describe(sizes: dict[str, int]) -> str:
    """The sizes, for a failure message: the total, then each part, largest first."""
    parts = ", ".join(
        f"{name.rsplit('/', 1)[-1]} {size}"
        for name, size in sorted(sizes.items(), key=lambda item: -item[1])
    )
    return f"{sum(sizes.values())} bytes: {parts}"
