"""Calendar invites (RFC 5545) built with the icalendar package."""

import zoneinfo
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from mentorplan.calls.models import Call
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.wrapup import summary

PRODID = "-//Mentorplan//Mentoring sessions//EN"


def uid(call: Call) -> str:
    """Stable for the life of the session, so a re-download updates the same calendar entry."""
    return f"{call.key}@mentorplan"


def invite_description(call: Call) -> str:
    """What a session's invite says, for everyone in the group: what the last session shared
    (its summary, which ends with the next call in each trainee's zone), and the start in each
    trainee's zone when that summary does not already give it (a group's first session, or a
    session planned further ahead). Calendar programs show a description as plain text, so it is
    the summary's plain-text form (the one written for Slack's message box), not Markdown with
    its backslash escapes."""
    previous = call.previous()
    shared = summary.build(previous) if previous is not None else None
    if shared is not None and shared.next_call == call:
        return summary.as_slack(shared)
    starts = "\n".join(
        f"• {t.when} ({t.zone} time){f' for {t.names}' if t.names else ''}"
        for t in summary.next_times_of(call, call.group.zone())
    )
    notes = summary.as_slack(shared) if shared else f"Session plan: {call.plan_title}.\n"
    return f"Starts:\n{starts}\n\n{notes}"


def vtimezone(zone: zoneinfo.ZoneInfo, starts: Sequence[datetime]) -> Timezone:
    """The zone's clock changes from the year before the first start to the year after the last.

    icalendar lists all the changes of one kind on a single RDATE line with commas. That is valid,
    but Thunderbird's parser (ical.js) and vobject read only the first date of such a line and so
    put later sessions an hour out. One RDATE line per change reads the same everywhere."""
    first = date(min(starts).year - 1, 1, 1)
    last = date(max(starts).year + 2, 1, 1)
    component = Timezone.from_tzinfo(zone, tzid=zone.key, first_date=first, last_date=last)
    for observance in component.subcomponents:
        listed = observance.pop("RDATE", None)
        for line in listed if isinstance(listed, list) else [listed] if listed else []:
            for value in line.dts:
                observance.add("RDATE", value.dt)
    return component


def invite(call: Call, *, zone: str) -> bytes:
    """The one invite of one session, as downloaded or e-mailed: the session as it now stands
    (its SEQUENCE tells calendars it replaces an earlier invite with the same UID), or, once it is
    cancelled, a cancellation (METHOD:CANCEL, STATUS:CANCELLED) that removes it."""
    method = "CANCEL" if call.cancelled_at else "PUBLISH"
    descriptions = {call.pk: invite_description(call)}
    return calendar([call], zone=zone, descriptions=descriptions, method=method)


def calendar(
    calls: Iterable[Call],
    *,
    zone: str,
    descriptions: dict[int, str] | None = None,
    name: str = "",
    method: str = "",
) -> bytes:
    """A calendar of sessions. A feed gives no `method`; an invite gives PUBLISH or CANCEL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    tz = zone_or_utc(zone)
    starts = []
    for call in calls:
        start = timezone.localtime(call.scheduled_at, tz)
        starts.append(start)
        event = Event()
        event.add("uid", uid(call))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=call.length_minutes))
        event.add("sequence", call.sequence)
        event.add("status", "CANCELLED" if call.cancelled_at else "CONFIRMED")
        event.add("summary", f"Mentoring: {call.group.name}")
        if link := call.video_link:
            event.add("location", link)
            event.add("url", link)
        event.add(
            "description", (descriptions or {}).get(call.pk, f"Session plan: {call.plan_title}.")
        )
        cal.add_component(event)
    if starts and tz.key != "UTC":
        cal.subcomponents.insert(0, vtimezone(tz, starts))
    return cal.to_ical()
