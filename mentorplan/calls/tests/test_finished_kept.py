"""A finished session's page is kept drawn until what it shows changes: its notes, the people they
are about, the next session it links to. Each reader gets their own copy (their private notes)
in their own zone, and a copy never depends on the hour it was drawn."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Group, Role
from mentorplan.testing import end_call, make_call, make_mentor, make_trainee, page_text

pytestmark = pytest.mark.django_db

# A Tuesday in March: London on GMT (UTC+0), Auckland on NZDT (UTC+13).
HELD = datetime(2031, 3, 4, 18, 0, tzinfo=UTC)


@pytest.fixture
def finished(mentor, group) -> Call:
    mentor.timezone = "Europe/London"
    mentor.save()
    return end_call(make_call(group, scheduled_at=HELD), at=HELD + timedelta(minutes=75))


def _url(call: Call) -> str:
    return reverse("calls:detail", args=[call.key])


def _text(browser, call: Call) -> str:
    response = browser.get(_url(call))
    assert response.status_code == 200
    return page_text(response)


def _note(call: Call, author, body: str, level: str = NoteLevel.MENTORS, trainee=None) -> Note:
    segment = call.segments.get(position=0)
    return Note.objects.create(
        call=call, segment=segment, level=level, author=author, body=body, trainee=trainee
    )


def _co_mentor(
    group: Group, name: str = "Kofi", zone: str = "Europe/London"
) -> tuple[User, Client]:
    other = make_mentor(display_name=name, timezone=zone)
    group.memberships.create(user=other, role=Role.CO_MENTOR)
    browser = Client()
    browser.force_login(other)
    return other, browser


def test_the_page_drawn_again_reads_no_note(client, mentor, finished):
    _note(finished, mentor, "All well")

    def notes_read() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(finished)).status_code == 200
        return sum('"calls_note"."id"' in query["sql"] for query in captured.captured_queries)

    assert notes_read() > 0
    assert notes_read() == 0


def test_notes_written_in_another_session_do_not_draw_the_page_again(
    client, mentor, group, finished
):
    """The page shows its own session's notes only."""
    last_week = make_call(group, scheduled_at=HELD - timedelta(days=7))
    _text(client, finished)
    with CaptureQueriesContext(connection) as unchanged:
        _text(client, finished)

    _note(last_week, mentor, "Loops, again")

    with CaptureQueriesContext(connection) as after:
        assert "Loops, again" not in _text(client, finished)
    assert len(after) == len(unchanged)


def test_a_note_added_edited_or_removed_shows_on_the_next_draw(client, mentor, finished):
    note = _note(finished, mentor, "Amal explained loops")
    assert "Amal explained loops" in _text(client, finished)

    Note.objects.filter(pk=note.pk).update(body="Amal explained loops twice", version=2)
    _note(finished, mentor, "Ben asked about dictionaries", level=NoteLevel.SHARED)
    shown = _text(client, finished)
    assert "Amal explained loops twice" in shown and "Ben asked about dictionaries" in shown

    note.delete()
    assert "Amal explained loops" not in _text(client, finished)


def test_private_notes_stay_with_their_author_whoever_drew_first(client, mentor, group, finished):
    _note(finished, mentor, "Sam's own worry about Ben", level=NoteLevel.PRIVATE)
    kofi, kofi_browser = _co_mentor(group)
    _note(finished, kofi, "Kofi's own worry about Ben", level=NoteLevel.PRIVATE)

    for _ in range(2):  # drawn, then kept
        sam_sees, kofi_sees = _text(client, finished), _text(kofi_browser, finished)
        assert "Sam's own worry" in sam_sees and "Kofi's own worry" not in sam_sees
        assert "Kofi's own worry" in kofi_sees and "Sam's own worry" not in kofi_sees


def test_a_trainee_renamed_is_named_anew(client, mentor, group, finished):
    amal = make_trainee(group, name="Amal")
    _note(finished, mentor, "Asked good questions", trainee=amal)
    assert "about Amal" in _text(client, finished)

    amal.name = "Amal K."
    amal.save()

    assert "about Amal K." in _text(client, finished)


def test_the_next_session_planned_or_moved_shows_on_the_next_draw(client, group, finished):
    assert "The next session" not in _text(client, finished)

    following = make_call(group, scheduled_at=HELD + timedelta(days=14))
    assert "Tuesday 18 March, 18:00" in _text(client, finished)

    following.reschedule(
        scheduled_at=HELD + timedelta(days=16),
        length_minutes=following.length_minutes,
        video_url="",
    )
    assert "Thursday 20 March, 18:00" in _text(client, finished)


def test_each_reader_sees_the_times_in_their_own_zone(client, group, finished):
    """Sam in London draws the page first; Aroha in Auckland reads it in her own time."""
    make_call(group, scheduled_at=HELD + timedelta(days=14))
    _, aroha = _co_mentor(group, "Aroha", "Pacific/Auckland")

    assert "Tuesday 18 March, 18:00" in _text(client, finished)
    shown = _text(aroha, finished)
    assert "Wednesday 19 March, 07:00" in shown
    assert "Session of Wednesday 5 March" in shown


def test_a_kept_copy_is_what_a_fresh_draw_shows_hours_later(client, mentor, finished):
    _note(finished, mentor, "All well")
    kept = _text(client, finished)

    with time_machine.travel(datetime.now(UTC) + timedelta(hours=30)):
        assert _text(client, finished) == kept
        cache.clear()
        assert _text(client, finished) == kept


def test_a_mentor_who_moved_reads_the_times_of_their_new_zone(client, mentor, group, finished):
    make_call(group, scheduled_at=HELD + timedelta(days=14))
    assert "Tuesday 18 March, 18:00" in _text(client, finished)

    mentor.timezone = "Pacific/Auckland"
    mentor.save()

    assert "Wednesday 19 March, 07:00" in _text(client, finished)


def test_the_group_s_new_video_link_is_the_next_session_s(client, group, finished):
    make_call(group, scheduled_at=HELD + timedelta(days=14))
    group.video_url = "https://meet.example.org/old-room"
    group.save()
    assert b"https://meet.example.org/old-room" in client.get(_url(finished)).content

    group.video_url = "https://meet.example.org/new-room"
    group.save()

    assert b"https://meet.example.org/new-room" in client.get(_url(finished)).content
