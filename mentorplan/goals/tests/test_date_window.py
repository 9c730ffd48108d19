"""Dates at the edges of the calendar: a goal's deadline is a day from a year back to five years
ahead, the live check explains a date outside that instead of failing, nothing is saved."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.testing import field_errors, make_goal, make_trainee, page_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
WINDOW = (
    "Choose a date between 13 January 2029 and 14 January 2035: "
    "from a year ago to five years ahead."
)
EDGES = ["9999-12-31", "0001-01-01", "2035-01-15"]


@pytest.fixture
def trainee(group):
    return make_trainee(group, name="Amal")


@pytest.mark.parametrize("deadline", EDGES)
def test_the_live_check_explains_a_deadline_outside_the_window(client, trainee, deadline):
    response = client.post(
        reverse("goals:check", args=[trainee.group.key]),
        {"text": "finish 3 katas on arrays", "deadline": deadline, "owner": f"t:{trainee.key}"},
    )

    assert response.status_code == 200
    text = page_text(response)
    if deadline != "0001-01-01":
        assert f"Time-bound could be better: {WINDOW}" in text
    else:
        assert "The deadline has already passed." in text


def test_the_live_check_takes_the_last_day_of_the_window(client, trainee):
    response = client.post(
        reverse("goals:check", args=[trainee.group.key]),
        {"text": "finish 3 katas on arrays", "deadline": "2035-01-14"},
    )

    assert "Time-bound looks good: Due Sun 14 Jan." in page_text(response)


@pytest.mark.parametrize("deadline", EDGES)
def test_a_goal_due_outside_the_window_is_refused_next_to_the_field(client, trainee, deadline):
    response = client.post(
        reverse("goals:create", args=[trainee.group.key]),
        {"owner": f"t:{trainee.key}", "text": "Finish 3 katas", "deadline": deadline},
    )

    assert response.status_code == 200
    errors = field_errors(response, "id_deadline")
    assert errors == [WINDOW] or errors == [
        "The deadline has already passed. Choose today or a later date."
    ]
    assert not Goal.objects.exists()
    assert not GoalEvent.objects.exists()


def test_a_new_deadline_outside_the_window_is_refused(client, trainee):
    goal = make_goal(trainee, text="Finish 3 katas", deadline=date(2030, 1, 10))

    response = client.post(
        reverse("goals:review", args=[goal.key]),
        {"outcome": "extended", "new_deadline": "9999-12-31"},
    )

    assert field_errors(response, "id_new_deadline") == [WINDOW]
    goal.refresh_from_db()
    assert (goal.status, goal.deadline) == ("open", date(2030, 1, 10))
    assert not GoalEvent.objects.exists()
