"""The one way to a session, written out in SQL, gives what the ORM gives, and nothing to
anyone outside the group."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from mentorplan.calls.access import get_call
from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Role
from mentorplan.testing import make_call, make_group, make_mentor, start_call, stored_fields

pytestmark = pytest.mark.django_db


def _asking(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_session_and_its_group_come_in_one_query_with_every_field_as_the_orm_reads_it():
    mentor = make_mentor()
    call = start_call(make_call(make_group(mentor, video_url="https://meet.example/abc")))

    with CaptureQueriesContext(connection) as queries:
        found = get_call(_asking(mentor), str(call.key))
        group = found.group

    assert len(queries) == 1
    assert stored_fields(found) == stored_fields(Call.objects.get(pk=call.pk))
    assert stored_fields(group) == stored_fields(Group.objects.get(pk=call.group_id))
    assert found.started_at is not None and found.started_at.tzinfo is not None
    assert not found._state.adding  # saved as an existing row, not inserted again


def test_a_co_mentor_finds_the_session_and_can_save_it():
    lead = make_mentor()
    co_mentor = make_mentor()
    group = make_group(lead)
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    call = make_call(group)

    found = get_call(_asking(co_mentor), call.key, lock=True)
    found.save()

    assert Call.objects.get(pk=call.pk).scheduled_at == call.scheduled_at


@pytest.mark.parametrize("key", ["not-a-key", "00000000-0000-0000-0000-000000000000", ""])
def test_a_key_that_names_no_session_is_404(key):
    with pytest.raises(Http404):
        get_call(_asking(make_mentor()), key)


def test_another_mentors_session_is_404():
    call = make_call(make_group(make_mentor()))

    with pytest.raises(Http404):
        get_call(_asking(make_mentor()), call.key)
