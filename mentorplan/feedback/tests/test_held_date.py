"""Planned is not actual, for the course team: the tracker CSV's Date, "last seen", the 14-day rule
and the feedback table use the day a session ran, not the day it was planned.

The group's zone is its lead mentor's: the CSV's Date and the check-in days are counted there,
whoever reads them. Pages show times in the reader's own zone."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Group, Membership, Role
from mentorplan.testing import (
    HTMX,
    check_in,
    end_call,
    make_call,
    make_feedback,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    start_call,
)

pytestmark = pytest.mark.django_db

# Planned for Thursday 3 December 18:00 in London, run the day before at 08:57.
PLANNED = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
STARTED = datetime(2026, 12, 2, 8, 57, tzinfo=UTC)


def _run(group: Group, planned: datetime, started: datetime) -> Call:
    call = start_call(make_call(group, scheduled_at=planned), started)
    return end_call(call, started + timedelta(hours=1))


def _group(client, lead_zone: str = "Europe/London", reader_zone: str | None = None) -> Group:
    lead = make_mentor(timezone=lead_zone)
    group = make_group(lead, name="Evening group", region="North West")
    make_trainee(group, name="Amal")
    reader: User = lead
    if reader_zone:
        reader = make_mentor(timezone=reader_zone)
        Membership.objects.create(group=group, user=reader, role=Role.CO_MENTOR)
    client.force_login(reader)
    return group


def _csv_dates(client, group: Group) -> list[str]:
    response = client.get(reverse("feedback:export", args=[group.key]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return [row[2] for row in rows[1:]]


# --- The tracker CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reader_zone", ["Europe/London", "Africa/Lagos", "America/Sao_Paulo", "Pacific/Auckland"]
)
def test_the_csv_date_is_the_day_the_session_ran_for_every_reader(client, reader_zone):
    group = _group(client, reader_zone=reader_zone)
    make_feedback(_run(group, PLANNED, STARTED), group.trainees.get())

    assert _csv_dates(client, group) == ["2026-12-02"]


def test_the_csv_date_is_counted_in_the_groups_zone_not_the_servers(client):
    """An Auckland group's session at 09:00 on Wednesday 2 December there is 20:00 on Tuesday in
    UTC, and 17:00 on Tuesday for a co-mentor in São Paulo."""
    group = _group(client, lead_zone="Pacific/Auckland", reader_zone="America/Sao_Paulo")
    ran = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    make_feedback(_run(group, ran, ran), group.trainees.get())

    assert _csv_dates(client, group) == ["2026-12-02"]


@pytest.mark.parametrize(
    ("ran", "day"),
    [
        # 23:30 UTC on Saturday 24 October is 00:30 on Sunday in London's summer time...
        (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), "2026-10-25"),
        # ...and on Saturday 31 October, after the clocks went back, still Saturday.
        (datetime(2026, 10, 31, 23, 30, tzinfo=UTC), "2026-10-31"),
        # Sunday 29 March 00:30 UTC is before the clocks go forward at 01:00: still 00:30 there.
        (datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "2026-03-29"),
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-28"),
    ],
)
def test_the_csv_date_across_londons_clock_changes(client, ran, day):
    group = _group(client)
    make_feedback(_run(group, ran.replace(day=ran.day - 2), ran), group.trainees.get())

    assert _csv_dates(client, group) == [day]


def test_the_csv_lists_sessions_in_the_order_they_ran(client):
    group = _group(client)
    amal = group.trainees.get()
    # Planned first but run last, then one planned and run in between.
    make_feedback(
        _run(group, datetime(2026, 11, 30, 18, tzinfo=UTC), STARTED), amal, precise="Late one"
    )
    make_feedback(
        _run(group, datetime(2026, 12, 1, 18, tzinfo=UTC), datetime(2026, 12, 1, 18, tzinfo=UTC)),
        amal,
        precise="On time",
    )

    assert _csv_dates(client, group) == ["2026-12-01", "2026-12-02"]


def test_the_course_teams_admin_csv_uses_the_day_it_ran(client):
    group = _group(client)
    make_feedback(_run(group, PLANNED, STARTED), group.trainees.get())
    client.force_login(make_mentor(is_staff=True, is_superuser=True, timezone="Pacific/Auckland"))
    response = client.post(
        reverse("admin:feedback_feedback_changelist"),
        {"action": "export_csv", "_selected_action": [f.pk for f in Feedback.objects.all()]},
    )
    listing = page_text(client.get(reverse("admin:feedback_feedback_changelist")))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[2] for row in rows[1:]] == ["2026-12-02"]
    # The list shows the day in the reader's zone: Wednesday 21:57 in Auckland.
    assert "2026-12-02" in listing and "2026-12-03" not in listing


# --- Last seen and the 14-day rule -----------------------------------------------------------


def _check_ins(client, group: Group) -> str:
    response = client.get(reverse("feedback:team", args=[group.key]), headers=HTMX)
    assert response.status_code == 200
    return page_text(response)


@time_machine.travel(datetime(2026, 12, 4, 12, 0, tzinfo=UTC), tick=False)
def test_last_seen_is_the_day_the_session_ran(client):
    group = _group(client)
    check_in(_run(group, PLANNED, STARTED), group.trainees.get())

    text = _check_ins(client, group)

    assert "last seen 2 Dec" in text
    assert "3 Dec" not in text


@time_machine.travel(datetime(2026, 12, 16, 12, 0, tzinfo=UTC), tick=False)
def test_a_session_planned_weeks_ago_but_run_fourteen_days_ago_is_not_stale(client):
    group = _group(client)
    group.trainees.update(created_at=datetime(2026, 9, 1, tzinfo=UTC))
    check_in(_run(group, datetime(2026, 11, 20, 18, tzinfo=UTC), STARTED), group.trainees.get())

    text = _check_ins(client, group)

    assert "last seen 2 Dec" in text
    assert "no check-in for over 14 days" not in text


@time_machine.travel(datetime(2026, 12, 17, 12, 0, tzinfo=UTC), tick=False)
def test_a_session_planned_recently_but_run_fifteen_days_ago_is_stale(client):
    group = _group(client)
    group.trainees.update(created_at=datetime(2026, 9, 1, tzinfo=UTC))
    check_in(_run(group, datetime(2026, 12, 10, 18, tzinfo=UTC), STARTED), group.trainees.get())

    assert "no check-in for over 14 days" in _check_ins(client, group)


@time_machine.travel(datetime(2026, 12, 16, 10, 0, tzinfo=UTC), tick=False)
def test_the_fourteen_days_are_counted_in_the_groups_zone(client):
    """An Auckland group: the session ran on Wednesday 2 December there (Tuesday in UTC), and it
    is Wednesday 16 December there now, so fourteen days have passed, not fifteen."""
    group = _group(client, lead_zone="Pacific/Auckland", reader_zone="America/Sao_Paulo")
    group.trainees.update(created_at=datetime(2026, 9, 1, tzinfo=UTC))
    ran = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    check_in(_run(group, ran, ran), group.trainees.get())

    text = _check_ins(client, group)

    assert "last seen 2 Dec" in text
    assert "no check-in for over 14 days" not in text


# --- The feedback table ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reader_zone", ["Europe/London", "Africa/Lagos", "America/Sao_Paulo", "Pacific/Auckland"]
)
def test_the_feedback_table_dates_feedback_by_the_day_the_session_ran(client, reader_zone):
    group = _group(client, reader_zone=reader_zone)
    make_feedback(_run(group, PLANNED, STARTED), group.trainees.get())

    text = page_text(client.get(reverse("feedback:team", args=[group.key])))

    assert "2 Dec 2026" in text
    assert "3 Dec 2026" not in text and "4 Dec 2026" not in text
