"""The goals board costs the same queries after one past session or five, each of which set a
goal for every trainee and the mentor and reviewed the last ones."""

import pytest
from django.urls import reverse

from mentorplan.goals.models import Goal
from mentorplan.testing import make_mentor
from mentorplan.testing.history import group_with_past, queries_of

pytestmark = pytest.mark.django_db


def test_the_board_costs_the_same_after_one_session_or_five(client):
    mentor = make_mentor()
    client.force_login(mentor)
    short, long = group_with_past(mentor, 1), group_with_past(mentor, 5)
    assert Goal.objects.filter(group=long).count() > 4 * Goal.objects.filter(group=short).count()

    counts = [
        len(queries_of(client, "GET", reverse("goals:board", args=[g.key]))) for g in (short, long)
    ]

    assert counts[0] == counts[1]
