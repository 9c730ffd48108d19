""" "Sharing my screen" in a real browser: with it on, what is on screen is only what is shared
with trainees, in every segment of the runner, on the finished page, the planned page and the
group page; with it off, everything comes back.

"On screen" is what Chromium draws: the page's rendered text (`innerText` leaves out what is not
displayed) and the values of the form fields it displays (notes are edited in text areas)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.calls.tests.test_browser_runner import log_in
from mentorplan.groups.models import Trainee
from mentorplan.testing import (
    default_plan,
    make_feedback,
    make_goal,
    make_group,
    make_invitation,
    make_trainee,
    start_call,
)
from mentorplan.testing.browser import SCREENSHOTS, assert_accessible
from mentorplan.wrapup.models import CalendarFeed

pytestmark = pytest.mark.browser

SEGMENTS = [
    "Welcome & chit chat",
    "Goal catch-up",
    "Recap & orientation",
    "Technical mentoring",
    "Goal setting",
    "Wrap up",
]

# The feedback for the course team on Amal: its status, reasons and each PEA part.
FEEDBACK = [
    "Amal · Concern",
    "Falling behind",
    "Struggling with the language",
    "PEA-PRECISE: closures inside loops",
    "PEA-EVIDENCE: the counter bug in her pull request",
    "PEA-ACTIONABLE: a pairing session on scope",
]
# What trainees see in each segment besides the shared note: attendance, goals and their
# review, the retro, topics, goal setting, the wrap-up's nudges and the next call.
SHARED_IN = {
    "Welcome & chit chat": ["Who is here", "Amal", "Bogdan", "Chen", "A thinking game"],
    "Goal catch-up": ["Build the quiz app's score page"],
    "Recap & orientation": ["Three-minute retro", "Amal", "Bogdan", "Chen"],
    "Technical mentoring": ["Topics to work on", "Add a topic"],
    "Goal setting": ["New goals", "Add a goal"],
    "Wrap up": ["Checklist", "Resources", "Moments to praise", "The next session"],
}
RELATIONSHIP = "RELATIONSHIP: Amal is moving house this month"
FLAG = "needs a conversation"
INVITEE = "quiet.invitee@example.org"

VISIBLE_TEXT = """() => {
  const parts = [document.body.innerText];
  for (const field of document.querySelectorAll("textarea, input, select")) {
    if (field.type !== "hidden" && field.checkVisibility()) parts.push(field.value);
  }
  return parts.join("\\n");
}"""


def on_screen(page) -> str:
    return page.evaluate(VISIBLE_TEXT)


def note_text(level: str, title: str) -> str:
    return f"{level.upper()} NOTE on {title}"


@pytest.fixture
def call(lead) -> Call:
    """A live session with notes at every level in every segment, a private note on Amal, a
    flagged goal and feedback on Amal for the course team."""
    group = make_group(lead, name="Tuesday buddies")
    amal, *_ = [make_trainee(group, name=name) for name in ["Amal", "Bogdan", "Chen"]]
    # Chen joined a month ago and has not been seen since: a stale check-in.
    Trainee.objects.filter(name="Chen").update(created_at=timezone.now() - timedelta(days=30))
    make_invitation(group, email=INVITEE)
    make_goal(
        amal,
        text="Build the quiz app's score page",
        deadline=timezone.localdate() - timedelta(days=1),
        times_extended=3,
    )
    call = Call.plan(
        group=group,
        template=default_plan(),
        scheduled_at=timezone.now(),
        length_minutes=None,
        created_by=lead,
    )
    start_call(call)
    for segment in call.segments.all():
        for level in NoteLevel.values:
            Note.objects.create(
                call=call,
                segment=segment,
                level=level,
                author=lead,
                body=note_text(level, segment.title),
            )
        if segment.position == 0:
            Note.objects.create(
                call=call,
                segment=segment,
                trainee=amal,
                level=NoteLevel.PRIVATE,
                author=lead,
                body=RELATIONSHIP,
            )
    make_feedback(
        call,
        amal,
        status="concern",
        reasons=["falling_behind", "language"],
        precise=FEEDBACK[3],
        evidence=FEEDBACK[4],
        actionable=FEEDBACK[5],
    )
    return call


def not_shared(title: str) -> list[str]:
    return [note_text(NoteLevel.PRIVATE, title), note_text(NoteLevel.MENTORS, title)]


def everything_not_shared() -> list[str]:
    notes = [text for title in SEGMENTS for text in not_shared(title)]
    return [*notes, RELATIONSHIP, *FEEDBACK, FLAG, INVITEE, "Concern"]


def assert_only_shared(page, *shared: str) -> None:
    text = on_screen(page)
    leaks = [secret for secret in everything_not_shared() if secret in text]
    assert not leaks, f"on a shared screen at {page.url}: {leaks}"
    missing = [words for words in shared if words not in text]
    assert not missing, f"hidden from trainees although shared, at {page.url}: {missing}"


def switch(page, pressed: bool) -> None:
    """Press the "Sharing my screen" button and wait until it says it is on (or off)."""
    button = page.get_by_role("button", name="Sharing my screen")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true" if pressed else "false")


def go_to(page, title: str) -> None:
    if page.get_by_role("heading", level=1).inner_text() != title:
        page.get_by_role("button", name=f"Go to {title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_sharing_my_screen_shows_only_what_is_shared_with_trainees(page, live_server, lead, call):
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{call.key}/")
    go_to(page, SEGMENTS[0])
    # With sharing off, the mentor sees everything: the private notes are really on screen.
    text = on_screen(page)
    assert note_text(NoteLevel.PRIVATE, SEGMENTS[0]) in text
    assert note_text(NoteLevel.MENTORS, SEGMENTS[0]) in text
    assert RELATIONSHIP in text

    switch(page, pressed=True)
    expect(page.get_by_text("Hidden while you share:")).to_be_visible()
    for title in SEGMENTS:
        go_to(page, title)
        assert_only_shared(page, note_text(NoteLevel.SHARED, title), *SHARED_IN[title])
        # Nothing needed to run the call is hidden: the clock, the controls, the agenda.
        for control in ["End session", "Pause", "+5 min here"]:
            expect(page.get_by_role("button", name=control)).to_be_visible()
        expect(page.locator("[data-countdown]")).to_be_visible()
        expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
        if title == "Welcome & chit chat":
            page.screenshot(path=SCREENSHOTS / "runner-sharing-welcome.png", full_page=True)
            assert_accessible(page)
        if title == "Technical mentoring":
            page.screenshot(path=SCREENSHOTS / "runner-sharing-desktop.png", full_page=True)
            # The feedback form, opened, shows every PEA part; sharing hides all of it again.
            switch(page, pressed=False)
            page.locator("#feedback-tool summary", has_text="Amal").click()
            text = on_screen(page)
            assert all(part in text for part in FEEDBACK), text
            switch(page, pressed=True)
            assert_only_shared(page, note_text(NoteLevel.SHARED, title))
            assert_accessible(page)

    page.reload()  # the choice belongs to this device and survives a reload
    expect(page.get_by_role("button", name="Sharing my screen")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_only_shared(page, note_text(NoteLevel.SHARED, SEGMENTS[-1]))

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("heading", name="Planned and actual")).to_be_visible()
    assert_only_shared(page, *(note_text(NoteLevel.SHARED, title) for title in SEGMENTS))
    assert_accessible(page)

    switch(page, pressed=False)  # switching off shows every note again
    text = on_screen(page)
    assert all(secret in text for title in SEGMENTS for secret in not_shared(title))
    assert RELATIONSHIP in text


def test_the_group_page_while_sharing_keeps_check_ins_and_follow_through_off_screen(
    page, live_server, lead, call
):
    log_in(page, live_server, lead)
    page.goto(f"/groups/{call.group.key}/")
    checkins = page.locator("#checkins")
    expect(checkins.get_by_text("Concern")).to_be_visible()  # the panels have loaded
    expect(checkins.get_by_text("no check-in for over 14 days")).to_be_visible()
    expect(page.locator("#goals-summary .figures").first).to_be_visible()
    assert INVITEE in on_screen(page)

    switch(page, pressed=True)

    assert_only_shared(page, "Tuesday buddies", "Amal", "Bogdan", "Chen", "Lena")
    expect(checkins).to_be_hidden()
    expect(page.locator("#goals-summary")).to_be_hidden()
    expect(page.get_by_role("heading", name="Sessions")).to_be_visible()
    expect(page.get_by_role("heading", name="Live now")).to_be_visible()
    assert_accessible(page)

    switch(page, pressed=False)
    expect(checkins.get_by_text("Concern")).to_be_visible()


def test_the_planned_page_while_sharing_shows_the_agenda_times_and_start(page, live_server, lead):
    group = make_group(lead, name="Thursday buddies")
    make_trainee(group, name="Ngozi", timezone="Africa/Lagos")
    planned = Call.plan(
        group=group,
        template=default_plan(),
        scheduled_at=timezone.now() + timedelta(days=2),
        length_minutes=None,
        created_by=lead,
    )
    log_in(page, live_server, lead)
    page.goto(f"/sessions/{planned.key}/")
    switch(page, pressed=True)

    expect(page.get_by_role("button", name="Start the session")).to_be_visible()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text("Africa/Lagos")).to_be_visible()
    assert_accessible(page)


def test_sharing_on_a_phone_keeps_the_runner_usable(phone, live_server, lead, call):
    log_in(phone, live_server, lead)
    phone.goto(f"/sessions/{call.key}/")
    switch(phone, pressed=True)
    for title in ["Welcome & chit chat", "Technical mentoring"]:
        go_to(phone, title)
        assert_only_shared(phone, note_text(NoteLevel.SHARED, title))
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=SCREENSHOTS / "runner-sharing-phone.png", full_page=True)
    assert_accessible(phone)


def test_the_calendar_address_is_off_screen_while_sharing(page, live_server, lead):
    feed = CalendarFeed.objects.create(user=lead)
    log_in(page, live_server, lead)
    page.goto("/wrap-up/calendar/")
    assert feed.token in on_screen(page)

    switch(page, pressed=True)

    assert feed.token not in on_screen(page)
    expect(page.get_by_role("heading", name="Your sessions in your calendar")).to_be_visible()
    assert_accessible(page)

    switch(page, pressed=False)
    assert feed.token in on_screen(page)
