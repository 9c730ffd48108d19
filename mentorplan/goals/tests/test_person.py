"""A trainee's goals page: all their goals, overdue first, and their follow-through figures."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.goals.models import Goal, GoalStatus
from mentorplan.groups.models import Trainee
from mentorplan.testing import (
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    text_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 4, 30, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def trainee(client) -> Trainee:
    mentor = make_mentor(display_name="Sam")
    client.force_login(mentor)
    return make_trainee(make_group(mentor), name="Amal")


def _url(trainee: Trainee) -> str:
    return reverse("goals:person", args=[trainee.key])


def _goal(trainee: Trainee, text: str, due: date, **fields) -> Goal:
    return make_goal(trainee, text=text, deadline=due, **fields)


def test_the_goals_overdue_first_and_the_figures(client, trainee):
    met = GoalStatus.MET
    _goal(trainee, "Met in April", date(2030, 4, 20), status=met, closed_on=date(2030, 4, 20))
    _goal(trainee, "Overdue", date(2030, 4, 25))
    _goal(trainee, "Next week", date(2030, 5, 7), times_extended=1)
    _goal(trainee, "Met in March", date(2030, 3, 9), status=met, closed_on=date(2030, 3, 9))
    _goal(trainee, "Met last year", date(2029, 6, 1), status=met, closed_on=date(2029, 6, 1))
    _goal(
        trainee, "Late", date(2030, 3, 1), status=met, closed_on=date(2030, 3, 20), times_missed=1
    )
    _goal(trainee, "Proposed", date(2030, 5, 1), proposal=True)
    _goal(make_trainee(trainee.group), "Someone else's", date(2030, 4, 1))

    response = client.get(_url(trainee))

    assert response.status_code == 200
    text = page_text(response)
    figures = text[text.index("Follow-through") : text.index("All goals")]
    assert "Met on time, last 90 days 2 of 4 (50%)" in figures
    assert "Met on time, all time 3 of 5 (60%)" in figures
    assert "Current streak 0" in figures
    assert "Carried over 2" in figures
    listed = text[text.index("All goals") :]
    order = ["Overdue", "Next week", "Met in April", "Met in March", "Late", "Met last year"]
    assert [listed.index(f"{goal} Amal") for goal in order] == sorted(
        listed.index(f"{goal} Amal") for goal in order
    )
    assert "Proposed" not in text
    assert "Someone else's" not in text


def test_no_goals_yet(client, trainee):
    text = page_text(client.get(_url(trainee)))

    assert "Met on time, last 90 days 0 of 0 Met" in text
    assert "No goals yet." in text


def test_an_outsider_gets_404(client, trainee):
    _goal(trainee, "Amal's secret goal", TODAY)
    client.force_login(make_mentor())

    response = client.get(_url(trainee))

    assert response.status_code == 404
    assert "Amal" not in response.content.decode()


def test_a_trainee_of_another_group_is_404(client, trainee):
    stranger = make_trainee(make_group(make_mentor()))

    assert client.get(_url(stranger)).status_code == 404


def test_wrong_method_is_405(client, trainee):
    assert client.post(_url(trainee)).status_code == 405


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_goals(client, trainee):
    _goal(trainee, "The first", TODAY)
    one = _queries(client, _url(trainee))

    for n in range(29):
        status = [GoalStatus.OPEN, GoalStatus.MET, GoalStatus.MISSED][n % 3]
        goal = _goal(trainee, f"Goal {n}", TODAY - timedelta(days=n), status=status)
        if n % 5 == 0:
            _goal(trainee, f"Smaller {n}", TODAY, replaces=goal)

    assert _queries(client, _url(trainee)) == one


def test_each_goal_shows_its_state_overdue_only_when_open_and_past_its_deadline(client, trainee):
    _goal(trainee, "Due yesterday", TODAY - timedelta(days=1))
    _goal(trainee, "Due today", TODAY)
    _goal(trainee, "Met late", TODAY - timedelta(days=9), status=GoalStatus.MET, closed_on=TODAY)

    rows = parse(client.get(_url(trainee))).select("li.row")

    states = {
        text_in(row.select_one(".goal-text")): text_in(row.select(".badge")[-1]) for row in rows
    }
    assert states == {"Due yesterday": "overdue", "Due today": "open", "Met late": "Met"}
