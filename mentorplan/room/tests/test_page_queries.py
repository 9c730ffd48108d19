"""A trainee's page, on their phone, costs the same queries however long the group's history:
between calls (it sums up the last few sessions, PAST_SESSIONS) and during one."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.room.between import PAST_SESSIONS
from mentorplan.room.models import TraineeLink
from mentorplan.testing import make_call, make_mentor, start_call
from mentorplan.testing.history import group_with_past, queries_of

pytestmark = pytest.mark.django_db


def _pages(live: bool) -> list[str]:
    """Amal's page in a group with as many past sessions as the page sums up, and in one with
    three more."""
    mentor = make_mentor()
    pages = []
    for sessions in (PAST_SESSIONS, PAST_SESSIONS + 3):
        group = group_with_past(mentor, sessions)
        call = make_call(group)
        if live:
            start_call(call)
        _, token = TraineeLink.issue(group.trainees.get(name="Amal"))
        pages.append(reverse("room:page", args=[token]))
    return pages


@pytest.mark.parametrize("live", [False, True], ids=["between calls", "during a call"])
def test_the_trainees_page_costs_the_same_however_long_the_history(live):
    phone = Client()  # a trainee has no account: the link is all they bring
    short, long = (len(queries_of(phone, "GET", page)) for page in _pages(live))

    assert short == long
