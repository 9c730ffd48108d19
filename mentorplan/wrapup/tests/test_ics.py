import zoneinfo
from datetime import datetime

import pytest
from icalendar import Calendar

from mentorplan.testing import make_call, make_group, make_mentor
from mentorplan.wrapup import ics

LONDON = zoneinfo.ZoneInfo("Europe/London")


def events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk() if c.name == "VEVENT"]


@pytest.mark.django_db
def test_a_session_on_the_day_british_clocks_go_back_keeps_its_local_time():
    # 25 October 2026 is the last Sunday of October: clocks go back from 02:00 BST to 01:00 GMT.
    before = make_call(
        make_group(make_mentor()), scheduled_at=datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    )
    after = make_call(before.group, scheduled_at=datetime(2026, 10, 25, 19, 0, tzinfo=LONDON))

    parsed = events(ics.calendar([before, after], zone="Europe/London"))

    starts = [event.decoded("dtstart") for event in parsed]
    assert [s.strftime("%H:%M") for s in starts] == ["00:30", "19:00"]
    assert [s.utcoffset().total_seconds() for s in starts] == [3600, 0]
    assert all(str(s.tzinfo) == "Europe/London" for s in starts)
    assert [event["dtstart"].params["TZID"] for event in parsed] == ["Europe/London"] * 2
    calendar = Calendar.from_ical(ics.calendar([before, after], zone="Europe/London"))
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


@pytest.mark.django_db
def test_the_invite_has_a_stable_uid_the_length_and_the_description():
    call = make_call(make_group(make_mentor(), name="Tuesday buddies"), length_minutes=80)

    first = events(
        ics.calendar([call], zone="Europe/London", descriptions={call.pk: "Goals: ship it"})
    )[0]
    again = events(ics.calendar([call], zone="Europe/London"))[0]

    assert str(first["uid"]) == str(again["uid"]) == f"{call.key}@mentorplan"
    assert (first.decoded("dtend") - first.decoded("dtstart")).total_seconds() == 80 * 60
    assert str(first["summary"]) == "Mentoring: Tuesday buddies"
    assert str(first["description"]) == "Goals: ship it"


@pytest.mark.django_db
def test_an_unknown_zone_falls_back_to_utc_instead_of_failing():
    call = make_call(make_group(make_mentor()))
    start = events(ics.calendar([call], zone="Mars/Olympus"))[0].decoded("dtstart")
    assert start.utcoffset().total_seconds() == 0
