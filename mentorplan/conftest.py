"""Fixtures shared by every test: a stopped clock, a signed-in mentor and their group, a real
Chromium for browser tests, and the database check. A test module or an app's conftest.py that
needs another mentor or group defines its own fixture of the same name."""

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
import time_machine

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group
from mentorplan.testing import make_group, make_mentor
from mentorplan.testing.browser import assert_accessible, watch_console

# Playwright's sync API runs an event loop in the test thread; the ORM calls in browser tests are
# still plain synchronous calls, so Django's guard against async contexts does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true"}


def pytest_itemcollected(item: pytest.Item) -> None:
    """A test that uses the browser is marked `browser`, so `-m "not browser"` leaves it out.

    Every test that commits to the database (browser tests through the live server, tests
    marked `django_db(transaction=True)`) starts from the database as `migrate` leaves it, built-in
    plans included. Django empties the database after each such test and serialized rollback puts
    the migrations' rows back first. It is all or none: after a test without it, Django recreates
    content types that collide with the restored rows, so each of these tests gets it."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if "browser" in fixtures and item.get_closest_marker("browser") is None:
        item.add_marker(pytest.mark.browser)
    marker = item.get_closest_marker("django_db")
    options = dict(marker.kwargs) if marker else {}
    commits = options.get("transaction") or {"transactional_db", "live_server"} & fixtures
    if commits and not options.get("serialized_rollback"):
        options.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**options), append=False)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last. While Playwright runs, its sync API leaves an asyncio loop marked
    as running in the test thread; no other test should run under that."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def frozen(request: pytest.FixtureRequest) -> Iterator[time_machine.Traveller]:
    """The clock stopped at the test module's `NOW`; move it on with `frozen.shift(...)`."""
    with time_machine.travel(request.module.NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mentor(client) -> User:
    """Sam, a mentor, signed in."""
    mentor = make_mentor(display_name="Sam")
    client.force_login(mentor)
    return mentor


@pytest.fixture
def group(mentor) -> Group:
    """A group that `mentor` leads."""
    return make_group(mentor)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        message = f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium)."
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # A busy two-core machine can take a few seconds for a swap: wait as long as for any action.
    expect.set_options(timeout=10_000)

    opened = connections.all(initialized_only=True)
    with sync_playwright() as playwright:
        # Between its calls Playwright's sync API marks an asyncio loop as running in this thread.
        # Django then keeps database connections per async context instead of per thread, and
        # would open new ones that lack the test database's state (the copy that serialized
        # rollback restores): keep using the connections the test run already has.
        for connection in opened:
            connections[connection.alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _pages_close_with_their_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every page a browser test opened (a second mentor's, a trainee's phone) closes when the
    test ends. Left open, it would go on polling the live server through the tests after it, and
    its requests could hold the test database open when the run ends and it is removed."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


@pytest.fixture
def console_errors() -> Iterator[list[str]]:
    """Console errors and uncaught exceptions of the test's pages. Any left at the end fail the
    test: a Content-Security-Policy violation, for one, shows up here and nowhere else. A test
    that expects an error asserts on this list and clears it."""
    errors: list[str] = []
    yield errors
    if errors:
        pytest.fail("The browser reported errors:\n" + "\n".join(errors), pytrace=False)


def _new_page(browser, live_server, console_errors: list[str], **options: object) -> Iterator:
    # Mentors are mostly in the UK: dates and times show as they would for them.
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page, console_errors)
    yield page
    context.close()


@pytest.fixture
def page(browser, live_server, console_errors) -> Iterator[object]:
    yield from _new_page(
        browser, live_server, console_errors, viewport={"width": 1280, "height": 900}
    )


@pytest.fixture
def phone(browser, live_server, console_errors) -> Iterator[object]:
    yield from _new_page(
        browser,
        live_server,
        console_errors,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def axe_check() -> Callable[[object], None]:
    """`axe_check(page)` fails the test with axe-core's report when the page as it is now has
    any accessibility violation."""
    return assert_accessible
