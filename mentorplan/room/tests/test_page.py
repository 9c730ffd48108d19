"""Between calls the link is the trainee's page: their goals, the next call in their zone with an
invite and the video link, what was shared with them, and their answers for the next call,
which the mentor's catch-up and retro then start from."""

from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import Tag
from django.urls import reverse
from icalendar import Calendar

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.goals.models import Goal
from mentorplan.plans.models import SegmentKind
from mentorplan.room.models import GoalReport, RetroDraft, TraineeLink
from mentorplan.testing import (
    at_segment,
    end_call,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    text_in,
)
from mentorplan.wrapup.models import Resource, ResourceShare


def one(soup: Tag, selector: str) -> Tag:
    found = soup.select_one(selector)
    assert found is not None, f"the page has no {selector}"
    return found


NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NEXT = datetime(2026, 3, 10, 19, 0, tzinfo=UTC)  # 15:00 in New York (summer time from 8 March)


@pytest.fixture
def setup(frozen):
    mentor = make_mentor(display_name="Sam", timezone="Europe/London")
    group = make_group(mentor, video_url="https://meet.example.org/our-group")
    amal = make_trainee(group, name="Amal", timezone="America/New_York")
    bo = make_trainee(group, name="Bo")
    call = make_call(group, scheduled_at=NEXT)
    _, token = TraineeLink.issue(amal)
    return mentor, group, amal, bo, call, token


def url(token: str, name: str = "room:page", *args: object) -> str:
    return reverse(name, args=[token, *args])


