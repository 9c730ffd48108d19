"""A goal's page: change it, and read its history (who changed what, when and why)."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from mentorplan.goals import actions
from mentorplan.goals.models import Goal, GoalEvent, NextStep, ReviewOutcome
from mentorplan.testing import (
    field_errors,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
DUE = date(2030, 1, 21)


@pytest.fixture
def goal(mentor) -> Goal:
    trainee = make_trainee(make_group(mentor), name="Amal")
    return make_goal(trainee, text="Finish 3 katas", deadline=DUE, topic="Arrays")


def _url(goal: Goal) -> str:
    return reverse("goals:detail", args=[goal.key])


def _form(**overrides: str) -> dict[str, str]:
    data = {"text": "Finish 3 katas", "measure": "", "deadline": "2030-01-21", "topic": "Arrays"}
    data.update(overrides)
    return data


def test_the_page_shows_the_goal_and_its_history(client, mentor, goal):
    actions.review(
        goal,
        outcome=ReviewOutcome.MISSED,
        by=mentor,
        call=None,
        note="Ill for a week",
        next_step=NextStep.NEW_DEADLINE,
        new_deadline=date(2030, 1, 28),
    )

    response = client.get(_url(goal))

    assert response.status_code == 200
    text = page_text(response)
    assert "Finish 3 katas Amal · Open · due Monday 28 January 2030" in text
    assert "Missed · 14 Jan 2030, 12:00 by Sam deadline 21 Jan → 28 Jan Ill for a week" in text
    assert "Next: keep it, with a new deadline" in text
    assert "Record an outcome" in text


def test_a_goal_extended_or_missed_three_times_is_flagged(client, goal):
    goal.times_extended, goal.times_missed = 2, 1
    goal.save()

    assert "carried over 3 times — worth a conversation" in page_text(client.get(_url(goal)))


def test_a_smaller_goal_carries_the_history_of_the_goal_it_replaces(client, mentor, goal):
    smaller = actions.review(
        goal,
        outcome=ReviewOutcome.MISSED,
        by=mentor,
        call=None,
        note="Too much at once",
        next_step=NextStep.SMALLER,
        new_deadline=date(2030, 1, 28),
        smaller_text="Finish 1 kata",
    )
    assert smaller is not None
    for deadline in (date(2030, 2, 4), date(2030, 2, 11)):
        actions.review(
            smaller, outcome=ReviewOutcome.EXTENDED, by=mentor, call=None, new_deadline=deadline
        )

    assert "carried over 3 times — worth a conversation" in page_text(client.get(_url(smaller)))


def test_changing_the_goal_is_saved_with_a_history_event(client, mentor, goal):
    response = client.post(_url(goal), _form(text="Finish 2 katas", deadline="2030-01-25"))

    assert response.status_code == 302
    assert response["Location"] == reverse("goals:board", args=[goal.group.key])
    goal.refresh_from_db()
    assert (goal.text, goal.deadline) == ("Finish 2 katas", date(2030, 1, 25))
    event = goal.events.get()
    assert (event.outcome, event.by, event.at) == ("edited", mentor, NOW)
    assert (event.old_deadline, event.new_deadline) == (DUE, date(2030, 1, 25))
    assert "Goal saved." in page_text(client.get(response["Location"]))


def test_saving_without_changes_records_nothing(client, goal):
    client.post(_url(goal), _form())

    assert not GoalEvent.objects.exists()


def test_an_overdue_goal_keeps_its_deadline_when_its_text_changes(client, goal):
    goal.deadline = date(2030, 1, 10)
    goal.save()

    response = client.post(_url(goal), _form(text="Finish 2 katas", deadline="2030-01-10"))

    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.text, goal.deadline) == ("Finish 2 katas", date(2030, 1, 10))


def test_an_outsider_gets_404(client, goal):
    client.force_login(make_mentor())

    assert client.get(_url(goal)).status_code == 404
    assert client.post(_url(goal), _form(text="Changed")).status_code == 404
    goal.refresh_from_db()
    assert goal.text == "Finish 3 katas"


def test_a_goal_of_another_group_is_404(client, mentor):
    other = make_goal(make_trainee(make_group(make_mentor())))

    assert client.get(_url(other)).status_code == 404
    assert client.post(_url(other), _form(text="Changed")).status_code == 404
    other.refresh_from_db()
    assert other.text != "Changed"


def test_wrong_method_is_405(client, goal):
    assert client.delete(_url(goal)).status_code == 405
    assert Goal.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "", "Say what the goal is."),
        (
            "deadline",
            "2030-01-13",
            "The deadline has already passed. Choose today or a later date.",
        ),
        ("deadline", "", "Every goal needs a deadline."),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(client, goal, field, value, message):
    response = client.post(_url(goal), {**_form(text="Finish 2 katas"), field: value})

    assert response.status_code == 200
    assert field_errors(response, f"id_{field}") == [message]
    goal.refresh_from_db()
    assert (goal.text, goal.deadline) == ("Finish 3 katas", DUE)
    assert not GoalEvent.objects.exists()
    assert "Finish 3 katas Amal · Open" in page_text(response)  # the heading shows what is saved
