"""Issue 5 in a real browser: a mentor runs the three-minute retro for two trainees, works through
the topic they share in technical mentoring, gives PEA feedback to the course team, sees the topic
carry over to the next session for the trainee who has not understood it yet, and downloads the
course tracker's CSV from the team view. A private note never reaches the team view or the CSV.
Accessibility (axe-core), console errors and CSP violations are checked along the way, and the
pages are photographed on a laptop and a phone for a human to look at."""

import csv
import re
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.feedback.models import Feedback
from mentorplan.recap.models import Topic, TopicPerson, TopicStatus, TopicWork
from mentorplan.testing import PASSWORD, make_call, make_group, make_mentor, make_trainee
from mentorplan.testing.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

ZONE = zoneinfo.ZoneInfo("Europe/London")
PRIVATE = "Bogdan told me his landlord is threatening eviction"
VAGUE = "struggling in general"
PRECISE = "Cannot yet unpack values from arrays and objects with destructuring"
EVIDENCE = "In the session he could not finish the week 3 destructuring exercise without help"
ACTIONABLE = "Needs another session on destructuring; suggest pairing with a peer on the kata"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"issue5-{name}.png"), full_page=True)


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()


def start_and_go_to(page, call_key, segment: str) -> None:
    page.goto(f"/sessions/{call_key}/")
    page.get_by_role("button", name="Start the session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome & chit chat")
    go_to(page, segment)


def go_to(page, segment: str) -> None:
    page.get_by_role("complementary").get_by_role("button", name=f"Go to {segment}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(segment)


def fill_retro(tool, name: str, lesson: str, homework: str, done: str, unclear: str) -> None:
    retro = tool.locator("section.retro").filter(has=tool.page.get_by_role("heading", name=name))
    retro.get_by_label("What did the last lesson cover?").fill(lesson)
    retro.get_by_label("What was the homework?").fill(homework)
    retro.get_by_label("Homework done?").select_option(label=done)
    retro.get_by_label("What did not make sense?").fill(unclear)


def save_retro(tool, name: str) -> None:
    tool.get_by_role("button", name=f"Save {name}'s retro").click()
    heading = tool.get_by_role("heading", name=name)
    expect(heading.locator(".badge")).to_have_text("saved")


def on_phone(page, phone) -> None:
    """Open the page the mentor is on in the phone too, as the same mentor."""
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)


