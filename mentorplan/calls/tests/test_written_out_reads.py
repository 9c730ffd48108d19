"""The runner's written-out reads give what the ORM's queries give: the notes of a segment a
mentor may read (`Note.objects.visible_to`, the privacy rule) and a session's segments in order,
kept until one of them changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Action, Call, CallSegment, Note, NoteLevel, segments_of
from mentorplan.groups.models import Role
from mentorplan.testing import (
    make_call,
    make_group,
    make_mentor,
    make_plan,
    make_trainee,
    start_call,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call() -> Call:
    lead = make_mentor(display_name="Lena")
    group = make_group(lead)
    group.memberships.create(user=make_mentor(display_name="Kofi"), role=Role.CO_MENTOR)
    return start_call(make_call(group))


def mentors(call: Call) -> list[User]:
    return [membership.user for membership in call.group.memberships.order_by("joined_at")]


def write_every_kind_of_note(call: Call, segment: CallSegment) -> None:
    """Each mentor's private note on the segment and on a trainee; the group's mentors' and
    shared notes on both, with no author (as when theirs has deleted their account)."""
    amal = make_trainee(call.group, name="Amal")
    for about in (None, amal):
        for author in mentors(call):
            Note.objects.create(
                call=call, segment=segment, trainee=about, level=NoteLevel.PRIVATE, author=author
            )
        Note.objects.create(call=call, segment=segment, trainee=about, level=NoteLevel.MENTORS)
        Note.objects.create(call=call, segment=segment, trainee=about, level=NoteLevel.SHARED)


def test_a_segment_s_notes_are_those_the_privacy_rule_lets_each_reader_see(call):
    segment = call.segments.get(position=0)
    write_every_kind_of_note(call, segment)
    other_segment = call.segments.get(position=1)
    Note.objects.create(call=call, segment=other_segment, level=NoteLevel.MENTORS)
    outsider = make_mentor(display_name="Someone else")

    for reader in [*mentors(call), outsider]:
        expected = set(Note.objects.visible_to(reader).filter(segment=segment))
        assert set(Note.objects.on_segment(reader, segment)) == expected, reader

    lena, kofi = mentors(call)
    seen = Note.objects.on_segment(lena, segment)
    assert len(seen) == 6  # her two private notes, and the group's four
    assert all(note.author_id in (None, lena.pk) for note in seen)
    assert not any(note.author_id == lena.pk for note in Note.objects.on_segment(kofi, segment))
    assert Note.objects.on_segment(outsider, segment) == ()


def test_a_note_read_out_is_the_note_as_the_orm_reads_it(call):
    segment = call.segments.get(position=0)
    lena = mentors(call)[0]
    written = Note.objects.create(
        call=call, segment=segment, level=NoteLevel.PRIVATE, author=lena, body="Ask about the bus"
    )

    (read,) = Note.objects.on_segment(lena, segment)

    stored = Note.objects.get(pk=written.pk)
    assert [getattr(read, f.attname) for f in Note._meta.concrete_fields] == [
        getattr(stored, f.attname) for f in Note._meta.concrete_fields
    ]


def test_a_session_s_segments_come_in_order_as_the_orm_reads_them(call):
    fields = [field.attname for field in CallSegment._meta.concrete_fields]

    read = [[getattr(segment, name) for name in fields] for segment in segments_of(call)]

    expected = [[getattr(segment, name) for name in fields] for segment in call.segments.all()]
    assert read == expected
    assert [row[fields.index("position")] for row in read] == list(range(len(expected)))


def as_stored(call: Call) -> list[list[object]]:
    """The session's segments as the ORM reads them now, and as `segments_of` gives them for
    the session read afresh."""
    fields = [field.attname for field in CallSegment._meta.concrete_fields]
    fresh = Call.objects.get(pk=call.pk)
    read = [[getattr(segment, name) for name in fields] for segment in segments_of(fresh)]
    stored = [[getattr(segment, name) for name in fields] for segment in call.segments.all()]
    assert read == stored
    return read


def test_a_session_s_segments_read_again_come_without_a_trip_to_the_database(call):
    segments_of(call)

    with CaptureQueriesContext(connection) as queries:
        again = segments_of(call)

    assert len(queries) == 0
    assert [segment.position for segment in again] == list(range(len(again)))


def test_the_segments_given_follow_every_change_the_runner_and_the_planner_make(call):
    """Whatever changes a session's segments moves its version or its sequence, so that the
    segments kept are never those of before the change."""
    start = timezone.now()
    steps = [
        (Action.NEXT, {}),
        (Action.ADD_TIME, {"minutes": 10}),
        (Action.PAUSE, {}),
        (Action.RESUME, {}),
        (Action.JUMP, {"position": 4}),
        (Action.PREVIOUS, {}),
        (Action.END, {}),
    ]
    seen = [as_stored(call)]
    for minute, (action, given) in enumerate(steps, start=1):
        assert call.control(action, now=start + timedelta(minutes=minute), **given), action
        seen.append(as_stored(call))
    assert len({repr(segments) for segments in seen}) == 6  # a pause and a resume move none

    planned = make_call(call.group)
    as_stored(planned)
    planned.reschedule(
        scheduled_at=planned.scheduled_at,
        length_minutes=60,
        video_url="",
        template=make_plan(None, (20, 25)),
    )
    as_stored(planned)
    read = segments_of(Call.objects.get(pk=planned.pk))
    assert [segment.title for segment in read] == ["Part 1", "Part 2"]
