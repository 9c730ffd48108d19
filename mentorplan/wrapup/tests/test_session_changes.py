"""A planned session that moves or is cancelled: the group hears of it by e-mail with an invite
that calendar programs read as an update (same UID, higher SEQUENCE) or a cancellation, and the
calendar feed and the invite download say the same."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.core import mail
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Membership, Role
from mentorplan.testing import make_call, make_mentor, make_trainee
from mentorplan.wrapup import reminders
from mentorplan.wrapup.models import CalendarFeed
from mentorplan.wrapup.tests.calendar_clients import PARSERS

pytestmark = pytest.mark.django_db

# A Thursday in January; London is on GMT, Kolkata five and a half hours ahead.
NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
PLANNED_FOR = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)
MOVED_TO = datetime(2030, 1, 17, 18, 30, tzinfo=UTC)
LINK = "https://meet.example/abc-defg"


@pytest.fixture(autouse=True)
def clock(frozen):
    return frozen


@pytest.fixture
def call(group, mentor) -> Call:
    """Sam's group: Sam in London, a co-mentor, Amal in Kolkata with an address, Bo without."""
    mentor.timezone = "Europe/London"
    mentor.save(update_fields=["timezone"])
    co = make_mentor(email="co@example.org", display_name="Kim", timezone="America/New_York")
    Membership.objects.create(group=group, user=co, role=Role.CO_MENTOR)
    make_trainee(group, name="Amal", email="amal@example.org", timezone="Asia/Kolkata")
    make_trainee(group, name="Bo")
    make_trainee(group, name="Cy", email="cy@example.org", is_active=False)
    return make_call(group, scheduled_at=PLANNED_FOR)


def _move(client, call: Call, django_capture_on_commit_callbacks, **fields: str):
    data = {"date": "2030-01-17", "time": "18:30", "length_minutes": "90", "plan": ""}
    data |= {"video_url": "", "sequence": str(call.sequence), **fields}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("calls:reschedule", args=[call.key]), data)


def _cancel(client, call: Call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("calls:cancel", args=[call.key]), {"sequence": call.sequence})


def _invite(message) -> tuple[str, bytes]:
    """The calendar attachment of an e-mail: its MIME method and its body."""
    [part] = message.attachments
    assert part.get_content_type() == "text/calendar"
    assert part.get_filename().endswith(".ics")
    return part.get_param("method"), part.get_payload(decode=True)


def _to(address: str):
    [message] = [m for m in mail.outbox if m.to == [address]]
    return message


def test_a_move_is_mailed_to_the_mentors_and_the_trainees_with_an_address(
    client, call, mentor, django_capture_on_commit_callbacks
):
    _move(client, call, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [mentor.email, "co@example.org", "amal@example.org"]
    )
    # Each reads the new time where they live.
    assert "now on Thursday 17 January at 18:30 (Europe/London time)" in _to(mentor.email).body
    assert (
        "now on Thursday 17 January at 13:30 (America/New_York time)" in _to("co@example.org").body
    )
    amal = _to("amal@example.org")
    assert amal.subject == f"New time: mentoring session with {call.group.name}"
    assert "Hello Amal," in amal.body
    assert "now on Friday 18 January at 00:00 (Asia/Kolkata time)" in amal.body


@pytest.mark.parametrize("parser", PARSERS)
def test_the_mailed_invite_updates_the_same_calendar_entry(
    client, call, django_capture_on_commit_callbacks, parser
):
    _move(client, call, django_capture_on_commit_callbacks)

    method, body = _invite(_to("amal@example.org"))
    assert method == "PUBLISH"
    assert PARSERS[parser](body) == {f"{call.key}@mentorplan": MOVED_TO}
    calendar = vobject.readOne(body.decode())
    assert calendar.method.value == "PUBLISH"
    event = calendar.vevent
    assert event.sequence.value == "1"
    assert event.status.value == "CONFIRMED"
    assert event.dtend.value - event.dtstart.value == timedelta(minutes=90)


