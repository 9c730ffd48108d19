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

from mentorplan.calls.models import Call
from mentorplan.goals import actions as goal_actions
from mentorplan.groups.models import Group, Trainee
from mentorplan.recap.models import Topic, TopicPerson, TopicStatus
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_goal,
    make_topic,
    page_text,
    start_call,
    status_press,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _url(group: Group) -> str:
    return reverse("wrapup:progress", args=[group.key])


def _mark(client, call: Call, topic: Topic, trainee: Trainee, status: str) -> None:
    """Tap a status for `trainee` on `topic` in the session's technical mentoring tool."""
    url, data = status_press(call, topic, trainee, status)
    assert client.post(url, data, headers=HTMX).status_code == 200


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
            topic = make_topic(call, f"Topic {number}", amal)
            TopicPerson.objects.get(topic=topic).set_status(TopicStatus.UNDERSTOOD, call=call)
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


def _topics_understood(client, group: Group) -> list[list[str]]:
    """The rows of the topics chart's table: date, raised, understood."""
    return _tables(client.get(_url(group), headers=HTMX).content.decode())[1][1:]


def test_an_understanding_counts_in_the_session_it_happened(client, group, amal):
    """Amal understood “Returning values” in the first session; in the second her retro raises
    it again and she understands it again. Each session keeps its own understanding, as the
    later session runs."""
    first_day = timezone.now() - timedelta(days=28)
    with time_machine.travel(first_day, tick=False) as clock:
        first = start_call(make_call(group, scheduled_at=first_day))
        topic = make_topic(first, "Returning values", amal)
        clock.shift(timedelta(minutes=30))
        _mark(client, first, topic, amal, TopicStatus.UNDERSTOOD)
        clock.shift(timedelta(minutes=40))
        end_call(first)
    assert [row[1:] for row in _topics_understood(client, group)] == [["1", "1"]]

    second_day = timezone.now() - timedelta(days=14)
    with time_machine.travel(second_day, tick=False) as clock:
        second = start_call(make_call(group, scheduled_at=second_day))
        retro = reverse("recap:retro", args=[second.key, amal.key])
        client.post(retro, {f"r{amal.pk}-not_understood": "Returning values"}, headers=HTMX)
        assert TopicPerson.objects.get(topic=topic).status == TopicStatus.OPEN
        clock.shift(timedelta(minutes=30))
        _mark(client, second, topic, amal, TopicStatus.UNDERSTOOD)
        clock.shift(timedelta(minutes=40))
        end_call(second)

    assert [row[1:] for row in _topics_understood(client, group)] == [["1", "1"], ["0", "1"]]


def test_an_outcome_undone_is_not_counted(client, group, amal):
    mentor = group.memberships.get().user
    when = timezone.now() - timedelta(days=14)
    with time_machine.travel(when, tick=False):
        call = start_call(make_call(group, scheduled_at=when))
        goal = make_goal(amal, text="Finish the quiz app")
        goal_actions.review(goal, outcome="met", by=mentor, call=call)
        goal_actions.review(make_goal(amal), outcome="partly", by=mentor, call=call)
        goal_actions.reopen(goal, by=mentor)  # a mis-tap: the goal is open again
        end_call(call)

    goals = _tables(client.get(_url(group), headers=HTMX).content.decode())[0]

    assert goals[1][1:] == ["1", "0"]  # one reviewed (partly), none met
