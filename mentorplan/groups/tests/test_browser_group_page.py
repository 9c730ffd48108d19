"""The group page in a real browser: it does not jump about while it loads, adding a trainee
brings every card up to date, and it is photographed on a laptop and a phone for a human to
look at."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.testing import (
    PASSWORD,
    make_call,
    make_goal,
    make_group,
    make_history,
    make_mentor,
    make_trainee,
)
from mentorplan.testing.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

# The sum of every layout shift not caused by the reader, as Chromium reports them: the page's
# Cumulative Layout Shift. Shifts that happen after the page has loaded are counted too, for
# half a second, so a card that fills itself in late is caught.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})"""


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"group-page-{name}.png"), full_page=True)


@pytest.fixture
def busy_group():
    """A group with three trainees, a few sessions behind it and goals on the board."""
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor, name="Tuesday buddies")
    for name in ["Amal", "Dawit", "Zoë"]:
        make_trainee(group, name=name)
    make_history(group, 6)
    make_call(group, scheduled_at=timezone.now() + timedelta(days=7))
    for trainee in group.trainees.all():
        make_goal(trainee, group, text=f"{trainee.name} finishes the week's exercises")
    return mentor, group


def test_the_group_page_does_not_jump_while_it_loads(browser, live_server, busy_group):
    mentor, group = busy_group
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 800},
    )
    page = context.new_page()
    _log_in(page, mentor.email)
    # A slow connection, like many volunteers' and trainees' (about 2 Mbit/s, 150 ms away):
    # anything the page fetches after it is first drawn arrives visibly late.
    page.context.new_cdp_session(page).send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 150, "downloadThroughput": -1, "uploadThroughput": -1},
    )

    page.goto(f"/groups/{group.key}/")
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)

    _shoot(page, "laptop")
    context.close()
    assert shift < 0.1, f"the group page shifted by {shift:.2f} while loading"


def test_adding_a_trainee_brings_every_card_up_to_date(page, axe_check):
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor, name="New buddies")
    _log_in(page, mentor.email)
    page.goto(f"/groups/{group.key}/")
    checkins = page.locator("#checkins")
    expect(checkins).to_contain_text("No trainees yet.")

    page.get_by_label("Name", exact=True).fill("Amal")
    page.get_by_role("button", name="Add trainee").click()

    expect(page.locator("#trainees")).to_contain_text("Amal")
    expect(checkins).to_contain_text("Amal")
    expect(checkins).not_to_contain_text("No trainees yet.")
    expect(page.locator("#goals-summary")).to_contain_text("Amal")
    assert page.url.endswith(f"/groups/{group.key}/")  # no page load: htmx did it
    axe_check(page)


def test_the_group_page_on_a_phone(phone, busy_group, axe_check):
    mentor, group = busy_group
    _log_in(phone, mentor.email)

    phone.goto(f"/groups/{group.key}/")

    expect(phone.locator("#progress")).to_contain_text("Goals")
    _shoot(phone, "phone")
    axe_check(phone)

    # The add-a-trainee form comes when it is opened, with the zone to type.
    phone.get_by_text("Add a trainee", exact=True).click()
    phone.get_by_label("Name", exact=True).fill("Bea")
    phone.get_by_label("Timezone").fill("Africa/Lagos")
    phone.get_by_role("button", name="Add trainee").click()

    expect(phone.locator("#trainees")).to_contain_text("Bea")
    expect(phone.locator("#trainees")).to_contain_text("Africa/Lagos")
    expect(phone.locator("#checkins")).to_contain_text("Bea")
    phone.locator("#trainees").screenshot(path=str(SCREENSHOTS / "group-page-trainee-added.png"))
    axe_check(phone)
