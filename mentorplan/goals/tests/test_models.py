"""Goals in the database: one owner each, the order pages show them in, and follow-through."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from mentorplan.goals.models import FollowThrough, Goal, GoalStatus, follow_through
from mentorplan.testing import make_goal, make_group, make_trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 4, 30, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def trainee(mentor):
    return make_trainee(make_group(mentor), name="Amal")


def test_a_goal_belongs_to_a_trainee_or_a_mentor(mentor, trainee):
    assert make_goal(trainee).owner_name == "Amal"
    assert make_goal(mentor).owner_name == "Sam"


def test_the_database_refuses_a_goal_with_two_owners(mentor, trainee):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(
            group=trainee.group, trainee=trainee, mentor=mentor, text="x", deadline=TODAY
        )

    assert not Goal.objects.exists()


def test_the_database_refuses_a_goal_without_an_owner(trainee):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(group=trainee.group, text="x", deadline=TODAY)

    goal = make_goal(trainee)
    goal.trainee = None
    with pytest.raises(IntegrityError), transaction.atomic():
        goal.save()


def test_open_goals_come_first_oldest_deadline_first_then_closed_ones_newest_first(trainee):
    def goal(days: int, status: str = GoalStatus.OPEN) -> Goal:
        return make_goal(trainee, deadline=TODAY + timedelta(days=days), status=status)

    due_soon = goal(3)
    overdue = goal(-10)
    closed_long_ago = goal(-200, GoalStatus.MET)
    due_later = goal(20)
    closed_recently = goal(-5, GoalStatus.MISSED)
    overdue_by_a_day = goal(-1)

    assert list(Goal.objects.overdue_first()) == [
        overdue,
        overdue_by_a_day,
        due_soon,
        due_later,
        closed_recently,
        closed_long_ago,
    ]


def test_a_goal_extended_or_missed_three_times_is_flagged(trainee):
    assert not make_goal(trainee, times_extended=2).is_flagged
    assert make_goal(trainee, times_extended=3).is_flagged
    assert make_goal(trainee, times_missed=3).is_flagged
    assert make_goal(trainee, times_extended=1, times_missed=2).is_flagged


def test_overdue_is_open_and_past_the_deadline(trainee):
    assert make_goal(trainee, deadline=TODAY - timedelta(days=1)).is_overdue()
    assert not make_goal(trainee, deadline=TODAY).is_overdue()
    assert not make_goal(trainee, deadline=date(2030, 1, 1), status=GoalStatus.MET).is_overdue()


def _goal(trainee, *, due: date, status=GoalStatus.OPEN, closed: date | None = None, **fields):
    return make_goal(trainee, deadline=due, status=status, closed_on=closed, **fields)


def test_follow_through_by_hand(trainee):
    """Today is 30 April 2030, so the last 90 days start on 30 January."""
    met = GoalStatus.MET
    goals = [
        # Met on time, most recently: the streak so far.
        _goal(trainee, due=date(2030, 4, 21), status=met, closed=date(2030, 4, 20)),
        # Still open two weeks after its deadline: due and not met; it ends the streak.
        _goal(trainee, due=date(2030, 4, 15)),
        _goal(trainee, due=date(2030, 4, 11), status=met, closed=date(2030, 4, 10)),
        _goal(trainee, due=date(2030, 4, 1), status=GoalStatus.PARTLY, closed=date(2030, 4, 1)),
        # Missed once, kept with a new deadline, then met: late, and carried over.
        _goal(trainee, due=date(2030, 3, 1), status=met, closed=date(2030, 3, 1), times_missed=1),
        # Missed and dropped: due and not met, but nothing was carried over.
        _goal(
            trainee,
            due=date(2030, 2, 10),
            status=GoalStatus.DROPPED,
            closed=date(2030, 2, 15),
            times_missed=1,
        ),
        # Met on time, but 150 days ago: counts for all time only.
        _goal(trainee, due=date(2029, 12, 1), status=met, closed=date(2029, 12, 1)),
        # Not due yet, though given more time once: carried over, not counted as due.
        _goal(trainee, due=date(2030, 5, 10), times_extended=1),
        # Dropped without a miss (it stopped making sense): not due.
        _goal(trainee, due=date(2030, 3, 5), status=GoalStatus.DROPPED, closed=date(2030, 3, 3)),
        # A proposal nobody accepted yet counts for nothing.
        _goal(trainee, due=date(2030, 4, 1), proposal=True),
    ]
    missed = _goal(
        trainee,
        due=date(2030, 2, 18),
        status=GoalStatus.MISSED,
        closed=date(2030, 2, 20),
        times_missed=1,
    )
    # The smaller goal that replaced the missed one, met on time: one carry-over, not two.
    smaller = _goal(
        trainee, due=date(2030, 3, 10), status=met, closed=date(2030, 3, 9), replaces=missed
    )

    figures = follow_through([*goals, missed, smaller], TODAY)

    assert figures == FollowThrough(
        met_on_time_90=3,  # 20 Apr, 10 Apr, the smaller goal
        due_90=8,  # those three, the open one, partly, late, missed-and-dropped, missed
        met_on_time_all=4,  # and December's
        due_all=9,
        streak=1,
        carried_over=3,  # missed then met, extended, the smaller goal
        next_due=date(2030, 5, 10),  # the open goal given more time
    )
    assert (figures.rate_90, figures.rate_all) == (38, 44)


def test_the_streak_counts_goals_met_on_time_in_a_row(trainee):
    for day in (1, 8, 15):
        _goal(trainee, due=date(2030, 4, day), status=GoalStatus.MET, closed=date(2030, 4, day))
    _goal(trainee, due=date(2030, 3, 20), status=GoalStatus.MET, times_extended=1)
    _goal(trainee, due=date(2030, 3, 1), status=GoalStatus.MET, closed=date(2030, 3, 1))
    _goal(trainee, due=date(2030, 5, 7))  # not due yet: does not break the streak

    figures = follow_through(list(trainee.goals.all()), TODAY)

    assert figures.streak == 3
    assert (figures.met_on_time_all, figures.due_all) == (4, 5)


def test_the_90_day_window_starts_90_days_ago(trainee):
    _goal(trainee, due=date(2030, 1, 30), status=GoalStatus.MET, closed=date(2030, 1, 30))
    _goal(trainee, due=date(2030, 1, 29), status=GoalStatus.MET, closed=date(2030, 1, 29))

    figures = follow_through(list(trainee.goals.all()), TODAY)

    assert (figures.met_on_time_90, figures.due_90) == (1, 1)
    assert (figures.met_on_time_all, figures.due_all) == (2, 2)


def test_nothing_due_yet_has_no_rate(trainee):
    _goal(trainee, due=TODAY)

    figures = follow_through(list(trainee.goals.all()), TODAY)

    assert figures == FollowThrough(0, 0, 0, 0, 0, 0, next_due=TODAY)
    assert figures.rate_90 is None and figures.rate_all is None
