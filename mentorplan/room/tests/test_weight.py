"""The trainee's page is light: its first load (the HTML and every stylesheet and script it
loads, as the server sends them) stays under 30 kB, for phones on slow networks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.room.models import TraineeLink
from mentorplan.testing import (
    end_call,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
)
from mentorplan.testing.weight import describe, first_load, served_as_in_production
from mentorplan.wrapup.models import Resource, ResourceShare

BUDGET = 30 * 1024


def a_busy_trainee() -> str:
    """A trainee some months in: goals, past sessions with notes, resources, a call ahead."""
    mentor = make_mentor()
    group = make_group(mentor, video_url="https://meet.example.org/our-group")
    amal = make_trainee(group, name="Amal")
    for weeks in [6, 4, 2]:
        call = end_call(make_call(group, scheduled_at=timezone.now() - timedelta(weeks=weeks)))
        Note.objects.create(
            call=call,
            segment=call.segments.get(position=0),
            level=NoteLevel.SHARED,
            author=mentor,
            body="A shared note of a few lines about what we did and what comes next. " * 3,
        )
        for n in range(4):
            resource = Resource.objects.create(
                owner=mentor, title=f"Reading {weeks}-{n}", url=f"https://example.org/{weeks}/{n}"
            )
            ResourceShare.objects.create(call=call, resource=resource)
    make_call(group, scheduled_at=timezone.now() + timedelta(days=3))
    for n in range(5):
        make_goal(amal, text=f"Finish exercise set {n} on arrays", deadline=timezone.localdate())
    return TraineeLink.issue(amal)[1]


@pytest.mark.django_db
def test_the_first_load_of_the_trainees_page_is_under_30_kb(client):
    url = reverse("room:page", args=[a_busy_trainee()])

    with served_as_in_production():
        sizes = first_load(client, url)

    assert any(url.endswith(".css") for url in sizes), "the page has no stylesheet"
    assert any(url.endswith(".js") for url in sizes), "the page has no script"
    assert sum(sizes.values()) < BUDGET, describe(sizes)
