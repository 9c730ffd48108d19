"""An outcome undone in catch-up (“Undo met”) counts nowhere: not in the summary, not among the
moments to praise. What was recorded after the undo counts instead."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.goals import actions as goal_actions
from mentorplan.goals.models import NextStep
from mentorplan.testing import end_call, make_goal
from mentorplan.wrapup import summary
from mentorplan.wrapup.tests.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def undone(call, mentor, amal):
    """In this session: “Finish the quiz app” tapped as met by mistake, undone, then recorded as
    missed with a new deadline; “Read chapter 4” tapped as met, undone and left open."""
    quiz = make_goal(amal, text="Finish the quiz app")
    goal_actions.review(quiz, outcome="met", by=mentor, call=call)
    goal_actions.reopen(quiz, by=mentor)
    goal_actions.review(
        quiz,
        outcome="missed",
        by=mentor,
        call=call,
        note="Busy week at work",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=timezone.localdate() + timedelta(days=14),
    )
    chapter = make_goal(amal, text="Read chapter 4")
    goal_actions.review(chapter, outcome="met", by=mentor, call=call)
    goal_actions.reopen(chapter, by=mentor)
    return call


def test_the_summary_gives_the_outcome_that_stands(undone):
    end_call(undone)

    text = summary.as_markdown(summary.build(undone))

    reviewed = [line for line in text.splitlines() if line.startswith("- Amal: ")]
    assert len(reviewed) == 1  # the miss that stands, once
    assert reviewed[0].startswith("- Amal: Finish the quiz app — ")
    assert "met" not in reviewed[0] and "done" not in reviewed[0]
    assert "Read chapter 4" not in text


def test_an_undone_met_is_not_a_moment_to_praise(client, undone):
    text = text_of(client.get(reverse("calls:detail", args=[undone.key])))
    moments = text[text.index("Moments to praise") : text.index("Who did well")]

    assert "Met the goal" not in moments