@pytest.mark.parametrize("parser", PARSERS)
def test_a_cancellation_is_mailed_with_a_cancelling_invite(
    client, call, django_capture_on_commit_callbacks, parser
):
    _cancel(client, call, django_capture_on_commit_callbacks)

    message = _to("amal@example.org")
    assert message.subject == f"Cancelled: mentoring session with {call.group.name} on 16 Jan"
    assert "on Wednesday 16 January at 00:30 (Asia/Kolkata time) is cancelled" in message.body
    method, body = _invite(message)
    assert method == "CANCEL"
    assert PARSERS[parser](body) == {f"{call.key}@mentorplan": PLANNED_FOR}
    calendar = vobject.readOne(body.decode())
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED"
    assert calendar.vevent.sequence.value == "1"
    assert len(mail.outbox) == 3


def test_a_move_then_a_cancel_raise_the_sequence_each_time(
    client, call, django_capture_on_commit_callbacks
):
    _move(client, call, django_capture_on_commit_callbacks)
    call.refresh_from_db()
    mail.outbox.clear()
    _cancel(client, call, django_capture_on_commit_callbacks)

    _, body = _invite(_to("amal@example.org"))
    assert vobject.readOne(body.decode()).vevent.sequence.value == "2"


def test_nothing_is_mailed_when_nothing_changed_or_a_change_is_refused(
    client, call, django_capture_on_commit_callbacks
):
    _move(
        client,
        call,
        django_capture_on_commit_callbacks,
        date="2030-01-15",
        time="19:00",
        length_minutes="70",
    )
    _move(client, call, django_capture_on_commit_callbacks, length_minutes="70", video_url="x")
    _move(client, call, django_capture_on_commit_callbacks, sequence="7")

    assert mail.outbox == []


def test_the_download_of_a_cancelled_session_still_works_and_cancels(client, call):
    call.cancel(now=NOW)

    response = client.get(reverse("wrapup:invite", args=[call.key]))

    assert response.status_code == 200
    calendar = vobject.readOne(response.content.decode())
    assert calendar.method.value == "CANCEL"
    assert calendar.vevent.status.value == "CANCELLED"


@pytest.mark.parametrize("parser", PARSERS)
def test_the_feed_shows_the_new_time_and_keeps_a_cancelled_session_a_month(
    client, call, mentor, frozen, parser
):
    other = make_call(call.group, scheduled_at=PLANNED_FOR + timedelta(days=14))
    call.reschedule(scheduled_at=MOVED_TO, length_minutes=70, video_url="")
    other.cancel(now=NOW)
    feed = reverse("calendar_feed", args=[CalendarFeed.objects.create(user=mentor).token])

    body = client.get(feed).content
    assert PARSERS[parser](body) == {
        f"{call.key}@mentorplan": MOVED_TO,
        f"{other.key}@mentorplan": other.scheduled_at,
    }
    events = {e.uid.value: e for e in vobject.readOne(body.decode()).vevent_list}
    assert events[f"{call.key}@mentorplan"].sequence.value == "1"
    assert events[f"{call.key}@mentorplan"].status.value == "CONFIRMED"
    assert events[f"{other.key}@mentorplan"].status.value == "CANCELLED"

    # A month after its planned day, the cancelled session leaves the feed.
    frozen.move_to(other.scheduled_at + timedelta(days=31))
    later = vobject.readOne(client.get(feed).content.decode())
    assert f"{other.key}@mentorplan" not in [e.uid.value for e in later.contents.get("vevent", [])]


def test_no_reminder_is_sent_for_a_cancelled_session(call):
    call.cancel(now=NOW)

    assert reminders.send_due(PLANNED_FOR - timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_an_invite_to_a_session_in_another_zone_reads_in_that_zone(
    client, call, django_capture_on_commit_callbacks
):
    _move(client, call, django_capture_on_commit_callbacks)

    _, body = _invite(_to("amal@example.org"))
    start = vobject.readOne(body.decode()).vevent.dtstart.value
    assert start.tzinfo is not None
    assert start.astimezone(ZoneInfo("Asia/Kolkata")).hour == 0
