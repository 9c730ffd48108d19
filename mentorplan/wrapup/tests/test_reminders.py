import importlib
import io
import re
import zoneinfo
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mentorplan.calls.models import AttendanceStatus, Call
from mentorplan.feedback.models import CheckInStatus, Reason
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Role
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_feedback,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
)
from mentorplan.wrapup.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_reminders_are_sent_exactly_once_across_two_runs():
    # An afternoon in London: the session is tomorrow, on the goal's deadline. (Between midnight
    # and 4 am a session 20 hours away is the same day, before the deadline: no goal is due.)
    with _at(2026, 12, 3, 15, 0):
        _sent_exactly_once_across_two_runs()


def _sent_exactly_once_across_two_runs() -> None:
    lead = make_mentor(email="lead@example.org")
    co = make_mentor(email="co@example.org")
    group = make_group(lead, name="Tuesday buddies")
    group.memberships.create(user=co, role=Role.CO_MENTOR)
    amal = make_trainee(group, name="Amal", email="amal@example.org")
    make_trainee(group, name="Dawit")  # no e-mail: nothing to send
    make_goal(amal, text="Finish the quiz app", deadline=timezone.localdate() + timedelta(days=1))
    make_call(group, scheduled_at=timezone.now() + timedelta(hours=20))

    call_command("remind", stdout=io.StringIO())
    call_command("remind", stdout=io.StringIO())

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["amal@example.org", "co@example.org", "lead@example.org"]
    mentor_mail = next(m for m in mail.outbox if m.to == ["lead@example.org"])
    assert "Tuesday buddies" in mentor_mail.subject
    assert "Finish the quiz app" in mentor_mail.body  # last time's due goals, ready for catch-up
    assert Reminder.objects.count() == 3


@pytest.mark.django_db
def test_nothing_is_sent_for_sessions_far_away_or_goals_already_closed():
    group = make_group(make_mentor())
    amal = make_trainee(group, email="amal@example.org")
    make_goal(amal, deadline=timezone.localdate() + timedelta(days=10))
    make_goal(amal, deadline=timezone.localdate(), status="met")
    make_call(group, scheduled_at=timezone.now() + timedelta(days=3))

    call_command("remind", stdout=io.StringIO())

    assert mail.outbox == []


# --- Everyone's own time, with the job running in UTC as cron runs it ------------------------

UTC_ZONE = zoneinfo.ZoneInfo("UTC")


@pytest.fixture
def in_utc(settings):
    """The process's zone is UTC, as under cron, whatever the developer's machine says."""
    settings.TIME_ZONE = "UTC"
    timezone.activate(UTC_ZONE)
    yield
    timezone.deactivate()


def _at(year: int, month: int, day: int, hour: int, minute: int) -> time_machine.travel:
    return time_machine.travel(
        datetime(year, month, day, hour, minute, tzinfo=UTC_ZONE), tick=False
    )


def _remind() -> None:
    call_command("remind", stdout=io.StringIO())


def _mail_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


@pytest.fixture
def world(in_utc):
    """A lead mentor in Auckland (so the group's zone), a co-mentor in Lagos, and a trainee in
    São Paulo who gets e-mails."""
    lead = make_mentor(email="lead@example.org", display_name="Aroha", timezone="Pacific/Auckland")
    co = make_mentor(email="co@example.org", display_name="Chidi", timezone="Africa/Lagos")
    group = make_group(lead, name="Tuesday buddies")
    group.memberships.create(user=co, role=Role.CO_MENTOR)
    bea = make_trainee(group, name="Bea", email="bea@example.org", timezone="America/Sao_Paulo")
    return SimpleNamespace(lead=lead, co=co, group=group, bea=bea)


