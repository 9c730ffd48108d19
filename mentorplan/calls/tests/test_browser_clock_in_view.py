"""The clock stays in view and a pause is unmistakable, in a real browser on a laptop (1280x800)
and a phone (390x844).

Technical mentoring with three topics open is several screens tall: scrolled to the bottom, the
mentor still sees the segment's name, the time left and Pause and Next, and pressing them there
works. The bar is the runner's own controls, not a copy, and it never hides a field the mentor
moves to. A paused clock turns grey with the word "Paused" beside it, and a screen reader hears
"Session paused" and "Session resumed"."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call
from mentorplan.calls.tests.test_browser_runner import (
    css_colour,
    expect_segment,
    log_in,
    second_page,
)
from mentorplan.groups.models import Role
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    at_segment,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    start_call,
)
from mentorplan.testing.browser import SCREENSHOTS, watch_console

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREENS = [pytest.param(LAPTOP, id="laptop"), pytest.param(PHONE, id="phone")]


@pytest.fixture
def screen(request, browser, live_server, console_errors):
    """A page of the size the test is parametrised with."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", **request.param
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page, console_errors)
    yield page
    context.close()


@pytest.fixture
def call(lead) -> Call:
    """A session of Lena's group of three, started a minute ago."""
    group = make_group(lead, name="Tuesday buddies")
    for name in ["Amal", "Bogdan", "Chen"]:
        make_trainee(group, name=name)
    return start_call(make_call(group, scheduled_at=timezone.now()))


@pytest.fixture
def technical(call) -> Call:
    """The session in technical mentoring, with three open topics for its three trainees."""
    amal, bogdan, chen = call.group.trainees.order_by("name")
    at_segment(call, SegmentKind.TECHNICAL)
    make_topic(call, "Returning a value from a function", amal, bogdan)
    make_topic(call, "Array destructuring", bogdan, chen)
    make_topic(call, "Reading an error message", amal, chen)
    return call


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=SCREENSHOTS / f"clock-in-view-{name}-{width}.png")


def scroll_to_bottom(page) -> None:
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(
        "Math.ceil(window.scrollY + innerHeight) >= document.documentElement.scrollHeight - 2"
    )


def bar_bottom(page) -> float:
    return page.locator("[data-clock-dock]").evaluate("el => el.getBoundingClientRect().bottom")


@pytest.mark.parametrize("screen", SCREENS, indirect=True)
def test_the_clock_pause_and_next_stay_in_view_at_the_bottom_of_technical_mentoring(
    screen, live_server, lead, technical, axe_check
):
    page = screen
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{technical.key}/")
    expect_segment(page, "Technical mentoring")
    expect(page.locator("article.topic")).to_have_count(3)
    for details in page.locator("#technical-tool details").all():  # every tool open
        details.evaluate("el => el.open = true")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 2.5 * page.viewport_size["height"], height  # the page is long

    scroll_to_bottom(page)
    expect(page.locator("#runner[data-ready=true]")).to_be_attached()
    countdown = page.locator("[data-countdown]")
    expect(countdown).to_be_in_viewport()
    expect(countdown).to_have_text(re.compile(r"^\d+:\d\d$"))
    expect(page.get_by_role("heading", level=1, name="Technical mentoring")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Pause")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Next →")).to_be_in_viewport()
    # The bar is the runner's own controls, once each: nothing is read or reached twice.
    expect(page.get_by_role("button", name="Pause")).to_have_count(1)
    expect(page.locator("[data-countdown]")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    axe_check(page)
    shoot(page, "scrolled")

    # A field the mentor moves to is scrolled clear of the bar, never under it.
    field = page.get_by_label("What happened?").first
    field.focus()
    top = field.evaluate("el => el.getBoundingClientRect().top")
    assert top >= bar_bottom(page), (top, bar_bottom(page))

    # The keyboard reaches the bar's other controls where they always were, after Next.
    page.get_by_role("button", name="Next →").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="+5 min here")).to_be_focused()
    expect(page.get_by_role("button", name="+5 min here")).to_be_in_viewport()

    scroll_to_bottom(page)
    page.get_by_role("button", name="Next →").click()
    expect_segment(page, "Goal setting")
    expect(page.locator("[data-countdown]")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Next →")).to_be_in_viewport()


@pytest.mark.parametrize("screen", SCREENS, indirect=True)
def test_the_clock_is_big_at_the_top_and_nothing_jumps_when_it_becomes_a_bar(
    screen, live_server, lead, technical
):
    page = screen
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{technical.key}/")
    expect_segment(page, "Technical mentoring")
    big = page.locator("[data-clock-dock]").evaluate("el => el.getBoundingClientRect().height")
    heading = page.locator("#technical-title")
    before = heading.evaluate("el => el.getBoundingClientRect().top + scrollY")

    page.evaluate("window.scrollTo(0, 1200)")
    expect(page.locator("[data-clock-dock].is-compact")).to_be_attached()
    bar = page.locator("[data-clock-dock]").evaluate("el => el.getBoundingClientRect().height")
    assert bar < big and bar < 0.16 * page.viewport_size["height"], (bar, big)
    # The place of the big clock is kept: what follows it stays where it was.
    assert abs(heading.evaluate("el => el.getBoundingClientRect().top + scrollY") - before) < 0.5

    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator("[data-clock-dock].is-compact")).to_have_count(0)
    assert abs(heading.evaluate("el => el.getBoundingClientRect().top + scrollY") - before) < 0.5


