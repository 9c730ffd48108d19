"""One reading of a goal's history: the catch-up outcomes that stand, after any undo."""

import pytest

from mentorplan.goals import actions
from mentorplan.goals.models import GoalEvent, NextStep
from mentorplan.testing import make_call, make_goal, make_group, make_mentor, make_trainee

pytestmark = pytest.mark.django_db


def _standing(call) -> list[tuple[str, str]]:
    events = GoalEvent.objects.filter(call=call).effective_reviews().select_related("goal")
    return [(e.goal.text, e.outcome) for e in events.order_by("at", "pk")]


def test_an_undone_outcome_does_not_stand_and_the_next_one_does():
    mentor = make_mentor()
    amal = make_trainee(make_group(mentor), name="Amal")
    call = make_call(amal.group)
    quiz = make_goal(amal, text="Quiz")
    actions.review(quiz, outcome="met", by=mentor, call=call)
    actions.reopen(quiz, by=mentor)
    actions.review(quiz, outcome="partly", by=mentor, call=call)
    chapter = make_goal(amal, text="Chapter")
    actions.review(chapter, outcome="partly", by=mentor, call=call)
    actions.reopen(chapter, by=mentor)
    katas = make_goal(amal, text="Katas")
    actions.review(katas, outcome="extended", by=mentor, call=call, new_deadline=katas.deadline)
    actions.review(
        katas,
        outcome="missed",
        by=mentor,
        call=call,
        note="Ill",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=katas.deadline,
    )

    assert _standing(call) == [("Quiz", "partly"), ("Katas", "extended"), ("Katas", "missed")]