@pytest.mark.django_db
def test_the_next_call_is_in_the_trainees_own_time_with_invite_and_video_link(client, setup):
    _, _, _, _, call, token = setup

    page = parse(client.get(url(token)))

    section = one(page, 'section[aria-labelledby="next-title"]')
    assert "Tuesday 10 March, 15:00" in text_in(section)
    assert "America/New_York" in text_in(page)
    links = {text_in(a): a.get("href") for a in section.select("a")}
    assert links["Join the video call"] == "https://meet.example.org/our-group"
    invite = client.get(str(links["Add it to your calendar"]))
    assert invite["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(invite.content).walk("VEVENT")
    assert str(event["uid"]) == f"{call.key}@mentorplan"
    assert event.decoded("dtstart") == NEXT
    assert event["dtstart"].params["TZID"] == "America/New_York"


@pytest.mark.django_db
def test_without_a_next_call_the_page_says_so(client, frozen):
    amal = make_trainee(make_group(make_mentor()), name="Amal")
    _, token = TraineeLink.issue(amal)

    response = client.get(url(token))

    assert "Your mentor has not planned the next session yet." in page_text(response)
    assert client.get(url(token, "room:invite")).status_code == 404


@pytest.mark.django_db
def test_the_trainee_sees_their_own_open_goals_only(client, setup):
    mentor, _, amal, bo, _, token = setup
    make_goal(amal, text="Finish the array katas", deadline=date(2026, 3, 9))
    make_goal(amal, text="An old goal", status="met")
    make_goal(bo, text="Bo's goal")
    make_goal(mentor, text="Sam's goal")
    make_goal(amal, text="Amal's proposal", proposal=True)

    goals = text_in(one(parse(client.get(url(token))), 'section[aria-labelledby="goals-title"]'))

    assert "Finish the array katas" in goals
    assert "Due Monday 9 March" in goals
    for other in ["An old goal", "Bo's goal", "Sam's goal", "Amal's proposal"]:
        assert other not in goals


@pytest.mark.django_db
def test_resources_shared_with_them_or_everyone_but_not_with_others(client, setup):
    mentor, group, amal, bo, _, token = setup
    past = end_call(
        make_call(group, scheduled_at=NOW - timedelta(days=14)), NOW - timedelta(days=14)
    )
    for title, trainee in [("For Amal", amal), ("For everyone", None), ("For Bo", bo)]:
        resource = Resource.objects.create(owner=mentor, title=title, url="https://example.org/")
        ResourceShare.objects.create(call=past, resource=resource, trainee=trainee)

    shared = text_in(one(parse(client.get(url(token))), 'section[aria-labelledby="shared-title"]'))

    assert "For Amal" in shared and "For everyone" in shared
    assert "For Bo" not in shared


@pytest.mark.django_db
def test_past_sessions_show_shared_notes_for_them_or_everyone(client, setup):
    mentor, group, amal, bo, _, token = setup
    past = end_call(
        make_call(group, scheduled_at=NOW - timedelta(days=14)), NOW - timedelta(days=14)
    )
    segment = past.segments.get(position=0)
    Note.objects.create(
        call=past, segment=segment, level=NoteLevel.SHARED, author=mentor, body="Great start, all"
    )
    Note.objects.create(
        call=past,
        segment=segment,
        trainee=amal,
        level=NoteLevel.SHARED,
        author=mentor,
        body="Amal: try map",
    )
    Note.objects.create(
        call=past,
        segment=segment,
        trainee=bo,
        level=NoteLevel.SHARED,
        author=mentor,
        body="Bo: try filter",
    )

    past_text = text_in(one(parse(client.get(url(token))), 'section[aria-labelledby="past-title"]'))

    assert "Monday 16 February 2026" in past_text
    assert "Great start, all" in past_text and "Amal: try map" in past_text
    assert "Bo: try filter" not in past_text


@pytest.mark.django_db
def test_the_trainee_reports_how_a_goal_went_and_sees_their_answer(client, setup):
    _, _, amal, _, _, token = setup
    goal = make_goal(amal, text="Finish the array katas", deadline=date(2026, 3, 9))

    response = client.post(
        url(token, "room:goal_report", goal.key),
        {"outcome": "met", "note": "finished it on Sunday"},
        follow=True,
    )

    assert "Thanks! Your mentor will see how “Finish the array katas” went." in page_text(response)
    said = text_in(one(parse(response), f"#goal-{goal.key} .said"))
    assert said == "You said: met — “finished it on Sunday”"
    goal.refresh_from_db()
    assert goal.status == "open"  # the mentor still decides


@pytest.mark.django_db
def test_a_goal_report_with_bad_input_explains_and_changes_nothing(client, setup):
    _, _, amal, _, _, token = setup
    goal = make_goal(amal, deadline=date(2026, 3, 9))

    response = client.post(
        url(token, "room:goal_report", goal.key), {"outcome": "great", "note": "x"}
    )

    assert response.status_code == 200
    assert "Choose met, partly or missed." in page_text(response)
    assert not GoalReport.objects.exists()


@pytest.mark.django_db
def test_another_trainees_goal_is_404_and_untouched(client, setup):
    _, _, _, bo, _, token = setup
    goal = make_goal(bo, deadline=date(2026, 3, 9))

    response = client.post(url(token, "room:goal_report", goal.key), {"outcome": "met"})

    assert response.status_code == 404
    assert not GoalReport.objects.exists()


@pytest.mark.django_db
def test_the_trainee_fills_their_retro_for_the_next_call(client, setup):
    _, _, amal, _, call, token = setup
    answers = {"last_lesson": "Arrays", "homework": "Katas", "not_understood": "reduce\nthis"}

    response = client.post(url(token, "room:retro"), answers, follow=True)

    assert "Thanks! Your retro is saved" in page_text(response)
    draft = RetroDraft.objects.get(call=call, trainee=amal)
    assert (draft.last_lesson, draft.homework, draft.not_understood) == (
        "Arrays",
        "Katas",
        "reduce\nthis",
    )
    assert text_in(one(parse(response), "#id_last_lesson")) == "Arrays"


@pytest.mark.django_db
def test_a_retro_too_long_explains_and_changes_nothing(client, setup):
    _, _, _, _, _, token = setup

    response = client.post(url(token, "room:retro"), {"last_lesson": "x" * 5000})

    assert response.status_code == 200
    assert "keep it under 4000 characters" in page_text(response)
    assert not RetroDraft.objects.exists()


@pytest.mark.django_db
def test_trainee_actions_take_only_post(client, setup):
    _, _, amal, _, _, token = setup
    goal = make_goal(amal)
    assert client.get(url(token, "room:retro")).status_code == 405
    assert client.get(url(token, "room:goal_report", goal.key)).status_code == 405
    assert client.post(url(token)).status_code == 405


@pytest.mark.django_db
def test_the_mentors_catch_up_starts_from_what_the_trainee_said(client, setup, frozen):
    mentor, _, amal, _, call, token = setup
    goal = make_goal(amal, text="Finish the array katas", deadline=date(2026, 3, 9))
    client.post(
        url(token, "room:goal_report", goal.key),
        {"outcome": "met", "note": "finished it on Sunday"},
    )
    frozen.move_to(NEXT)
    at_segment(call, SegmentKind.GOAL_CATCHUP, at=NEXT)
    client.force_login(mentor)

    row = one(parse(client.get(reverse("calls:detail", args=[call.key]))), ".said")

    assert text_in(row) == "Amal says: met — “finished it on Sunday”"


@pytest.mark.django_db
def test_a_report_on_an_old_deadline_is_not_shown_as_current(client, setup, frozen):
    mentor, _, amal, _, call, token = setup
    goal = make_goal(amal, deadline=date(2026, 3, 9))
    client.post(url(token, "room:goal_report", goal.key), {"outcome": "missed", "note": "ill"})
    Goal.objects.filter(pk=goal.pk).update(deadline=date(2026, 3, 8))
    frozen.move_to(NEXT)
    at_segment(call, SegmentKind.GOAL_CATCHUP, at=NEXT)
    client.force_login(mentor)

    assert "Amal says" not in page_text(client.get(reverse("calls:detail", args=[call.key])))


@pytest.mark.django_db
def test_the_mentors_retro_form_starts_with_the_trainees_text(client, setup, frozen):
    mentor, _, amal, bo, call, token = setup
    client.post(url(token, "room:retro"), {"last_lesson": "Arrays", "not_understood": "reduce"})
    frozen.move_to(NEXT)
    at_segment(call, SegmentKind.RECAP, at=NEXT)
    client.force_login(mentor)

    page = parse(client.get(reverse("calls:detail", args=[call.key])))

    assert text_in(one(page, f"#id_r{amal.pk}-last_lesson")) == "Arrays"
    assert text_in(one(page, f"#id_r{amal.pk}-not_understood")) == "reduce"
    assert text_in(one(page, f"#id_r{bo.pk}-last_lesson")) == ""
    assert "their own answers: check and save" in text_in(one(page, f"#retro-{amal.key}"))