def grey_and_paused(page, css_var: str) -> None:
    colour = page.evaluate(
        f"getComputedStyle(document.documentElement).getPropertyValue('{css_var}')"
    )
    expect(page.locator(".countdown")).to_have_css("color", css_colour(page, colour))


@pytest.mark.parametrize("screen", SCREENS, indirect=True)
def test_a_paused_clock_is_grey_says_paused_and_is_announced(
    screen, live_server, lead, technical, axe_check
):
    page = screen
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{technical.key}/")
    expect_segment(page, "Technical mentoring")
    said = page.locator("[data-status-said]")
    expect(said).to_have_attribute("role", "status")  # polite
    expect(said).to_have_text("")
    grey_and_paused(page, "--ok")
    expect(page.locator(".countdown")).not_to_contain_text("Paused")

    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    grey_and_paused(page, "--muted")
    expect(page.locator(".countdown .paused-word")).to_have_text("Paused")
    expect(page.locator(".countdown .paused-word")).to_be_visible()
    expect(said).to_have_text("Session paused.")
    axe_check(page)
    shoot(page, "paused-top")

    scroll_to_bottom(page)  # the bar says it too
    expect(page.locator(".countdown .paused-word")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Resume")).to_be_in_viewport()
    grey_and_paused(page, "--muted")
    shoot(page, "paused-scrolled")

    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(said).to_have_text("Session resumed.")
    grey_and_paused(page, "--ok")
    expect(page.locator(".countdown .paused-word")).to_have_count(0)

    page.reload()  # a reload is not a change: nothing is said
    expect_segment(page, "Technical mentoring")
    expect(page.locator("[data-status-said]")).to_have_text("")


def test_a_co_mentor_hears_the_pause_too(page, browser, live_server, console_errors, lead, call):
    kofi = make_mentor(display_name="Kofi")
    call.group.memberships.create(user=kofi, role=Role.CO_MENTOR)
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{call.key}/")
    other = second_page(browser, live_server, console_errors, kofi)
    other.goto(f"/sessions/{call.key}/")
    expect(other.locator("#runner[data-ready=true]")).to_be_attached()

    page.get_by_role("button", name="Pause").click()
    expect(other.locator(".countdown .paused-word")).to_have_text("Paused")
    expect(other.locator("[data-status-said]")).to_have_text("Session paused.")
    other.context.close()
