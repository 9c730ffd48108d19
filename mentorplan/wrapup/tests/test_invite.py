"""The calendar invite (.ics) of a planned session."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Trainee
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    start_call,
)
from mentorplan.wrapup import ics
from mentorplan.wrapup.models import Resource, ResourceShare
from mentorplan.wrapup.tests.calendar_clients import PARSERS, SESSIONS_AROUND_CLOCK_CHANGES

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _url(call: Call) -> str:
    return reverse("wrapup:invite", args=[call.key])


@pytest.fixture
def following(group) -> Call:
    return make_call(group, scheduled_at=datetime(2030, 4, 2, 19, 0, tzinfo=LONDON))


def _event(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    return event


def test_the_invite_downloads_and_parses(client, following):
    response = client.get(_url(following))

    assert response["Content-Disposition"] == 'attachment; filename="mentoring-2030-04-02.ics"'
    event = _event(response)
    assert event.decoded("dtstart") == datetime(2030, 4, 2, 19, 0, tzinfo=LONDON)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert str(event["summary"]) == "Mentoring: Tuesday buddies"


def test_the_uid_is_stable_across_downloads(client, following):
    first = _event(client.get(_url(following)))
    again = _event(client.get(_url(following)))

    assert str(first["uid"]) == str(again["uid"]) == f"{following.key}@mentorplan"


def test_the_description_has_the_shared_parts_of_the_last_summary(
    client, mentor, call, amal, following
):
    check_in(call, amal)
    segment = call.segments.first()
    assert segment is not None
    Note.objects.create(
        call=call, segment=segment, level=NoteLevel.PRIVATE, author=mentor, body="Private: tired"
    )
    end_call(call)

    description = str(_event(client.get(_url(following)))["description"])

    assert "*Who was there:* Amal" in description
    assert "Private" not in description


def test_an_outsider_gets_404(client, following, outsider):
    assert client.get(_url(following)).status_code == 404


def test_wrong_method(client, following):
    assert client.post(_url(following)).status_code == 405


@pytest.mark.django_db
def test_the_invite_offered_during_wrap_up_describes_the_session_still_running(client):
    mentor = make_mentor()
    group = make_group(mentor)
    old = end_call(make_call(group, scheduled_at=timezone.now() - timedelta(days=14)))
    now = start_call(make_call(group, scheduled_at=timezone.now() - timedelta(minutes=60)))
    link = Resource.objects.create(owner=mentor, title="Shared today", url="https://example.org/t")
    ResourceShare.objects.create(call=now, resource=link)
    following = now.plan_next(timezone.now() + timedelta(days=14), created_by=mentor)
    assert old.ended_at is not None
    client.force_login(mentor)

    body = client.get(reverse("wrapup:invite", args=[following.key])).content
    description = str(next(iter(Calendar.from_ical(body).walk("VEVENT")))["description"])

    assert "Shared today" in description


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("zone", SESSIONS_AROUND_CLOCK_CHANGES)
def test_other_calendar_programs_read_the_invite_at_the_right_instant(
    client, mentor, group, parser, zone
):
    mentor.timezone = zone
    mentor.save(update_fields=["timezone"])
    read = PARSERS[parser]
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), tick=False):
        for local, instant in SESSIONS_AROUND_CLOCK_CHANGES[zone]:
            call = make_call(group, scheduled_at=local.replace(tzinfo=zoneinfo.ZoneInfo(zone)))

            starts = read(client.get(_url(call)).content)

            assert starts == {ics.uid(call): instant}, f"{local:%d %b %Y %H:%M} in {zone}"


# --- Each trainee's own time ------------------------------------------------------------------

STARTS = [
    "• Tuesday 15 January, 19:00 (Africa/Lagos time) for Dawit",
    "• Tuesday 15 January, 15:00 (America/Sao_Paulo time) for Bea",
    "• Tuesday 15 January, 18:00 (Europe/London time) for Amal",
]


@pytest.fixture
def world_group(group, amal):
    """Trainees in London (Amal), Lagos and São Paulo, and the mentor's own zone elsewhere."""
    make_trainee(group, name="Dawit", timezone="Africa/Lagos")
    make_trainee(group, name="Bea", timezone="America/Sao_Paulo")
    return group


def _description(client, call: Call) -> str:
    return str(_event(client.get(_url(call)))["description"])


def test_a_first_session_invite_gives_the_start_in_each_trainees_zone(client, mentor, world_group):
    mentor.timezone = "Pacific/Auckland"
    mentor.save(update_fields=["timezone"])
    first = make_call(world_group, scheduled_at=datetime(2030, 1, 15, 18, 0, tzinfo=LONDON))

    description = _description(client, first)

    assert description.startswith("Starts:\n" + "\n".join(STARTS) + "\n\n")
    assert "Session plan:" in description


def test_the_next_calls_invite_gives_each_trainees_time_once(client, world_group):
    end_call(make_call(world_group, scheduled_at=datetime(2030, 1, 1, 18, 0, tzinfo=LONDON)))
    following = make_call(world_group, scheduled_at=datetime(2030, 1, 15, 18, 0, tzinfo=LONDON))

    description = _description(client, following)

    for line in STARTS:
        assert description.count(line) == 1, description


def test_a_session_planned_further_ahead_gives_its_own_start_first(client, world_group):
    end_call(make_call(world_group, scheduled_at=datetime(2030, 1, 1, 18, 0, tzinfo=LONDON)))
    make_call(world_group, scheduled_at=datetime(2030, 1, 8, 18, 0, tzinfo=LONDON))
    later = make_call(world_group, scheduled_at=datetime(2030, 1, 15, 18, 0, tzinfo=LONDON))

    description = _description(client, later)

    assert description.startswith("Starts:\n" + "\n".join(STARTS) + "\n\n*Mentoring session")


def test_the_description_is_plain_text_as_calendars_show_it(client, mentor, call, amal, following):
    """A calendar shows the description as typed: no Markdown escapes in names or notes."""
    Trainee.objects.filter(pk=amal.pk).update(name="Amal_O *star*")
    check_in(call, amal)
    segment = call.segments.first()
    assert segment is not None
    Note.objects.create(
        call=call, segment=segment, level=NoteLevel.SHARED, author=mentor, body="Read [MDN] & try"
    )
    end_call(call)

    description = _description(client, following)

    assert "Amal_O *star*" in description
    assert "Read [MDN] & try" in description
    assert "\\" not in description
