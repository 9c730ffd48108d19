"""Calendar invites (RFC 5545) built with the icalendar package."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from mentorplan.calls.models import Call
from mentorplan.lib.timezones import zone_or_utc

PRODID = "-//Mentorplan//Mentoring sessions//EN"


def uid(call: Call) -> str:
    """Stable for the life of the session, so a re-download updates the same calendar entry."""
    return f"{call.key}@mentorplan"


def calendar(
    calls: Iterable[Call], *, zone: str, descriptions: dict[int, str] | None = None, name: str = ""
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    tz = zone_or_utc(zone)
    for call in calls:
        start = timezone.localtime(call.scheduled_at, tz)
        event = Event()
        event.add("uid", uid(call))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=call.length_minutes))
        event.add("summary", f"Mentoring: {call.group.name}")
        event.add(
            "description", (descriptions or {}).get(call.pk, f"Session plan: {call.plan_title}.")
        )
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
