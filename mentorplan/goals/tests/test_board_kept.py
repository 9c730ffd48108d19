"""The goals board is drawn once and kept until something it shows changes: a second look asks
the database only whether anything changed, and any change shows at once, even within the same
instant (the clock is stopped here)."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.goals import actions
from mentorplan.goals.models import Goal, ReviewOutcome
from mentorplan.groups.models import Group, Role
from mentorplan.lib.fragments import CSRF_MARK
from mentorplan.testing import make_call, make_group, make_mentor, make_trainee, page_text, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


def _url(group: Group) -> str:
    return reverse("goals:board", args=[group.key])


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _goal(group: Group, owner: dict[str, Any], text: str, due: date) -> Goal:
    mentor = group.memberships.get(role=Role.LEAD).user
    return actions.set_goal(by=mentor, group=group, text=text, deadline=due, **owner)


def test_a_second_look_asks_only_whether_anything_changed(client, mentor):
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    _goal(group, {"trainee": amal}, "Read chapter 4", TODAY + timedelta(days=1))

    first = _queries(client, _url(group))
    again = _queries(client, _url(group))

    assert len(again) < len(first)
    # The goals themselves are not read again, only counted.
    assert not any('"goals_goal"' in sql and "COUNT(" not in sql for sql in again)
    # The next session (the default deadline) is one written-out question, not a loaded row.
    assert not any('"calls_call"."' in sql for sql in again)
    assert "Read chapter 4" in page_text(client.get(_url(group)))


def test_every_change_shows_at_once(client, mentor, frozen):
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    goal = _goal(group, {"trainee": amal}, "Read chapter 4", TODAY + timedelta(days=1))
    assert "Read chapter 4" in page_text(client.get(_url(group)))

    goal.text = "Read chapter 5"
    actions.edit_goal(goal, by=mentor, changed=["text"])
    text = page_text(client.get(_url(group)))
    assert "Read chapter 5" in text and "Read chapter 4" not in text

    actions.review(goal, outcome=ReviewOutcome.MET, by=mentor, call=None)
    text = page_text(client.get(_url(group)))
    assert "1/1 met on time" in text and "streak 1" in text

    _goal(group, {"mentor": mentor}, "Review two pull requests", TODAY + timedelta(days=3))
    assert "Review two pull requests" in page_text(client.get(_url(group)))

    amal.name = "Amal B."
    amal.save()
    mentor.display_name = "Samira"
    mentor.save()
    text = page_text(client.get(_url(group)))
    assert "Amal B." in text and "Samira (mentor)" in text
    mentor.display_name = ""  # a mentor without a name goes by their address
    mentor.email = "samira@example.org"
    mentor.save()
    assert "samira@example.org · due" in page_text(client.get(_url(group)))

    make_trainee(group, name="Chidi")
    assert "Chidi" in page_text(client.get(_url(group)))

    _goal(group, {"trainee": amal}, "Push the kata", TODAY + timedelta(days=1))
    assert "overdue" not in page_text(client.get(_url(group)))
    frozen.shift(timedelta(days=2))
    assert "overdue" in page_text(client.get(_url(group)))


def test_each_reader_gets_their_own_form_token(client, mentor):
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    co_mentor = make_mentor(display_name="Cory")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    other = Client(enforce_csrf_checks=True)
    other.force_login(co_mentor)
    client.get(_url(group))  # the board is kept now

    page = other.get(_url(group)).content.decode()

    assert CSRF_MARK not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    assert f"mentorplan:{co_mentor.pk}:goal-new" in page  # the reader's own draft
    fields = {
        "csrfmiddlewaretoken": token[1],
        "owner": f"m:{co_mentor.pk}",
        "text": "Review three pull requests",
        "deadline": (TODAY + timedelta(days=7)).isoformat(),
    }
    assert other.post(reverse("goals:create", args=[group.key]), fields).status_code == 302
    assert "Review three pull requests" in other.get(_url(group)).content.decode()


def test_the_marks_read_each_table_once(client, mentor):
    """Every mark of one kind of row (how many, the newest, the latest change) comes from one
    pass over those rows, not one pass per mark."""
    group = make_group(mentor)
    client.get(_url(group))

    again = _queries(client, _url(group))

    marks = next(sql for sql in again if "COUNT(" in sql and '"goals_goal"' in sql)
    assert marks.count('FROM "goals_goal"') == 1
    assert marks.count('FROM "goals_goalevent"') == 1


def test_a_new_goals_deadline_moves_on_once_the_next_session_has_started(client, mentor, frozen):
    """The form offers the next session's day; once that session has started (later the same
    day, nothing else changed), it offers the one after."""
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_call(group, scheduled_at=NOW + timedelta(hours=6))
    make_call(group, scheduled_at=NOW + timedelta(days=7))

    def offered() -> str:
        field = parse(client.get(_url(group))).find("input", attrs={"name": "deadline"})
        assert field is not None
        return str(field["value"])

    assert offered() == TODAY.isoformat()
    frozen.shift(timedelta(hours=7))
    client.force_login(mentor)
    assert offered() == (TODAY + timedelta(days=7)).isoformat()
