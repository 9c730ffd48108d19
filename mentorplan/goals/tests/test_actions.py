"""Changes to goals: each one saves the goal and a history event (who, when, why) together."""

from datetime import UTC, date, datetime, timedelta

import pytest

from mentorplan.goals import actions
from mentorplan.goals.models import Goal, GoalEvent, GoalStatus, NextStep, ReviewOutcome
from mentorplan.testing import make_call, make_goal, make_group, make_trainee

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 18, 30, tzinfo=UTC)
TODAY = NOW.date()
DUE = date(2030, 1, 10)


@pytest.fixture
def call(mentor):
    return make_call(make_group(mentor), scheduled_at=NOW)


@pytest.fixture
def goal(call):
    return make_goal(make_trainee(call.group, name="Amal"), deadline=DUE, topic="Arrays")


def _review(goal, outcome, by, call, **fields):
    replacement = actions.review(goal, outcome=outcome, by=by, call=call, **fields)
    goal.refresh_from_db()
    return replacement


def _last_event(goal) -> GoalEvent:
    return goal.events.order_by("at", "pk").last()


def test_setting_a_goal_records_who_set_it_and_where(mentor, call):
    trainee = make_trainee(call.group)

    goal = actions.set_goal(
        by=mentor, call=call, group=call.group, trainee=trainee, text="Read chapter 4", deadline=DUE
    )

    assert (goal.status, goal.set_in, goal.trainee) == (GoalStatus.OPEN, call, trainee)
    event = goal.events.get()
    assert (event.outcome, event.by, event.at, event.call) == (ReviewOutcome.SET, mentor, NOW, call)
    assert event.new_deadline == DUE


@pytest.mark.parametrize("outcome", [ReviewOutcome.MET, ReviewOutcome.PARTLY])
def test_met_or_partly_closes_the_goal(goal, mentor, call, outcome):
    _review(goal, outcome, mentor, call)

    assert goal.status == outcome  # the outcome and the status share their value
    assert goal.closed_on == TODAY
    assert goal.deadline == DUE
    event = _last_event(goal)
    assert (event.outcome, event.from_status, event.to_status) == (outcome, "open", outcome)
    assert (event.by, event.at, event.call) == (mentor, NOW, call)


def test_a_miss_with_a_new_deadline_keeps_the_goal_open(goal, mentor, call):
    new = date(2030, 1, 28)

    _review(
        goal,
        ReviewOutcome.MISSED,
        mentor,
        call,
        note="Ill for a week",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=new,
    )

    assert (goal.status, goal.deadline, goal.times_missed, goal.closed_on) == ("open", new, 1, None)
    event = _last_event(goal)
    assert (event.outcome, event.note, event.next_step) == (
        "missed",
        "Ill for a week",
        "new_deadline",
    )
    assert (event.old_deadline, event.new_deadline) == (DUE, new)
    assert (event.by, event.at) == (mentor, NOW)


def test_a_miss_replaced_by_a_smaller_goal(goal, mentor, call):
    new = date(2030, 1, 21)

    smaller = _review(
        goal,
        ReviewOutcome.MISSED,
        mentor,
        call,
        note="The whole app was too big",
        next_step=NextStep.SMALLER,
        new_deadline=new,
        smaller_text="Finish the scoring function",
    )

    assert (goal.status, goal.times_missed, goal.closed_on) == ("missed", 1, TODAY)
    assert smaller is not None
    assert smaller.replaces == goal
    assert (smaller.trainee, smaller.group, smaller.topic) == (goal.trainee, goal.group, "Arrays")
    assert (smaller.text, smaller.deadline, smaller.status) == (
        "Finish the scoring function",
        new,
        "open",
    )
    assert smaller.set_in == call
    assert list(goal.replaced_by.all()) == [smaller]
    assert smaller.events.get().outcome == ReviewOutcome.SET
    assert _last_event(goal).next_step == NextStep.SMALLER


def test_a_miss_then_drop(goal, mentor, call):
    _review(
        goal, ReviewOutcome.MISSED, mentor, call, note="Not useful now", next_step=NextStep.DROP
    )

    assert (goal.status, goal.times_missed, goal.closed_on) == ("dropped", 1, TODAY)
    assert (_last_event(goal).from_status, _last_event(goal).to_status) == ("open", "dropped")
    assert Goal.objects.count() == 1


def test_extending_moves_the_deadline_and_counts(goal, mentor, call):
    new = date(2030, 1, 21)

    _review(goal, ReviewOutcome.EXTENDED, mentor, call, new_deadline=new)

    assert (goal.status, goal.deadline, goal.times_extended, goal.times_missed) == (
        "open",
        new,
        1,
        0,
    )
    assert (_last_event(goal).old_deadline, _last_event(goal).new_deadline) == (DUE, new)


def test_extended_or_missed_three_times_is_flagged(goal, mentor, call):
    later = date(2030, 2, 1)
    _review(goal, ReviewOutcome.EXTENDED, mentor, call, new_deadline=later)
    _review(
        goal,
        ReviewOutcome.MISSED,
        mentor,
        call,
        note="Busy at work",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=later,
    )
    assert not goal.is_flagged

    _review(goal, ReviewOutcome.EXTENDED, mentor, call, new_deadline=later)

    assert goal.is_flagged
    assert goal.events.count() == 3


def test_a_closed_goal_cannot_be_reviewed_again(goal, mentor, call):
    """A second tap, or a co-mentor who was quicker: the first outcome stands."""
    _review(
        goal,
        ReviewOutcome.MISSED,
        mentor,
        call,
        note="Too big",
        next_step=NextStep.SMALLER,
        new_deadline=date(2030, 1, 21),
        smaller_text="A smaller step",
    )

    with pytest.raises(actions.GoalNotOpen):
        actions.review(
            goal,
            outcome=ReviewOutcome.MISSED,
            by=mentor,
            call=call,
            note="Too big",
            next_step=NextStep.SMALLER,
            new_deadline=date(2030, 1, 21),
            smaller_text="A smaller step",
        )

    goal.refresh_from_db()
    assert goal.times_missed == 1
    assert Goal.objects.filter(replaces=goal).count() == 1
    assert GoalEvent.objects.count() == 2


def test_accepting_a_proposal(goal, mentor, call):
    goal.proposal = True
    goal.save()

    actions.accept_proposal(goal, by=mentor, call=call)

    goal.refresh_from_db()
    assert goal.proposal is False
    assert goal.set_in == call
    event = _last_event(goal)
    assert (event.outcome, event.by, event.at) == (ReviewOutcome.ACCEPTED, mentor, NOW)


def test_editing_records_what_changed(goal, mentor):
    goal.deadline = DUE + timedelta(days=7)
    goal.text = "Finish 2 katas"

    actions.edit_goal(goal, by=mentor, changed=["text", "deadline"])

    event = _last_event(goal)
    assert event.outcome == ReviewOutcome.EDITED
    assert "text" in event.note and "deadline" in event.note
    assert (event.old_deadline, event.new_deadline, event.by) == (
        DUE,
        DUE + timedelta(days=7),
        mentor,
    )
