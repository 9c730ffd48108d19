"""The goals board costs the same queries after two past sessions or twenty, each of which set
a goal for every trainee and the mentor and reviewed the last ones: drawn afresh, and seen
again while nothing changed."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.goals.models import Goal
from mentorplan.testing import make_mentor
from mentorplan.testing.history import group_with_past, queries_of

pytestmark = pytest.mark.django_db


def _drawn_afresh(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_board_costs_the_same_after_two_sessions_or_twenty(client):
    mentor = make_mentor()
    client.force_login(mentor)
    short, long = group_with_past(mentor, 2), group_with_past(mentor, 20)
    assert Goal.objects.filter(group=long).count() > 9 * Goal.objects.filter(group=short).count()
    urls = [reverse("goals:board", args=[g.key]) for g in (short, long)]

    afresh = [_drawn_afresh(client, url) for url in urls]
    again = [len(queries_of(client, "GET", url)) for url in urls]

    assert afresh[0] == afresh[1]
    # The sign-in, the access check, and what changed read with who is in the group and when
    # the next session starts.
    assert again[0] == again[1] == 3
