"""Planned is not actual: once a session has run, its date is the day it ran, and the finished page
and the session list say both when the two days differ. Times read in the reader's own zone."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import end_call, make_call, make_group, make_mentor, page_text, start_call

pytestmark = pytest.mark.django_db

# Planned for Thursday 3 December 18:00 in London, run the day before at 08:57.
PLANNED = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
STARTED = datetime(2026, 12, 2, 8, 57, tzinfo=UTC)
ENDED = datetime(2026, 12, 2, 10, 12, tzinfo=UTC)


def _text(response) -> str:
    """The page's text, without the space the tag stripping leaves before a comma or full stop."""
    assert response.status_code == 200
    return re.sub(r" ([,.])", r"\1", page_text(response))


def _ran_early(reader_zone: str, client) -> Call:
    mentor = make_mentor(timezone=reader_zone)
    client.force_login(mentor)
    call = start_call(make_call(make_group(mentor), scheduled_at=PLANNED), STARTED)
    return end_call(call, ENDED)


@pytest.mark.parametrize(
    ("zone", "planned", "held"),
    [
        ("Europe/London", "Thursday 3 December at 18:00", "Wednesday 2 December at 08:57"),
        ("Africa/Lagos", "Thursday 3 December at 19:00", "Wednesday 2 December at 09:57"),
        ("America/Sao_Paulo", "Thursday 3 December at 15:00", "Wednesday 2 December at 05:57"),
        ("Pacific/Auckland", "Friday 4 December at 07:00", "Wednesday 2 December at 21:57"),
    ],
)
def test_the_finished_page_is_dated_the_day_it_ran_and_says_when_it_was_planned(
    client, zone, planned, held
):
    call = _ran_early(zone, client)

    text = _text(client.get(reverse("calls:detail", args=[call.key])))

    day = held.split(" at ")[0]
    assert f"Session of {day}" in text
    assert f"Planned for {planned}, held on {held}." in text
    assert f"Session of {planned.split(' at ')[0]}" not in text


@pytest.mark.parametrize(
    ("zone", "row"),
    [
        ("Europe/London", "Wed 2 Dec 2026, 08:57 planned for Thu 3 Dec, 18:00"),
        ("Pacific/Auckland", "Wed 2 Dec 2026, 21:57 planned for Fri 4 Dec, 07:00"),
    ],
)
def test_the_session_list_shows_the_day_it_ran_and_the_plan(client, zone, row):
    call = _ran_early(zone, client)

    text = _text(client.get(reverse("calls:group_calls", args=[call.group.key])))

    assert row in text


def test_a_session_run_on_its_planned_day_says_one_date(client):
    mentor = make_mentor(timezone="Europe/London")
    client.force_login(mentor)
    call = make_call(make_group(mentor), scheduled_at=PLANNED)
    start_call(call, datetime(2026, 12, 3, 18, 4, tzinfo=UTC))
    end_call(call, datetime(2026, 12, 3, 19, 20, tzinfo=UTC))

    text = _text(client.get(reverse("calls:detail", args=[call.key])))

    assert "Session of Thursday 3 December" in text
    assert "Planned for" not in text
    assert "ran from 18:04 to 19:20" in text


def test_across_the_autumn_clock_change_each_time_has_its_own_offset(client):
    """London's clocks go back on Sunday 25 October 2026 at 02:00 (01:00 UTC): a session run at
    00:30 that Sunday (still summer time) and planned for 18:00 the next day (winter time)."""
    mentor = make_mentor(timezone="Europe/London")
    client.force_login(mentor)
    call = make_call(make_group(mentor), scheduled_at=datetime(2026, 10, 26, 18, 0, tzinfo=UTC))
    start_call(call, datetime(2026, 10, 24, 23, 30, tzinfo=UTC))
    end_call(call, datetime(2026, 10, 25, 0, 45, tzinfo=UTC))

    text = _text(client.get(reverse("calls:detail", args=[call.key])))

    assert "Session of Sunday 25 October" in text
    assert "Planned for Monday 26 October at 18:00, held on Sunday 25 October at 00:30." in text
