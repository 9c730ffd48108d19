"""However a mentor's account is deleted (their own page, the admin, the shell), their private
notes go with it and what they wrote for the group stays."""

import pytest
from django.db import IntegrityError, transaction

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.groups.tests.two_mentors import note_bodies, two_mentors, write_note
from mentorplan.testing import make_call, make_group, make_mentor

pytestmark = pytest.mark.django_db


def test_deleting_a_user_deletes_their_private_notes_and_keeps_the_rest():
    w = two_mentors()

    w.co_mentor.delete()

    assert note_bodies(w.group) == {
        "Lee's private thoughts",
        "Lee for the mentors",
        "Cory for the mentors",
    }
    assert Note.objects.get(body="Cory for the mentors").author is None


def test_private_notes_in_a_group_they_no_longer_mentor_go_too():
    mentor = make_mentor()
    group = make_group(make_mentor())
    call = make_call(group)
    write_note(call, mentor, NoteLevel.PRIVATE, "Written before leaving")

    mentor.delete()

    assert not Note.objects.filter(body="Written before leaving").exists()


def test_a_private_note_without_an_author_cannot_be_stored():
    two_mentors()

    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.filter(body="Cory's private thoughts").update(author=None)
