"""Dates at the edges of the calendar: a session is planned from a year back to five years ahead,
whatever the mentor's zone, and a date outside that gets a clear message next to the field."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import default_plan, field_errors, make_call, start_call

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
WINDOW = (
    "Choose a date between 9 January 2029 and 10 January 2035: from a year ago to five years ahead."
)

EDGES = [("9999-12-31", "23:30"), ("0001-01-01", "00:30"), ("2035-01-11", "19:00")]
ZONES = ["Europe/London", "Asia/Tokyo", "America/Los_Angeles"]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("day", "at"), EDGES)
def test_planning_a_session_outside_the_window_is_refused(client, mentor, group, zone, day, at):
    mentor.timezone = zone
    mentor.save()

    response = client.post(
        reverse("calls:plan", args=[group.key]),
        {"plan": default_plan().pk, "date": day, "time": at, "length_minutes": ""},
    )

    assert response.status_code == 200
    assert field_errors(response, "id_date") == [WINDOW]
    assert not Call.objects.exists()


def test_the_last_day_of_the_window_can_be_planned(client, group):
    response = client.post(
        reverse("calls:plan", args=[group.key]),
        {"plan": default_plan().pk, "date": "2035-01-10", "time": "23:30", "length_minutes": ""},
    )

    assert response.status_code == 302
    assert Call.objects.get().scheduled_at == datetime(2035, 1, 10, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(("day", "at"), EDGES[:2])
def test_the_follow_up_outside_the_window_is_refused(client, mentor, group, day, at):
    mentor.timezone = "Asia/Tokyo"
    mentor.save()
    call = start_call(make_call(group, scheduled_at=NOW), NOW)

    response = client.post(reverse("wrapup:follow_up", args=[call.key]), {"date": day, "time": at})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert WINDOW in page
    assert Call.objects.count() == 1
