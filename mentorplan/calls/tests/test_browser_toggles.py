"""Pressed is not primary, in a real browser: a toggle is outlined until it is pressed, then filled
in dark ink with a check mark; a primary action (Next, Resume, Add) keeps its own blue and never
shows a mark. So the catch-up "Met" no longer looks chosen before anyone chose it. Every part of the
runner with toggles passes axe-core's checks with toggles on and off."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call
from mentorplan.calls.tests.test_browser_runner import css_colour, expect_segment, log_in
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import TopicStatus
from mentorplan.testing import (
    at_segment,
    make_call,
    make_goal,
    make_group,
    make_topic,
    make_trainee,
    start_call,
)
from mentorplan.testing.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

WHITE = "rgb(255, 255, 255)"


@pytest.fixture
def call(lead) -> Call:
    group = make_group(lead, name="Tuesday buddies")
    amal = make_trainee(group, name="Amal")
    make_trainee(group, name="Bogdan")
    make_goal(amal, text="Finish the array katas", deadline=timezone.localdate())
    return start_call(make_call(group, scheduled_at=timezone.now()))


def colour_of(page, name: str) -> str:
    value = page.evaluate(f"getComputedStyle(document.documentElement).getPropertyValue('{name}')")
    return css_colour(page, value)


def mark(button) -> str:
    """What the button draws before its label: "none", or the check mark."""
    return button.evaluate("el => getComputedStyle(el, '::before').content")


def open_at(page, live_server, lead, call: Call, kind: str, title: str) -> None:
    at_segment(call, kind)
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{call.key}/")
    expect_segment(page, title)


def test_attendance_toggles_look_pressed_and_unlike_primary_actions(
    page, live_server, lead, call, axe_check
):
    open_at(page, live_server, lead, call, SegmentKind.WELCOME, "Welcome & chit chat")
    amal = page.get_by_role("group", name="Attendance of Amal")
    axe_check(page)  # nothing pressed yet

    amal.get_by_role("button", name="Late").click()
    late = page.get_by_role("group", name="Attendance of Amal").get_by_role("button", name="Late")
    here = page.get_by_role("group", name="Attendance of Amal").get_by_role("button", name="Here")
    expect(late).to_have_attribute("aria-pressed", "true")
    page.mouse.move(0, 0)  # no hover colours

    ink, brand = colour_of(page, "--ink"), colour_of(page, "--brand")
    expect(late).to_have_css("background-color", ink)
    expect(late).to_have_css("color", WHITE)
    assert "✓" in mark(late)
    expect(here).to_have_css("background-color", WHITE)  # outlined until pressed
    assert mark(here) == "none"
    primary = page.get_by_role("button", name="Next →")
    expect(primary).to_have_css("background-color", brand)
    assert mark(primary) == "none"
    assert ink != brand
    axe_check(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#tool").screenshot(path=SCREENSHOTS / "toggles-attendance.png")


def test_catch_up_met_does_not_look_chosen_before_it_is(page, live_server, lead, call, axe_check):
    open_at(page, live_server, lead, call, SegmentKind.GOAL_CATCHUP, "Goal catch-up")
    outcomes = page.get_by_role("group", name="Outcome for “Finish the array katas”")
    met = outcomes.get_by_role("button", name="Met")
    partly = outcomes.get_by_role("button", name="Partly")
    page.mouse.move(0, 0)

    for button in (met, partly):
        expect(button).to_have_attribute("aria-pressed", "false")
        expect(button).to_have_css("background-color", WHITE)
        assert mark(button) == "none"
    axe_check(page)
    page.locator("#tool").screenshot(path=SCREENSHOTS / "toggles-catch-up.png")


def test_topic_statuses_and_the_checklist_are_accessible_pressed_and_not(
    page, phone, live_server, lead, call, axe_check
):
    amal, bogdan = call.group.trainees.order_by("name")
    make_topic(call, "Loops", amal, bogdan, status=TopicStatus.WORKING)
    open_at(page, live_server, lead, call, SegmentKind.TECHNICAL, "Technical mentoring")
    working = page.get_by_role("group", name="Where Amal stands with Loops").get_by_role(
        "button", name="Working on it"
    )
    expect(working).to_have_attribute("aria-pressed", "true")
    page.mouse.move(0, 0)
    expect(working).to_have_css("background-color", colour_of(page, "--ink"))
    axe_check(page)

    at_segment(call, SegmentKind.WRAP_UP)
    page.reload()
    expect_segment(page, "Wrap up")
    item = page.locator(".checklist button").first
    expect(item).to_have_attribute("aria-pressed", "false")
    item.click()
    item = page.locator(".checklist button").first
    expect(item).to_have_attribute("aria-pressed", "true")
    page.mouse.move(0, 0)
    # The checklist keeps its own look: a ticked box on a light wash, dark text, no extra mark.
    expect(item).to_have_css("background-color", colour_of(page, "--ok-wash"))
    expect(item).to_have_css("color", colour_of(page, "--ink"))
    assert mark(item) == "none"
    axe_check(page)

    log_in(phone, live_server, lead)
    phone.goto(f"/sessions/{call.key}/")
    expect_segment(phone, "Wrap up")
    axe_check(phone)


def test_a_status_pressed_from_the_keyboard_keeps_its_place(page, live_server, lead, call):
    """A topic's statuses are one form, redrawn whole when one is pressed: the keyboard stays on
    the button pressed, beside the right trainee, and the other trainee's row is drawn afresh."""
    amal, bogdan = call.group.trainees.order_by("name")
    make_topic(call, "Loops", amal, bogdan)
    open_at(page, live_server, lead, call, SegmentKind.TECHNICAL, "Technical mentoring")

    def status(name: str, label: str):
        group = page.get_by_role("group", name=f"Where {name} stands with Loops")
        return group.get_by_role("button", name=label)

    status("Bogdan", "Understood").focus()
    page.keyboard.press("Enter")

    expect(status("Bogdan", "Understood")).to_have_attribute("aria-pressed", "true")
    expect(status("Bogdan", "Understood")).to_be_focused()
    expect(status("Amal", "Not yet")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Shift+Tab")
    expect(status("Bogdan", "Working on it")).to_be_focused()
