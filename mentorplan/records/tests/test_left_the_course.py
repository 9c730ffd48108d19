"""Leaving the course is not erasure: past sessions keep the trainee, new ones leave them out,
and ticking "still on the course" again brings them back."""

import pytest
from django.urls import reverse

from mentorplan.records.tests.records import NAME
from mentorplan.wrapup.summary import as_markdown, build

pytestmark = pytest.mark.django_db


def test_past_sessions_keep_a_trainee_who_left_and_new_ones_leave_them_out(client, story):
    story.trainee.is_active = False
    story.trainee.save(update_fields=["is_active"])
    client.force_login(story.lead)

    csv = client.get(reverse("feedback:export", args=[story.group.key])).content.decode()

    assert NAME in as_markdown(build(story.past))
    assert NAME in csv
    assert [t.names for t in story.next.local_times()] == ["Bob Other"]

    story.trainee.is_active = True
    story.trainee.save(update_fields=["is_active"])
    assert [t.names for t in story.next.local_times()] == [f"Bob Other, {NAME}"]
