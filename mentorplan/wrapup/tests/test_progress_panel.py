"""Progress charts on the group page: loaded by htmx, or as a page of their own."""

import itertools
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.goals import actions as goal_actions
from mentorplan.groups.models import Group
from mentorplan.lib.testing import (
    end_call,
    is_partial,
    make_call,
    make_goal,
    make_topic,
    page_text,
    start_call,
)
from mentorplan.recap.models import TopicStatus
from mentorplan.wrapup.tests.pages import HTMX

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _url(group: Group) -> str:
    return reverse("wrapup:progress", args=[group.key])


def _finish_sessions(group: Group, amal, count: int) -> None:
    """`count` finished sessions, a fortnight apart, each with a goal met and a topic understood."""
    mentor = group.memberships.get().user
    for n in range(count):
        number = next(_numbers)
        when = timezone.now() - timedelta(days=14 * (count - n))
        with time_machine.travel(when, tick=False) as clock:
            call = start_call(make_call(group, scheduled_at=when))
            goal_actions.review(
                make_goal(amal, text=f"Goal {number}"), outcome="met", by=mentor, call=call
            )
            clock.shift(timedelta(minutes=30))
            make_topic(call, f"Topic {number}", amal, status=TopicStatus.UNDERSTOOD)
            clock.shift(timedelta(minutes=40))
            end_call(call)


def _tables(content: str) -> list[list[list[str]]]:
    """Each data table as rows of cell texts."""
    tables = []
    for table in re.findall(r"<table>(.*?)</table>", content, re.DOTALL):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
        tables.append([re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in rows])
    return tables


def test_before_any_finished_session_the_panel_says_when_charts_appear(client, group):
    make_call(group)

    response = client.get(_url(group), headers=HTMX)

    assert "Charts appear here after your first finished session." in page_text(response)
    assert "<svg" not in response.content.decode()


def test_after_a_finished_session_there_are_charts_and_data_tables(client, group, amal):
    _finish_sessions(group, amal, 1)

    response = client.get(_url(group), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.count("<svg") == 1 + 1 + 6  # a bar pair per session (2) and per segment (6)
    text = page_text(response)
    assert "Goals reviewed and met, per session" in text
    assert "Topics raised and understood, per session" in text
    assert "Minutes per segment, planned and real" in text
    goals, topics, minutes = _tables(content)
    assert goals[0] == ["", "Reviewed", "Met"]
    assert goals[1][1:] == ["1", "1"]
    assert topics[1][1:] == ["1", "1"]
    assert minutes[1][0] == "Welcome &amp; chit chat"


def test_the_full_page_without_htmx(client, group, amal):
    _finish_sessions(group, amal, 1)

    response = client.get(_url(group))

    assert response.status_code == 200
    assert not is_partial(response)
    assert "Progress of Tuesday buddies" in page_text(response)


def test_the_query_count_does_not_grow_with_the_history(client, group, amal):
    _finish_sessions(group, amal, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(group), headers=HTMX)
    _finish_sessions(group, amal, 7)
    with CaptureQueriesContext(connection) as eight:
        response = client.get(_url(group), headers=HTMX)

    assert len(eight) == len(one)
    assert len(_tables(response.content.decode())[0]) == 1 + 6  # the last six sessions


def test_an_outsider_gets_404(client, group, amal, outsider):
    _finish_sessions(group, amal, 1)

    assert client.get(_url(group), headers=HTMX).status_code == 404
    assert client.get(_url(group)).status_code == 404


def test_wrong_method(client, group):
    assert client.post(_url(group)).status_code == 405
