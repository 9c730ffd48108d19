"""The wrap-up in a real browser: share a resource, tick the checklist, praise, plan the next call,
end the session and copy the Markdown summary to the clipboard. Accessibility on a laptop and a
phone; the screenshots land in test-artifacts/screenshots for a person to look at."""

import zoneinfo
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.accounts import signin
from mentorplan.calls.models import Call
from mentorplan.goals import actions as goal_actions
from mentorplan.recap.models import HomeworkDone, RetroAnswer
from mentorplan.testing import (
    check_in,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
)
from mentorplan.testing.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

MODEL_BACKEND = signin.BACKEND
LONDON = zoneinfo.ZoneInfo("Europe/London")


def log_in(page, live_server, user) -> None:
    """Give the browser the session cookie of a logged-in mentor (what the login form would do)."""
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )


def no_sideways_scroll(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def lead(db):
    return make_mentor(display_name="Lena", timezone="Europe/London")


@pytest.fixture
def call(lead) -> Call:
    """Tonight's session of a group of three, with a few moments of progress to praise."""
    group = make_group(lead, name="Tuesday buddies")
    amal, bogdan, _ = (make_trainee(group, name=name) for name in ["Amal", "Bogdan", "Chen"])
    call = make_call(group, scheduled_at=timezone.now() + timedelta(minutes=5))
    check_in(call, amal)
    check_in(call, bogdan)
    RetroAnswer.objects.create(
        call=call, trainee=amal, homework="The quiz app", homework_done=HomeworkDone.YES
    )
    goal = make_goal(bogdan, text="Finish three katas on arrays")
    goal_actions.review(goal, outcome="met", by=lead, call=call)
    return call


def go_to_wrap_up(page, live_server, lead, call: Call) -> None:
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{call.key}/")
    page.get_by_role("button", name="Start the session").click()
    page.get_by_role("button", name="Go to Wrap up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wrap up")


def test_the_wrap_up_from_sharing_to_the_copied_summary(page, live_server, lead, call, axe_check):
    go_to_wrap_up(page, live_server, lead, call)
    tool = page.locator("#wrapup-tool")

    # Share a resource with one trainee.
    tool.get_by_label("Resource").select_option(label="MDN: Array methods (javascript, arrays)")
    tool.get_by_label("Share with").select_option(label="Amal")
    tool.get_by_role("button", name="Share").click()
    expect(tool.get_by_role("link", name="MDN: Array methods")).to_have_attribute(
        "rel", "noopener noreferrer"
    )
    expect(tool).to_contain_text("MDN: Array methods for Amal")

    # Tick the three checklist items, one tap each.
    checklist = tool.locator(".checklist button")
    expect(checklist).to_have_count(3)
    for n in range(3):
        checklist.nth(n).click()
        expect(checklist.nth(n)).to_have_attribute("aria-pressed", "true")

    # Pick a moment of progress and add one of our own.
    tool.get_by_role("button", name="Pick Did the homework: The quiz app").click()
    expect(tool.get_by_role("button", name="Unpick Did the homework: The quiz app")).to_be_visible()
    tool.get_by_label("Who did well").select_option(label="Bogdan")
    tool.get_by_label("What they did well").fill("Explained his loop step by step")
    tool.get_by_role("button", name="Add", exact=True).click()
    expect(
        tool.get_by_role("button", name="Unpick Explained his loop step by step")
    ).to_be_visible()
    expect(
        tool.get_by_role("button", name="Pick Met the goal “Finish three katas on arrays”")
    ).to_be_visible()

    # The next session: two weeks on, same weekday and time, already filled in.
    expected = timezone.localtime(call.scheduled_at, LONDON) + timedelta(days=14)
    expect(tool.get_by_label("Date")).to_have_value(f"{expected:%Y-%m-%d}")
    expect(tool.get_by_label("Time")).to_have_value(f"{expected:%H:%M}")
    axe_check(page)
    page.screenshot(path=SCREENSHOTS / "wrapup-tool-desktop.png", full_page=True)
    tool.get_by_role("button", name="Plan the next session").click()
    when = f"{expected:%A} {expected.day} {expected:%B, %H:%M}"
    expect(tool).to_contain_text(f"Planned for {when}")
    expect(tool.get_by_role("link", name="Download the calendar invite")).to_be_visible()
    axe_check(page)

    # End the session and copy the Markdown summary.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End session").click()
    page.get_by_role("link", name="Summary to share on Slack").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary to share")
    axe_check(page)
    page.screenshot(path=SCREENSHOTS / "wrapup-summary-desktop.png", full_page=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.get_by_role("button", name="Copy Markdown").click()
    expect(page.get_by_text("Copied.")).to_be_visible()

    copied = page.evaluate("navigator.clipboard.readText()")
    assert "[MDN: Array methods](https://developer.mozilla.org/" in copied
    assert "for Amal" in copied
    # All three trainees live in London: one line, with their names.
    assert f"Next session\n- {when} (Europe/London time) for Amal, Bogdan, Chen" in copied
    assert "Amal: Did the homework: The quiz app" in copied
    assert "Bogdan: Explained his loop step by step" in copied


def test_the_wrap_up_and_the_summary_on_a_phone(phone, live_server, lead, call, axe_check):
    go_to_wrap_up(phone, live_server, lead, call)
    tool = phone.locator("#wrapup-tool")
    tool.get_by_role("button", name="Share").click()
    expect(tool).to_contain_text("for everyone")

    axe_check(phone)
    no_sideways_scroll(phone)
    tool.screenshot(path=SCREENSHOTS / "wrapup-tool-phone.png")

    tool.get_by_role("link", name="Summary for Slack").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Summary to share")
    axe_check(phone)
    no_sideways_scroll(phone)
    phone.screenshot(path=SCREENSHOTS / "wrapup-summary-phone.png", full_page=True)
