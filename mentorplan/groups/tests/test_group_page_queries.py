"""The group page, with every card on it, costs the same queries after one past session or five:
a mentor with years of history waits no longer for it."""

import pytest
from django.urls import reverse

from mentorplan.testing import make_call, make_mentor
from mentorplan.testing.history import group_with_past, queries_of

pytestmark = pytest.mark.django_db


def test_the_group_page_costs_the_same_after_one_session_or_five(client):
    mentor = make_mentor()
    client.force_login(mentor)
    short, long = group_with_past(mentor, 1), group_with_past(mentor, 5)
    for group in (short, long):
        make_call(group)  # the next session, which the page offers to start

    counts = [
        len(queries_of(client, "GET", reverse("groups:detail", args=[g.key])))
        for g in (short, long)
    ]

    assert counts[0] == counts[1]
    page = client.get(reverse("groups:detail", args=[long.key])).content.decode()
    assert "Amal" in page and "Chidi" in page
