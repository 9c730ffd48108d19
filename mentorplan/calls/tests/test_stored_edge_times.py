"""Sessions stored at the very ends of the calendar, from before the forms had a window: once
moved inside it, every page, invite and feed that shows them works for a mentor in any zone."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Membership, Role
from mentorplan.testing import make_call, make_group, make_mentor, start_call
from mentorplan.wrapup.models import CalendarFeed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
LAST = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
FIRST = datetime(1, 1, 1, 0, 30, tzinfo=UTC)


def _move_inside() -> None:
    module = importlib.import_module(
        "mentorplan.calls.migrations.0007_planned_times_inside_the_calendar"
    )
    module.move_inside(apps, None)


def test_sessions_at_the_ends_move_to_the_ends_of_the_window_and_others_stay():
    group = make_group(make_mentor())
    late, early = make_call(group, scheduled_at=LAST), make_call(group, scheduled_at=FIRST)
    usual = make_call(group, scheduled_at=datetime(2031, 3, 4, 18, 0, tzinfo=UTC))
    old = make_call(group, scheduled_at=datetime(2001, 3, 4, 18, 0, tzinfo=UTC))

    _move_inside()

    moved = dict(Call.objects.values_list("pk", "scheduled_at"))
    assert moved[late.pk] == datetime(2035, 1, 10, 23, 30, tzinfo=UTC)
    assert moved[early.pk] == datetime(2029, 1, 9, 0, 30, tzinfo=UTC)
    assert moved[usual.pk] == usual.scheduled_at
    assert moved[old.pk] == old.scheduled_at
    late.refresh_from_db()
    assert late.sequence == usual.sequence + 1  # calendars learn the new time


@pytest.mark.parametrize("stored", [LAST, FIRST])
def test_every_page_shows_a_moved_session_in_any_zone(client, stored):
    lead = make_mentor(timezone="Europe/London")
    co_mentor = make_mentor(timezone="Asia/Tokyo")
    west = make_mentor(timezone="America/Los_Angeles")
    group = make_group(lead)
    for mentor in (co_mentor, west):
        Membership.objects.create(group=group, user=mentor, role=Role.CO_MENTOR)
    planned = make_call(group, scheduled_at=stored)
    running = make_call(group, scheduled_at=stored)

    _move_inside()
    running.refresh_from_db()
    start_call(running, NOW - timedelta(minutes=5))

    for mentor in (lead, co_mentor, west):
        client.force_login(mentor)
        feed = CalendarFeed.objects.create(user=mentor)
        urls = [
            reverse("calls:detail", args=[planned.key]),
            reverse("calls:detail", args=[running.key]),
            reverse("calls:state", args=[running.key]),
            reverse("wrapup:invite", args=[planned.key]),
            reverse("calls:group_calls", args=[group.key]),
            reverse("groups:detail", args=[group.key]),
            reverse("goals:board", args=[group.key]),
            reverse("calendar_feed", args=[feed.token]),
        ]
        for url in urls:
            assert client.get(url).status_code == 200, (mentor.timezone, url)
