"""Two co-mentors in real browsers: what one does in a segment's tool shows on the other's screen
within a few seconds, without a reload, and without taking away what the other has written."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import APIResponse, Route, expect

from mentorplan.calls.models import Call
from mentorplan.calls.tests.test_browser_runner import (
    expect_segment,
    save_state,
    second_page,
    start,
)
from mentorplan.testing import make_call, make_group, make_trainee

pytestmark = pytest.mark.browser

SOON = 10_000  # ms: a poll every 3 s, then the fetch of the part that draws it


@pytest.fixture
def call(lead) -> Call:
    group = make_group(lead, name="Tuesday buddies")
    make_trainee(group, name="Bogdan")
    make_trainee(group, name="Chiara")
    return make_call(group, scheduled_at=timezone.now() + timedelta(minutes=5))


def _here(page, name: str):
    buttons = page.get_by_role("group", name=f"Attendance of {name}")
    return buttons.get_by_role("button", name="Here")


def test_a_co_mentor_s_attendance_mark_shows_on_the_other_screen(
    page, browser, live_server, console_errors, lead, co_mentor, call
):
    start(page, live_server, lead, call)
    other = second_page(browser, live_server, console_errors, co_mentor)
    other.goto(f"/sessions/{call.key}/")
    expect_segment(other, "Welcome & chit chat")
    # Lena writes about Bogdan; once it is saved, it is on the server like everything else.
    note = page.get_by_label("Private notes on Bogdan", exact=True)
    note.fill("Bogdan moved house last week.")
    expect(save_state(page, note)).to_have_text(re.compile(r"^Saved"))
    page.get_by_role("heading", name="Who is here").click()  # she looks away from the note
    runner = f"/sessions/{call.key}/"
    asked = []
    page.on("request", lambda request: asked.append(request.url.split(runner, 1)[-1]))

    _here(other, "Bogdan").click()
    expect(_here(other, "Bogdan")).to_have_attribute("aria-pressed", "true")

    expect(_here(page, "Bogdan")).to_have_attribute("aria-pressed", "true", timeout=SOON)
    expect(page.get_by_label("Private notes on Bogdan", exact=True)).to_have_value(
        "Bogdan moved house last week."
    )
    expect(_here(page, "Chiara")).to_have_attribute("aria-pressed", "false")
    # Her screen asked for the room's panel and the tool, not for its whole runner again.
    assert "?part=room" in asked, asked
    assert "" not in asked, asked


def test_a_note_being_written_is_not_taken_away_by_a_co_mentor_s_mark(
    page, browser, live_server, console_errors, lead, co_mentor, call
):
    start(page, live_server, lead, call)
    other = second_page(browser, live_server, console_errors, co_mentor)
    other.goto(f"/sessions/{call.key}/")
    expect_segment(other, "Welcome & chit chat")
    note = page.get_by_label("Private notes on Chiara", exact=True)
    note.click()
    page.keyboard.type("Chiara asked about ")

    _here(other, "Bogdan").click()
    expect(_here(other, "Bogdan")).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(4000)  # a poll has seen the mark meanwhile
    page.keyboard.type("evening classes.")

    expect(note).to_have_value("Chiara asked about evening classes.")
    expect(note).to_be_focused()
    page.get_by_role("heading", name="Who is here").click()  # done writing: the mark shows
    expect(_here(page, "Bogdan")).to_have_attribute("aria-pressed", "true", timeout=20_000)
    expect(note).to_have_value("Chiara asked about evening classes.")


def test_a_redraw_that_left_before_a_move_does_not_bring_the_old_tool_back(
    page, live_server, lead, call
):
    start(page, live_server, lead, call)
    held: list[tuple[Route, APIResponse]] = []  # the tool's redraw: answered, handed over later

    def hold(route: Route) -> None:
        asked = route.request
        if held or asked.method != "GET" or "hx-request" not in asked.headers:
            route.continue_()
            return
        held.append((route, route.fetch()))

    page.route(re.compile(rf"/sessions/{call.key}/\?part=room$"), hold)
    Call.objects.get(pk=call.pk).room_changed()  # a co-mentor marked someone here
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(200)
    assert held, "the screen did not ask to draw the tool again"

    page.get_by_role("button", name="Next →").click()
    expect_segment(page, "Goal catch-up")
    route, answered_at_welcome = held[0]
    route.fulfill(response=answered_at_welcome)
    page.wait_for_timeout(1000)

    expect_segment(page, "Goal catch-up")
    expect(page.locator("#tool #goal-catchup")).to_be_attached()
    expect(page.get_by_role("heading", name="Who is here")).to_have_count(0)


def _redraws(page, call: Call) -> list[str]:
    """The GETs this screen sends from now on to draw the session's page, or a part of it,
    again."""
    sent: list[str] = []
    page.on(
        "request",
        lambda asked: (
            sent.append(asked.url)
            if asked.method == "GET" and urlsplit(asked.url).path == f"/sessions/{call.key}/"
            else None
        ),
    )
    return sent


def _sees_room(page, call: Call, version: int) -> None:
    """Wait until a poll of this screen has read the session's room at `version` or later."""
    page.wait_for_event(
        "response",
        lambda answer: (
            f"/sessions/{call.key}/state/?" in answer.url
            and answer.status == 200
            and answer.json()["room"] >= version
        ),
        timeout=SOON,
    )


def test_the_mentor_s_own_change_in_a_tool_is_not_drawn_again(page, live_server, lead, call):
    start(page, live_server, lead, call)
    redraws = _redraws(page, call)
    _here(page, "Bogdan").click()
    expect(_here(page, "Bogdan")).to_have_attribute("aria-pressed", "true")
    _sees_room(page, call, Call.objects.get(pk=call.pk).room_version)
    page.wait_for_timeout(1500)  # time to fetch and draw the tool, had the screen asked

    assert redraws == []
    expect(_here(page, "Bogdan")).to_have_attribute("aria-pressed", "true")


def test_a_co_mentor_s_change_keeps_the_boxes_the_mentor_opened(page, live_server, lead, call):
    start(page, live_server, lead, call)
    page.get_by_role("button", name="Go to Technical mentoring").click()
    expect_segment(page, "Technical mentoring")
    reminders = page.locator("#tool details#technical-reminders")
    reminders.locator("summary").click()
    expect(reminders).to_have_attribute("open", "")
    redraws = _redraws(page, call)

    Call.objects.get(pk=call.pk).room_changed()  # a co-mentor added a topic
    _sees_room(page, call, Call.objects.get(pk=call.pk).room_version)
    page.wait_for_timeout(1500)  # time to fetch and draw the tool

    assert redraws, "the screen did not draw the tool again"
    expect(reminders).to_have_attribute("open", "")
