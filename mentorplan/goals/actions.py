"""Changes to goals that touch more than one row, each in one transaction with its history event."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.goals.models import (
    UNDOABLE,
    Goal,
    GoalEvent,
    GoalStatus,
    NextStep,
    ReviewOutcome,
)

if TYPE_CHECKING:
    from mentorplan.accounts.models import User


class GoalNotOpen(Exception):
    """The goal was closed, or is still a proposal, by the time its review arrived."""


def _event(goal: Goal, outcome: str, by: "User", call: Call | None, **fields: Any) -> GoalEvent:
    return GoalEvent.objects.create(goal=goal, outcome=outcome, by=by, call=call, **fields)


@transaction.atomic
def set_goal(*, by: "User", call: Call | None = None, **fields: Any) -> Goal:
    goal = Goal.objects.create(set_in=call, **fields)
    _event(goal, ReviewOutcome.SET, by, call, to_status=goal.status, new_deadline=goal.deadline)
    return goal


@transaction.atomic
def propose_goal(*, call: Call | None, **fields: Any) -> Goal:
    """A goal a trainee proposes for themselves: waiting for a mentor, who accepts or edits it
    (`accept_proposal`). Its history starts with the proposal, made by nobody with an account."""
    goal = Goal.objects.create(set_in=call, proposal=True, **fields)
    GoalEvent.objects.create(
        goal=goal,
        outcome=ReviewOutcome.SET,
        by=None,
        call=call,
        to_status=goal.status,
        new_deadline=goal.deadline,
        note="Proposed by the trainee.",
    )
    return goal


@transaction.atomic
def accept_proposal(goal: Goal, *, by: "User", call: Call | None) -> Goal:
    goal.proposal = False
    goal.set_in = goal.set_in or call
    goal.save(update_fields=["proposal", "set_in", "updated_at"])
    _event(goal, ReviewOutcome.ACCEPTED, by, call, from_status=goal.status, to_status=goal.status)
    return goal


@transaction.atomic
def edit_goal(goal: Goal, *, by: "User", changed: list[str]) -> Goal:
    """Save the fields the mentor changed on `goal`, and only those, onto the goal as it is now:
    an outcome recorded since the edit form was loaded (met, extended) stays as it is."""
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    changed = [name for name in changed if getattr(locked, name) != getattr(goal, name)]
    if not changed:
        return locked
    old_deadline = locked.deadline
    for name in changed:
        setattr(locked, name, getattr(goal, name))
    locked.save(update_fields=[*changed, "updated_at"])
    _event(
        locked,
        ReviewOutcome.EDITED,
        by,
        None,
        from_status=locked.status,
        to_status=locked.status,
        old_deadline=old_deadline if "deadline" in changed else None,
        new_deadline=locked.deadline if "deadline" in changed else None,
        note="Changed: " + ", ".join(changed),
    )
    return locked


@transaction.atomic
def review(
    goal: Goal,
    *,
    outcome: str,
    by: "User",
    call: Call | None,
    note: str = "",
    next_step: str = "",
    new_deadline: date | None = None,
    smaller_text: str = "",
) -> Goal | None:
    """Record a catch-up outcome. Returns the smaller goal when a miss is replaced by one.

    Raises GoalNotOpen when the goal is no longer open: a second tap, or a co-mentor was quicker.
    """
    locked = Goal.objects.select_for_update().get(pk=goal.pk)
    if locked.status != GoalStatus.OPEN or locked.proposal:
        raise GoalNotOpen(goal.key)
    goal.deadline, goal.times_missed = locked.deadline, locked.times_missed
    goal.times_extended = locked.times_extended
    today = timezone.localdate()
    before = goal.status
    old_deadline = goal.deadline
    replacement = None
    if outcome == ReviewOutcome.MET:
        goal.status, goal.closed_on = GoalStatus.MET, today
    elif outcome == ReviewOutcome.PARTLY:
        goal.status, goal.closed_on = GoalStatus.PARTLY, today
    elif outcome == ReviewOutcome.DROPPED:
        goal.status, goal.closed_on = GoalStatus.DROPPED, today
    elif outcome == ReviewOutcome.EXTENDED:
        assert new_deadline is not None
        goal.times_extended += 1
        goal.deadline = new_deadline
    elif outcome == ReviewOutcome.MISSED:
        goal.times_missed += 1
        if next_step == NextStep.NEW_DEADLINE:
            assert new_deadline is not None
            goal.deadline = new_deadline
        else:
            goal.status = GoalStatus.DROPPED if next_step == NextStep.DROP else GoalStatus.MISSED
            goal.closed_on = today
    # Only what an outcome changes: an edit of the text saved meanwhile stays.
    reviewed = ["status", "closed_on", "deadline", "times_missed", "times_extended"]
    goal.save(update_fields=[*reviewed, "updated_at"])
    if next_step == NextStep.SMALLER:
        assert new_deadline is not None
        replacement = Goal.objects.create(
            group=goal.group,
            trainee=goal.trainee,
            mentor=goal.mentor,
            text=smaller_text,
            measure="",
            deadline=new_deadline,
            topic=goal.topic,
            link=goal.link,
            set_in=call,
            replaces=goal,
            carried_before=goal.carry_overs + 1,
        )
        _event(
            replacement,
            ReviewOutcome.SET,
            by,
            call,
            to_status=GoalStatus.OPEN,
            new_deadline=new_deadline,
            note=f"A smaller step after missing “{goal.text}”.",
        )
    _event(
        goal,
        outcome,
        by,
        call,
        from_status=before,
        to_status=goal.status,
        old_deadline=old_deadline if goal.deadline != old_deadline else None,
        new_deadline=goal.deadline if goal.deadline != old_deadline else None,
        note=note,
        next_step=next_step,
    )
    return replacement


@transaction.atomic
def reopen(goal: Goal, *, by: "User") -> bool:
    """Undo a mis-tapped “met” or “partly”: the goal is open again, and the history says so.

    The undo is filed under the session of the outcome it undoes, so that session's catch-up
    lists the goal again. Returns False when there is nothing to undo.
    """
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status not in UNDOABLE:
        return False
    last = goal.events.filter(outcome__in=UNDOABLE).order_by("at", "pk").last()
    before = goal.status
    goal.status, goal.closed_on = GoalStatus.OPEN, None
    goal.save(update_fields=["status", "closed_on", "updated_at"])
    call = last.call if last else None
    _event(goal, ReviewOutcome.REOPENED, by, call, from_status=before, to_status=GoalStatus.OPEN)
    return True
