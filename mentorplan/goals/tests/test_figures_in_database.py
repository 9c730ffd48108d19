"""The board's follow-through figures are counted by the database: for every owner they are the
figures `follow_through()` gives for the same goals, however they are mixed."""

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from mentorplan.accounts.models import User
from mentorplan.goals.models import FollowThrough, Goal, GoalStatus, Owner, follow_through
from mentorplan.groups.models import Trainee
from mentorplan.testing import make_goal, make_group, make_trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 4, 30, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
MET, PARTLY, MISSED = GoalStatus.MET, GoalStatus.PARTLY, GoalStatus.MISSED
OPEN, DROPPED = GoalStatus.OPEN, GoalStatus.DROPPED


def _in_python(goals: list[Goal], today: date) -> dict[Owner, FollowThrough]:
    owners: dict[Owner, list[Goal]] = {}
    for goal in goals:
        owners.setdefault((goal.trainee_id, goal.mentor_id), []).append(goal)
    return {owner: follow_through(mine, today) for owner, mine in owners.items()}


def _in_database(today: date) -> dict[Owner, FollowThrough]:
    found = Goal.objects.all().figures_by_owner(today)
    return {owner: figures.figures for owner, figures in found.items()}


def test_the_database_counts_as_follow_through_does(mentor):
    group = make_group(mentor)
    amal, ben = make_trainee(group, name="Amal"), make_trainee(group, name="Ben")
    kinds = [
        (MET, 0, 0),
        (MET, 1, 0),  # met late
        (MET, 0, 1),  # met after more time
        (PARTLY, 0, 0),
        (MISSED, 1, 0),
        (DROPPED, 1, 0),  # missed, then dropped: due
        (DROPPED, 0, 0),  # dropped before anything was due: not due
        (OPEN, 0, 0),
        (OPEN, 0, 2),
    ]
    days = [-200, -95, -60, -14, -3, 0, 4, 30]
    missed = None
    for number, ((status, missed_times, extended), day, owner) in enumerate(
        itertools.product(kinds, days, [amal, ben, mentor])
    ):
        deadline = TODAY + timedelta(days=day)
        closed = None if status == OPEN else deadline - timedelta(days=number % 3)
        missed = make_goal(
            owner,
            group=group,
            text=f"Goal {number}",
            deadline=deadline,
            status=status,
            closed_on=closed,
            times_missed=missed_times,
            times_extended=extended,
            carried_before=number % 2,
            replaces=missed if number % 5 == 0 else None,
        )
    make_goal(amal, group=group, deadline=TODAY - timedelta(days=9), proposal=True)
    goals = list(Goal.objects.agreed().overdue_first())

    for today in (TODAY, TODAY - timedelta(days=45), TODAY + timedelta(days=60)):
        assert _in_database(today) == _in_python(goals, today)


def test_a_streak_stops_at_the_newest_goal_not_met_on_time_on_the_same_day(amal):
    closed = TODAY - timedelta(days=3)
    make_goal(amal, deadline=closed, status=MET, closed_on=closed)
    make_goal(
        amal,
        deadline=closed - timedelta(days=1),
        status=MISSED,
        closed_on=closed,
        times_missed=1,
    )
    make_goal(amal, deadline=closed, status=MET, closed_on=closed - timedelta(days=1))
    goals = list(Goal.objects.agreed().overdue_first())

    assert _in_database(TODAY) == _in_python(goals, TODAY)
    assert _in_database(TODAY)[(amal.pk, None)].streak == 1


@pytest.fixture
def amal(mentor: User) -> Trainee:
    return make_trainee(make_group(mentor), name="Amal")
