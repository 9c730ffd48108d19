"""The runner's written-out reads give what the ORM's queries give: the notes of a segment a
mentor may read (`Note.objects.visible_to`, the privacy rule) and a session's segments in order."""

import pytest

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, CallSegment, Note, NoteLevel, segments_of
from mentorplan.groups.models import Role
from mentorplan.testing import make_call, make_group, make_mentor, make_trainee, start_call

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

    read = [[getattr(segment, name) for name in fields] for segment in segments_of(call.pk)]

    expected = [[getattr(segment, name) for name in fields] for segment in call.segments.all()]
    assert read == expected
    assert [row[fields.index("position")] for row in read] == list(range(len(expected)))
