"""The group page, with every card on it, costs the same queries after two past sessions or
twenty, drawn afresh and seen again: a mentor with years of history waits no longer for it.
The page is complete in one request: no card loads itself later."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.testing import make_call, make_mentor, parse
from mentorplan.testing.history import group_with_past, queries_of

pytestmark = pytest.mark.django_db


def _drawn_afresh(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_group_page_costs_the_same_after_two_sessions_or_twenty(client):
    mentor = make_mentor()
    client.force_login(mentor)
    short, long = group_with_past(mentor, 2), group_with_past(mentor, 20)
    for group in (short, long):
        make_call(group)  # the next session, which the page offers to start
    urls = [reverse("groups:detail", args=[g.key]) for g in (short, long)]

    afresh = [_drawn_afresh(client, url) for url in urls]
    again = [len(queries_of(client, "GET", url)) for url in urls]

    assert afresh[0] == afresh[1]
    # The sign-in, the access check, and what changed read with the people and invitations.
    assert again[0] == again[1] == 3
    page = parse(client.get(urls[1]))
    assert "Amal" in page.text and "Chidi" in page.text
    for card in ("sessions", "goals-summary", "checkins", "trainee-links"):
        assert page.find(id=card) is not None, card
    assert not page.select('[hx-trigger~="load"], [hx-trigger~="revealed"]')