def test_a_shared_misunderstanding_becomes_one_topic_carries_over_and_reaches_the_team(
    page, phone, axe_check, console_errors
):
    mentor = make_mentor(display_name="Maya", timezone="Europe/London")
    group = make_group(mentor, name="Tuesday buddies", region="North West")
    amal = make_trainee(group, name="Amal")
    bogdan = make_trainee(group, name="Bogdan")
    now = timezone.localtime(timezone.now(), ZONE)
    first = make_call(group, scheduled_at=now)

    log_in(page, mentor.email)

    # --- First session: the retro ---------------------------------------------------------------
    start_and_go_to(page, first.key, "Recap & orientation")
    recap = page.locator("#recap-tool")
    fill_retro(
        recap,
        "Amal",
        "Arrays and objects, and pulling values out of them",
        "The destructuring exercises in week 3",
        "Partly",
        "Array destructuring",
    )
    # The same problem in other words and case, and one more that is Bogdan's alone.
    fill_retro(
        recap,
        "Bogdan",
        "Arrays and objects",
        "Week 3 exercises",
        "Not done",
        "array Destructuring\nWhen to use async and await",
    )

    amal_timer = recap.get_by_role("button", name="Start 3 min for Amal")
    amal_clock = recap.locator("section.retro").filter(has_text="Amal").locator("output")
    expect(amal_clock).to_have_text("3:00")
    amal_timer.click()
    expect(amal_clock).to_have_text(re.compile(r"^2:5\d$"))

    # Saving one trainee's retro keeps what was typed for the other, and the timer running.
    save_retro(recap, "Amal")
    expect(recap.get_by_label("What did not make sense?").nth(1)).to_have_value(
        "array Destructuring\nWhen to use async and await"
    )
    expect(amal_clock).to_have_text(re.compile(r"^2:\d\d$"))
    save_retro(recap, "Bogdan")
    assert Topic.objects.filter(group=group).count() == 2
    axe_check(page)
    shoot(page, "retro-desktop")
    on_phone(page, phone)
    shoot(phone, "retro-phone")
    axe_check(phone)

    # --- Technical mentoring: one topic for both ------------------------------------------------
    go_to(page, "Technical mentoring")
    technical = page.locator("#technical-tool")
    topics = technical.locator("article.topic")
    expect(topics).to_have_count(2)
    shared = topics.filter(has=page.get_by_role("heading", name=re.compile("destructuring", re.I)))
    expect(shared).to_have_count(1)
    expect(shared.get_by_role("heading")).to_contain_text("2 trainees")
    expect(shared.get_by_role("listitem")).to_have_count(2)

    # Notes typed on the topic survive a status click.
    gap = "How the names on the left pick values by position from the array on the right"
    shared.get_by_label("What exactly was not grasped?").fill(gap)
    shared.get_by_role("group", name=re.compile("^Where Amal stands")).get_by_role(
        "button", name="Understood"
    ).click()
    expect(
        shared.get_by_role("group", name=re.compile("^Where Amal stands")).get_by_role(
            "button", name="Understood"
        )
    ).to_have_attribute("aria-pressed", "true")
    expect(
        shared.get_by_role("group", name=re.compile("^Where Bogdan stands")).get_by_role(
            "button", name="Not yet"
        )
    ).to_have_attribute("aria-pressed", "true")

    expect(shared.get_by_label("What exactly was not grasped?")).to_have_value(gap)
    shared.get_by_label("Method").select_option(label="Extend & Explain")
    shared.get_by_label("What happened?").fill("Amal explained her code and added a swap")
    shared.get_by_role("button", name="Save notes on this topic").click()
    expect(shared.get_by_role("status")).to_contain_text("Saved at")
    work = TopicWork.objects.get(call=first, topic__normalised="array destructuring")
    assert work.method is not None and work.method.name == "Extend & Explain"
    assert work.gap == gap

    # --- PEA feedback on Bogdan -----------------------------------------------------------------
    feedback = page.locator("#feedback-tool")
    bogdan_box = feedback.locator("details").filter(has_text="Bogdan")
    bogdan_box.locator("summary").click()
    bogdan_box.get_by_label("Concern").check()
    bogdan_box.get_by_label("Falling behind").check()
    check = bogdan_box.locator(".smart-box")
    bogdan_box.get_by_label("Precise").press_sequentially(VAGUE)
    expect(check.locator(".is-advice").filter(has_text="Precise")).to_contain_text(
        "Which skill or topic exactly?"
    )
    shoot(page, "feedback-vague-desktop")
    bogdan_box.get_by_label("Precise").fill(PRECISE)
    bogdan_box.get_by_label("Evidence").fill(EVIDENCE)
    bogdan_box.get_by_label("Actionable").fill(ACTIONABLE)
    expect(check.locator(".is-ok")).to_have_count(3)
    bogdan_box.get_by_role("button", name="Save feedback on Bogdan").click()
    expect(bogdan_box.locator("summary .badge")).to_have_text("Concern")
    expect(bogdan_box.get_by_role("status")).to_contain_text("Saved at")

    # A private note in the runner's notes box.
    notes = page.locator(".notes")
    notes.locator("summary", has_text="Private — only you").click()
    notes.get_by_label("Private — only you").fill(PRIVATE)
    expect(notes.locator("[data-save-state]").filter(has_text="Saved")).to_have_count(1)
    assert Note.objects.get(level=NoteLevel.PRIVATE).body == PRIVATE

    axe_check(page)
    shoot(page, "technical-desktop")
    on_phone(page, phone)
    phone.locator("#feedback-tool summary").first.click()
    shoot(phone, "technical-phone")
    axe_check(phone)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="End session")).to_have_count(0)

    # --- Second session: the topic carries over for Bogdan only ----------------------------------
    second = make_call(group, scheduled_at=now + timedelta(days=7))
    start_and_go_to(page, second.key, "Technical mentoring")
    technical = page.locator("#technical-tool")
    carried = technical.locator("article.topic").filter(
        has=page.get_by_role("heading", name=re.compile("destructuring", re.I))
    )
    expect(carried).to_have_count(1)
    expect(carried.get_by_role("heading")).to_contain_text("carried over")
    expect(carried.get_by_role("listitem")).to_have_count(1)
    expect(carried.get_by_role("listitem")).to_contain_text("Bogdan")
    expect(carried.get_by_role("listitem")).not_to_contain_text("Amal")
    expect(carried.get_by_role("button", name="Understood")).to_have_count(1)
    assert TopicPerson.objects.get(trainee=amal).status == TopicStatus.UNDERSTOOD
    shoot(page, "carried-desktop")

    # --- The team view and the CSV --------------------------------------------------------------
    page.goto(f"/feedback/group/{group.key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback for the course team")
    expect(page.locator("main")).to_contain_text(PRECISE)
    expect(page.locator("main")).not_to_contain_text(PRIVATE)
    axe_check(page)
    shoot(page, "team-desktop")
    on_phone(page, phone)
    shoot(phone, "team-phone")
    axe_check(phone)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV for the tracker").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as raw:
        assert raw.read(3) == b"\xef\xbb\xbf"  # the mark spreadsheets look for to read UTF-8
    with open(download.path(), newline="", encoding="utf-8-sig") as sheet:
        rows = list(csv.reader(sheet))
    assert not any(PRIVATE in cell for row in rows for cell in row)
    assert rows[0] == [
        "Name", "Region", "Date", "Staff", "Status", "Notes", "Precise", "Evidence", "Actionable"
    ]  # fmt: skip
    assert len(rows) == 2
    name, region, day, staff, status, notes_cell, precise, evidence, actionable = rows[1]
    assert (name, region, day, staff, status) == (
        "Bogdan",
        "North West",
        now.date().isoformat(),
        "Maya",
        "Concern",
    )
    assert notes_cell.startswith("Falling behind")
    assert (precise, evidence, actionable) == (PRECISE, EVIDENCE, ACTIONABLE)
    assert Feedback.objects.get().trainee == bogdan
