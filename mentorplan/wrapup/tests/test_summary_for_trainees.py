"""The summary goes to the trainees: it is dated the day the session ran, gives the next call in
each trainee's own time, and leaves out what is between the mentors and the course team."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import AttendanceStatus, Call
from mentorplan.goals import actions as goal_actions
from mentorplan.goals.models import NextStep
from mentorplan.groups.models import Group
from mentorplan.recap.models import TopicPerson, TopicStatus
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_feedback,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
    start_call,
)
from mentorplan.wrapup import summary

pytestmark = pytest.mark.django_db

FORMATS = [summary.as_markdown, summary.as_slack]
# Planned for Thursday 3 December 18:00 in London, run the day before at 08:57.
PLANNED = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
STARTED = datetime(2026, 12, 2, 8, 57, tzinfo=UTC)
DUE = date(2026, 12, 1)


def _group(lead_zone: str = "Europe/London") -> tuple[User, Group]:
    mentor = make_mentor(timezone=lead_zone)
    group = make_group(mentor)
    make_trainee(group, name="Amal", timezone="Europe/London")
    make_trainee(group, name="Bola", timezone="Africa/Lagos")
    make_trainee(group, name="Caio", timezone="America/Sao_Paulo")
    return mentor, group


def _run(group: Group, planned: datetime, started: datetime) -> Call:
    call = start_call(make_call(group, scheduled_at=planned), started)
    return end_call(call, started + timedelta(hours=1, minutes=15))


# --- The day it ran -------------------------------------------------------------------------------


@pytest.mark.parametrize("render", FORMATS)
@pytest.mark.parametrize(
    "active_zone", ["UTC", "Europe/London", "Africa/Lagos", "America/Sao_Paulo", "Pacific/Auckland"]
)
def test_the_summary_is_dated_the_day_the_session_ran(render, active_zone):
    _, group = _group()
    call = _run(group, PLANNED, STARTED)

    with timezone.override(active_zone):
        text = render(summary.build(call))

    assert "Mentoring session, Wednesday 2 December 2026" in text
    assert "3 December" not in text


@pytest.mark.parametrize("render", FORMATS)
def test_the_day_is_the_groups_not_the_servers(render):
    """Run at 09:00 on Wednesday in Auckland: Tuesday evening in UTC."""
    _, group = _group(lead_zone="Pacific/Auckland")
    ran = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    call = _run(group, ran, ran)

    with timezone.override("UTC"):
        text = render(summary.build(call))

    assert "Mentoring session, Wednesday 2 December 2026" in text


# --- The next call in each trainee's time ---------------------------------------------------------


@pytest.mark.parametrize("render", FORMATS)
@pytest.mark.parametrize(
    ("following", "lines"),
    [
        (
            # Before London's clocks go back: London and Lagos read the same time.
            datetime(2026, 10, 23, 17, 0, tzinfo=UTC),
            [
                "Friday 23 October, 14:00 (America/Sao_Paulo time) for Caio",
                "Friday 23 October, 18:00 (Africa/Lagos time) for Bola",
                "Friday 23 October, 18:00 (Europe/London time) for Amal",
            ],
        ),
        (
            # After: London is an hour behind Lagos.
            datetime(2026, 10, 30, 18, 0, tzinfo=UTC),
            [
                "Friday 30 October, 15:00 (America/Sao_Paulo time) for Caio",
                "Friday 30 October, 19:00 (Africa/Lagos time) for Bola",
                "Friday 30 October, 18:00 (Europe/London time) for Amal",
            ],
        ),
    ],
)
def test_the_next_call_is_given_in_each_trainees_own_time(render, following, lines):
    mentor, group = _group()
    ran = datetime(2026, 10, 16, 17, 0, tzinfo=UTC)
    call = _run(group, ran, ran)
    call.plan_next(following, created_by=mentor)

    with timezone.override("Pacific/Auckland"):  # the zone a request or cron runs in is no matter
        text = render(summary.build(call))

    for line in lines:
        assert line in text, line
    assert "Pacific/Auckland" not in text


def test_the_planned_page_lists_the_same_local_times(client):
    mentor, group = _group()
    client.force_login(mentor)
    call = make_call(group, scheduled_at=datetime(2026, 10, 30, 18, 0, tzinfo=UTC))

    text = page_text(client.get(reverse("calls:detail", args=[call.key])))

    assert "Fri 30 Oct, 18:00 for Amal (Europe/London)" in text
    assert "Fri 30 Oct, 19:00 for Bola (Africa/Lagos)" in text
    assert "Fri 30 Oct, 15:00 for Caio (America/Sao_Paulo)" in text


# --- Nothing that is the mentors' business --------------------------------------------------------


MENTORS_WORDS = re.compile(
    r"\blate\b|\baway\b|absent|miss|course team|concern|on track|beyond|falling behind"
    r"|flag|carried|given more time|personal|not yet",
    re.IGNORECASE,
)


@pytest.fixture
def eventful() -> Call:
    """A session where one trainee came late and one stayed away, goals were missed (one for the
    third time, so it is flagged), a topic went to the course team, and feedback says concern."""
    mentor, group = _group()
    amal, bola, caio = group.trainees.order_by("name")
    call = _run(group, PLANNED, STARTED)
    check_in(call, amal)
    check_in(call, bola, AttendanceStatus.LATE)
    check_in(call, caio, AttendanceStatus.ABSENT)
    goal_actions.review(
        make_goal(amal, text="Finish the quiz app", deadline=DUE),
        outcome="met",
        by=mentor,
        call=call,
    )
    flagged = make_goal(bola, text="Read chapter 4", deadline=DUE, times_missed=2)
    goal_actions.review(
        flagged,
        outcome="missed",
        by=mentor,
        call=call,
        note="Night shifts this week",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=date(2026, 12, 9),
    )
    goal_actions.review(
        make_goal(caio, text="Write three tests", deadline=DUE),
        outcome="extended",
        by=mentor,
        call=call,
        new_deadline=date(2026, 12, 16),
    )
    goal_actions.review(
        make_goal(caio, text="Refactor the form", deadline=DUE),
        outcome="missed",
        by=mentor,
        call=call,
        note="Stuck on setup",
        next_step=NextStep.DROP,
    )
    topic = make_topic(call, "Returning values", amal, bola, caio)
    TopicPerson.objects.filter(topic=topic, trainee=amal).update(status=TopicStatus.UNDERSTOOD)
    TopicPerson.objects.filter(topic=topic, trainee=bola).update(status=TopicStatus.NEEDS_TEAM)
    for trainee in (amal, bola, caio):
        make_feedback(call, trainee, status="concern", reasons=["falling_behind", "personal"])
    return call


@pytest.mark.parametrize("render", FORMATS)
def test_no_lateness_statuses_misses_or_flags_reach_the_trainees(eventful, render):
    text = render(summary.build(eventful))

    assert MENTORS_WORDS.findall(text) == []
    assert "Night shifts" not in text and "Stuck on setup" not in text


@pytest.mark.parametrize("render", FORMATS)
def test_what_trainees_do_see_is_said_kindly(eventful, render):
    text = render(summary.build(eventful))

    assert "Who was there:" in text
    assert re.search(r"Who was there:\W* Amal, Bola\n", text)  # Caio stayed away: not named
    assert "Finish the quiz app — done" in text
    assert "Read chapter 4 — still going, new deadline 9 Dec" in text
    assert "Write three tests — still going, new deadline 16 Dec" in text
    assert "Refactor the form — set aside" in text
    assert (
        "Returning values: Amal: understood; Bola: still working on it; Caio: still working on it"
        in text
    )


def test_the_summary_page_says_what_it_leaves_out(client, eventful):
    client.force_login(eventful.group.memberships.get().user)

    text = page_text(client.get(reverse("wrapup:summary", args=[eventful.key])))

    assert "This summary is written for your trainees." in text
    assert "It leaves out what is between you and the course team: who was late or away" in text