def test_each_person_reads_the_session_time_and_date_where_they_live(world):
    # Tuesday 3 March 2026, 19:30 UTC: Wednesday 08:30 in Auckland, Tuesday 20:30 in Lagos.
    make_call(world.group, scheduled_at=datetime(2026, 3, 3, 19, 30, tzinfo=UTC_ZONE))
    make_goal(world.bea, text="Push the form to GitHub", deadline=date(2026, 3, 3))
    make_goal(world.bea, text="Finish the quiz app", deadline=date(2026, 3, 4))
    make_goal(world.lead, world.group, text="Share two CSS links", deadline=date(2026, 3, 1))
    make_goal(world.bea, text="Read chapter four", deadline=date(2026, 3, 5))

    # Monday 2 March, 21:00 UTC: Tuesday 10:00 in Auckland, 22:00 in Lagos, 18:00 in São Paulo.
    with _at(2026, 3, 2, 21, 0):
        _remind()

    [lead] = _mail_to("lead@example.org")
    [co] = _mail_to("co@example.org")
    assert lead.subject == "Mentoring session with Tuesday buddies tomorrow"
    assert (
        "You meet Tuesday buddies tomorrow, Wednesday 4 March at 08:30 (Pacific/Auckland time)."
        in lead.body
    )
    assert (
        "You meet Tuesday buddies tomorrow, Tuesday 3 March at 20:30 (Africa/Lagos time)."
        in co.body
    )
    # Catch-up reviews what is due by the session's date in the group's zone (Wednesday 4th).
    due = (
        "- Aroha: Share two CSS links (due Sun 1 Mar)\n"
        "- Bea: Push the form to GitHub (due Tue 3 Mar)\n"
        "- Bea: Finish the quiz app (due Wed 4 Mar)\n"
    )
    for message in (lead, co):
        assert due in message.body
        assert "Read chapter four" not in message.body
        assert "No goals are due" not in message.body

    # In São Paulo it is still Monday evening: the goal due on Tuesday is due tomorrow.
    [bea] = _mail_to("bea@example.org")
    assert bea.subject == "Your goal is due tomorrow"
    assert 'your goal "Push the form to GitHub" is due tomorrow, Tuesday 3 March.' in bea.body


@pytest.mark.parametrize(
    ("zone", "session", "now", "sentence"),
    [
        # British clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        (
            "Europe/London",
            datetime(2026, 3, 29, 17, 0, tzinfo=UTC_ZONE),
            (2026, 3, 28, 18, 0),
            "tomorrow, Sunday 29 March at 18:00 (Europe/London time)",
        ),
        # New Zealand's clocks go back at 14:00 UTC on Saturday 4 April 2026.
        (
            "Pacific/Auckland",
            datetime(2026, 4, 5, 7, 0, tzinfo=UTC_ZONE),
            (2026, 4, 4, 8, 0),
            "tomorrow, Sunday 5 April at 19:00 (Pacific/Auckland time)",
        ),
    ],
)
def test_a_session_just_after_a_clock_change_is_told_in_the_new_local_time(
    in_utc, zone, session, now, sentence
):
    mentor = make_mentor(email="mentor@example.org", timezone=zone)
    make_call(make_group(mentor, name="Sunday club"), scheduled_at=session)

    with _at(*now):
        _remind()

    [message] = mail.outbox
    assert f"You meet Sunday club {sentence}." in message.body


@pytest.mark.parametrize(
    ("zone", "now", "sent"),
    [
        # The goal is due on Tuesday 3 March. Sunday 22:00 in São Paulo: two days away.
        ("America/Sao_Paulo", (2026, 3, 2, 1, 0), False),
        # Monday 00:30 in São Paulo: due tomorrow.
        ("America/Sao_Paulo", (2026, 3, 2, 3, 30), True),
        # Monday 23:30 in Auckland (10:30 UTC): due tomorrow.
        ("Pacific/Auckland", (2026, 3, 2, 10, 30), True),
        # Wednesday 00:30 in Auckland, still Tuesday in UTC: the deadline has passed there.
        ("Pacific/Auckland", (2026, 3, 3, 11, 30), False),
    ],
)
def test_the_goal_reminder_follows_the_trainees_own_day(in_utc, zone, now, sent):
    amal = make_trainee(make_group(make_mentor()), email="amal@example.org", timezone=zone)
    make_goal(amal, text="Finish the quiz app", deadline=date(2026, 3, 3))

    with _at(*now):
        _remind()

    assert len(mail.outbox) == int(sent)


