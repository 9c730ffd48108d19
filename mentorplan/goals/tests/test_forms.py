"""The review form: a miss needs a note and a next step; new deadlines are not in the past."""

from datetime import UTC, datetime

import pytest
from django.forms.utils import ErrorDict

from mentorplan.goals.forms import ALREADY_CLOSED, PAST_DEADLINE, ReviewForm
from mentorplan.goals.models import GoalStatus
from mentorplan.testing import make_goal, make_group, make_mentor, make_trainee

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("frozen")


def _errors(**data: str) -> ErrorDict:
    form = ReviewForm(data)
    assert not form.is_valid()
    return form.errors


@pytest.mark.parametrize("outcome", ["met", "partly"])
def test_met_and_partly_need_nothing_else(outcome):
    assert ReviewForm({"outcome": outcome}).is_valid()


def test_a_miss_needs_a_note_and_a_next_step():
    errors = _errors(outcome="missed")

    assert errors["note"] == ["Say in a few words what got in the way."]
    assert errors["next_step"] == [
        "Choose what happens next: a new deadline, a smaller goal, or drop it."
    ]


def test_a_note_of_spaces_is_no_note():
    assert "note" in _errors(outcome="missed", note="   ", next_step="drop")


def test_a_miss_with_a_note_and_drop_is_enough():
    assert ReviewForm(
        {"outcome": "missed", "note": "Not useful now", "next_step": "drop"}
    ).is_valid()


@pytest.mark.parametrize("step", ["new_deadline", "smaller"])
def test_a_new_deadline_or_a_smaller_goal_needs_a_date_not_in_the_past(step):
    data = {"outcome": "missed", "note": "Busy", "next_step": step, "smaller_text": "Less"}

    assert _errors(**data)["new_deadline"] == ["Choose the new deadline."]
    assert _errors(**data, new_deadline="2030-01-13")["new_deadline"] == [PAST_DEADLINE]
    assert ReviewForm({**data, "new_deadline": "2030-01-14"}).is_valid()


def test_a_smaller_goal_needs_its_text():
    errors = _errors(outcome="missed", note="Busy", next_step="smaller", new_deadline="2030-01-20")

    assert errors["smaller_text"] == ["Write the smaller goal."]


def test_extending_needs_a_date_not_in_the_past():
    assert _errors(outcome="extended")["new_deadline"] == ["Choose the new deadline."]
    assert _errors(outcome="extended", new_deadline="2029-12-31")["new_deadline"] == [PAST_DEADLINE]
    assert ReviewForm({"outcome": "extended", "new_deadline": "2030-01-21"}).is_valid()


def test_an_unknown_outcome_is_refused():
    assert "outcome" in _errors(outcome="dropped")
    assert "outcome" in _errors()


@pytest.mark.django_db
def test_a_closed_goal_or_a_proposal_cannot_be_reviewed():
    trainee = make_trainee(make_group(make_mentor()))
    closed = make_goal(trainee, status=GoalStatus.MET)
    proposal = make_goal(trainee, proposal=True)

    form = ReviewForm({"outcome": "met"}, goal=closed)
    assert not form.is_valid()
    assert form.non_field_errors() == [ALREADY_CLOSED]
    assert not ReviewForm({"outcome": "met"}, goal=proposal).is_valid()
    assert ReviewForm({"outcome": "met"}, goal=make_goal(trainee)).is_valid()
