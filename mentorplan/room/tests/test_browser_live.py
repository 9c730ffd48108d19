"""A call with a trainee in the room, in two browsers at once: the mentor's runner on a laptop and
the trainee's link on a phone over a slow mobile connection. What the trainee sends shows on the
runner within a poll, and what the mentor does shows on the phone within a poll."""

from contextlib import nullcontext
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call
from mentorplan.calls.tests.test_browser_runner import log_in
from mentorplan.goals.models import Goal
from mentorplan.room.models import TraineeLink
from mentorplan.testing import make_call, make_goal, make_group, make_mentor, make_trainee
from mentorplan.testing.browser import watch_console
from mentorplan.testing.weight import browsing_as_in_production

pytestmark = pytest.mark.browser

# WebPageTest's "3G Slow" profile: 400 ms round trips, 400 kbit/s each way.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
SOON = 5_000  # ms: what a mentor or a trainee waits at most to see the other's change


def open_context(browser, live_server, console_errors, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", **options
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page, console_errors)
    return page


@pytest.mark.parametrize("production", [False, True], ids=["scripts as written", "as served"])
def test_a_trainee_takes_part_from_their_phone(browser, live_server, console_errors, production):
    """Also with every script as production serves it: minified, local names shortened."""
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor, name="Tuesday buddies")
    amal = make_trainee(group, name="Amal", timezone="Europe/London")
    make_goal(amal, text="Finish the array katas", deadline=timezone.localdate())
    call = make_call(group, scheduled_at=timezone.now() + timedelta(minutes=10))
    _, token = TraineeLink.issue(amal)

    runner = open_context(
        browser, live_server, console_errors, viewport={"width": 1280, "height": 800}
    )
    log_in(runner, live_server, mentor)
    phone = open_context(
        browser,
        live_server,
        console_errors,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    phone.context.new_cdp_session(phone).send("Network.emulateNetworkConditions", SLOW_3G)
    with browsing_as_in_production(runner, phone) if production else nullcontext():
        take_part(runner, phone, group, amal, call, token, console_errors)


def take_part(runner, phone, group, amal, call, token, console_errors) -> None:

    # Before the call: a word on the goal due, and the retro.
    phone.goto(f"/t/{token}/")
    goal = phone.locator("li", has=phone.get_by_role("heading", name="Finish the array katas"))
    goal.get_by_label("Partly").check()
    goal.get_by_label("In a line").fill("Four of six done")
    goal.get_by_role("button", name="Send to my mentor").click()
    expect(phone.get_by_role("status")).to_contain_text("Thanks!")
    phone.get_by_label("What did the last lesson cover?").fill("Array methods")
    phone.get_by_role("button", name="Save my retro").click()
    expect(phone.get_by_role("status")).to_contain_text("Your retro is saved")

    # The mentor starts the session; catch-up and recap start from what Amal said.
    runner.goto(reverse("calls:detail", args=[call.key]))
    runner.get_by_role("button", name="Start the session").click()
    expect(runner.locator("#current-title")).to_have_text("Welcome & chit chat")
    next_segment(runner, "Goal catch-up")
    expect(runner.locator("#goal-catchup")).to_contain_text(
        "Amal says: partly — “Four of six done”"
    )
    next_segment(runner, "Recap & orientation")
    retro = runner.locator(f"#retro-form-{amal.key}")
    expect(retro.get_by_label("What did the last lesson cover?")).to_have_value("Array methods")

    # The phone turns into the live session by itself, and the trainee adds a line in Recap.
    expect(phone.locator("#now-title")).to_have_text("Recap & orientation", timeout=15_000)
    phone.get_by_label("What did not make sense?").fill("closures")
    phone.get_by_role("button", name="Send my retro").click()
    expect(phone.get_by_role("status")).to_contain_text("Your mentor can see your retro")
    expect(retro.get_by_label("What did not make sense?")).to_have_value("closures", timeout=SOON)

    # Goal setting: the trainee proposes a goal (with the SMART advice), the mentor accepts it.
    next_segment(runner, "Technical mentoring")
    next_segment(runner, "Goal setting")
    expect(phone.locator("#now-title")).to_have_text("Goal setting", timeout=SOON)
    phone.get_by_label("What", exact=True).fill("get better at js")
    expect(phone.locator("[data-smart-box]")).to_contain_text("hard to see from outside")
    phone.get_by_label("What", exact=True).fill("Finish the quiz app's scoring")
    phone.get_by_label("How we will know it is done").fill("A pull request is open")
    phone.get_by_label("Deadline").fill(str(timezone.localdate() + timedelta(days=10)))
    phone.get_by_role("button", name="Send to my mentor").click()
    expect(phone.get_by_role("status")).to_contain_text("Sent!")
    proposal = runner.locator("#goal-setting li", has_text="Finish the quiz app's scoring")
    proposal.get_by_role("button", name="Accept").click(timeout=SOON)
    expect(runner.locator("#goal-setting")).to_contain_text("Set in this session")
    assert not Goal.objects.get(text="Finish the quiz app's scoring").proposal

    # "I'm stuck": the mentor sees it, and clears it.
    phone.get_by_role("button", name="I'm stuck").click()
    expect(phone.locator("#room-hand")).to_contain_text("You told your mentor: I'm stuck")
    hands = runner.locator("#room-panel")
    expect(hands).to_contain_text("Amal: I'm stuck", timeout=SOON)
    expect(hands).to_contain_text("In the room: Amal")
    hands.get_by_role("button", name="Clear Amal's hand").click()
    expect(hands).not_to_contain_text("I'm stuck")

    # The mentor moves on; the phone follows.
    next_segment(runner, "Wrap up")
    expect(phone.locator("#now-title")).to_have_text("Wrap up", timeout=SOON)
    expect(phone.get_by_role("button", name="I'm stuck")).to_be_visible()  # the hand is down

    # The mentor switches the link off: the trainee's next press gets the friendly page.
    runner.goto(reverse("groups:detail", args=[group.key]))
    runner.get_by_role("button", name="Switch off Amal's link").click()
    expect(runner.locator("#trainee-links")).to_contain_text("Amal's link no longer works")
    # (If the page's own poll noticed first, it has already shown the friendly page.)
    phone.evaluate(
        "() => { const b = document.querySelector('button[value=minute]'); if (b) b.click(); }"
    )
    expect(phone.get_by_role("heading", name="This link does not work any more")).to_be_visible()
    assert Call.objects.get(pk=call.pk).version > 0
    # The friendly page answers with status 404, which the browser reports; so does the icon
    # the browser asks for by itself.
    assert all(" 404 " in error for error in console_errors), console_errors
    console_errors.clear()


def next_segment(runner, title: str) -> None:
    runner.get_by_role("button", name="Next →").click()
    expect(runner.locator("#current-title")).to_have_text(title)