def test_a_goal_given_more_time_is_reminded_again_before_its_new_deadline(in_utc):
    amal = make_trainee(make_group(make_mentor()), email="amal@example.org", timezone="UTC")
    goal = make_goal(amal, text="Finish the quiz app", deadline=date(2026, 3, 3))
    with _at(2026, 3, 2, 9, 0):
        _remind()
        _remind()
    assert len(mail.outbox) == 1

    Goal.objects.filter(pk=goal.pk).update(deadline=date(2026, 3, 10), times_extended=1)
    with _at(2026, 3, 9, 9, 0):
        _remind()
        _remind()

    assert len(mail.outbox) == 2
    assert "is due tomorrow, Tuesday 10 March." in mail.outbox[1].body


def test_a_session_moved_to_another_time_is_reminded_again(in_utc):
    mentor = make_mentor(email="mentor@example.org", timezone="Europe/London")
    call = make_call(make_group(mentor), scheduled_at=datetime(2026, 3, 3, 18, 0, tzinfo=UTC_ZONE))
    with _at(2026, 3, 2, 20, 0):
        _remind()
        Call.objects.filter(pk=call.pk).update(
            scheduled_at=datetime(2026, 3, 3, 19, 0, tzinfo=UTC_ZONE)
        )
        _remind()
        _remind()

    assert [m.body.splitlines()[2] for m in mail.outbox] == [
        f"You meet {call.group.name} tomorrow, Tuesday 3 March at 18:00 (Europe/London time).",
        f"You meet {call.group.name} tomorrow, Tuesday 3 March at 19:00 (Europe/London time).",
    ]


# --- What trainees receive --------------------------------------------------------------------

MENTORS_ONLY = re.compile(
    r"late|overdue|miss|concern|course team|behind|flag|extend|carr(y|ied)|times|beyond|\d+ ?x",
    re.IGNORECASE,
)


def test_a_trainees_reminder_says_nothing_that_is_the_mentors_business(in_utc):
    """Trainees get their own goal, how it counts as done and when it is due: never a status, a
    reason, a count of misses or extensions, or a flag for the course team."""
    group = make_group(make_mentor())
    amal = make_trainee(group, name="Amal", email="amal@example.org", timezone="UTC")
    old = make_goal(amal, text="Build the quiz app", deadline=date(2026, 2, 1), status="missed")
    make_goal(
        amal,
        text="Build the quiz app's first page",
        measure="It opens on a phone",
        deadline=date(2026, 3, 3),
        replaces=old,
        times_missed=2,
        times_extended=2,
    )
    call = end_call(make_call(group, scheduled_at=datetime(2026, 2, 20, 18, 0, tzinfo=UTC_ZONE)))
    check_in(call, amal, AttendanceStatus.LATE)
    make_feedback(call, amal, status=CheckInStatus.CONCERN, reasons=[Reason.FALLING_BEHIND])

    with _at(2026, 3, 2, 9, 0):
        _remind()

    [message] = mail.outbox
    assert "Build the quiz app's first page" in message.body
    assert "It opens on a phone" in message.body
    assert MENTORS_ONLY.search(str(message.subject)) is None
    assert MENTORS_ONLY.search(str(message.body)) is None, message.body


def test_reminders_sent_before_the_upgrade_are_not_sent_again(in_utc):
    """Keys recorded before they named the time get it from the migration."""
    upgrade = importlib.import_module(
        "mentorplan.wrapup.migrations.0004_reminder_keys_name_the_time"
    )
    mentor = make_mentor(email="mentor@example.org")
    group = make_group(mentor)
    amal = make_trainee(group, email="amal@example.org", timezone="UTC")
    with _at(2026, 3, 2, 20, 0):
        call = make_call(group, scheduled_at=datetime(2026, 3, 3, 18, 0, tzinfo=UTC_ZONE))
        goal = make_goal(amal, deadline=date(2026, 3, 3))
        Reminder.objects.create(kind="session", subject_key=str(call.key), recipient=mentor.email)
        Reminder.objects.create(kind="goal_due", subject_key=str(goal.key), recipient=amal.email)

        upgrade.name_the_time(django_apps, None)
        _remind()

    assert mail.outbox == []
