from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from mentorplan.testing import make_call, make_group, make_mentor
from mentorplan.wrapup import ics
from mentorplan.wrapup.models import CalendarFeed
from mentorplan.wrapup.tests.calendar_clients import PARSERS, SESSIONS_AROUND_CLOCK_CHANGES


@pytest.mark.django_db
def test_the_feed_lists_the_mentors_sessions_without_logging_in(client):
    mentor = make_mentor()
    mine = make_call(make_group(mentor, name="Mine"))
    make_call(make_group(make_mentor(), name="Someone else's"))
    feed = CalendarFeed.objects.create(user=mentor)

    response = client.get(reverse("calendar_feed", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    uids = [str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert uids == [f"{mine.key}@mentorplan"]


@pytest.mark.django_db
def test_the_feed_url_is_404_after_revocation_and_a_new_one_works(client):
    mentor = make_mentor()
    make_call(make_group(mentor))
    client.force_login(mentor)
    client.post(reverse("wrapup:feed_settings"), {"action": "create"})
    old = CalendarFeed.objects.get(user=mentor, revoked_at__isnull=True)

    client.post(reverse("wrapup:feed_settings"), {"action": "create"})
    client.logout()

    assert client.get(reverse("calendar_feed", args=[old.token])).status_code == 404
    new = CalendarFeed.objects.get(user=mentor, revoked_at__isnull=True)
    assert client.get(reverse("calendar_feed", args=[new.token])).status_code == 200

    client.force_login(mentor)
    client.post(reverse("wrapup:feed_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("calendar_feed", args=[new.token])).status_code == 404
    assert client.get(reverse("calendar_feed", args=["guessed-token"])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("zone", SESSIONS_AROUND_CLOCK_CHANGES)
def test_other_calendar_programs_read_the_feed_at_the_right_instants(client, parser, zone):
    mentor = make_mentor(timezone=zone)
    group = make_group(mentor)
    feed = CalendarFeed.objects.create(user=mentor)
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), tick=False):
        expected = {
            ics.uid(make_call(group, scheduled_at=local.replace(tzinfo=ZoneInfo(zone)))): instant
            for local, instant in SESSIONS_AROUND_CLOCK_CHANGES[zone]
        }

        starts = PARSERS[parser](client.get(reverse("calendar_feed", args=[feed.token])).content)

    assert starts == expected
