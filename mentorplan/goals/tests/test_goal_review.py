"""Recording a goal's outcome: met, partly, missed (with a note and a next step) or extended."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from mentorplan.calls.models import Action
from mentorplan.goals.models import Goal, GoalEvent, GoalStatus
from mentorplan.testing import (
    HTMX,
    field_errors,
    is_partial,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    start_call,
    text_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)
TODAY = NOW.date()
DUE = date(2030, 1, 10)


@pytest.fixture
def goal(mentor) -> Goal:
    trainee = make_trainee(make_group(mentor), name="Amal")
    return make_goal(trainee, text="Finish 3 katas", deadline=DUE)


@pytest.fixture
def call(goal):
    call = start_call(make_call(goal.group, scheduled_at=NOW), NOW)
    call.control(Action.JUMP, position=1, now=NOW)
    return call


def _url(goal: Goal) -> str:
    return reverse("goals:review", args=[goal.key])


def _unchanged(goal: Goal) -> None:
    goal.refresh_from_db()
    assert (goal.status, goal.deadline, goal.times_missed, goal.times_extended) == (
        "open",
        DUE,
        0,
        0,
    )
    assert not GoalEvent.objects.exists()
    assert Goal.objects.count() == 1


def test_met(client, mentor, goal):
    response = client.post(_url(goal), {"outcome": "met"})

    assert response.status_code == 302
    assert response["Location"] == reverse("goals:board", args=[goal.group.key])
    goal.refresh_from_db()
    assert (goal.status, goal.closed_on) == ("met", TODAY)
    assert goal.events.get().by == mentor
    assert "Outcome recorded." in page_text(client.get(response["Location"]))


def test_missed_with_a_smaller_goal(client, goal):
    client.post(
        _url(goal),
        {
            "outcome": "missed",
            "note": "Too much at once",
            "next_step": "smaller",
            "smaller_text": "Finish 1 kata",
            "new_deadline": "2030-01-21",
        },
    )

    goal.refresh_from_db()
    assert (goal.status, goal.times_missed) == ("missed", 1)
    smaller = Goal.objects.get(replaces=goal)
    assert (smaller.text, smaller.deadline, smaller.trainee) == (
        "Finish 1 kata",
        date(2030, 1, 21),
        goal.trainee,
    )


def test_a_new_deadline_given_with_met_is_ignored(client, goal):
    client.post(_url(goal), {"outcome": "met", "new_deadline": "2030-02-01", "next_step": "drop"})

    goal.refresh_from_db()
    assert (goal.status, goal.deadline) == ("met", DUE)
    assert goal.events.get().next_step == ""


def test_in_a_session_htmx_gets_the_catch_up_back(client, goal, call):
    response = client.post(
        _url(goal),
        {"outcome": "extended", "new_deadline": "2030-01-28", "call": call.key},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert is_partial(response)
    text = page_text(response)
    assert "Reviewed in this session Finish 3 katas" in text
    assert "Given more time · new deadline 28 Jan" in text
    goal.refresh_from_db()
    assert (goal.deadline, goal.times_extended) == (date(2030, 1, 28), 1)
    assert goal.events.get().call == call


def test_in_a_session_without_javascript_it_goes_back_to_the_session(client, goal, call):
    response = client.post(_url(goal), {"outcome": "partly", "call": call.key})

    assert response["Location"] == reverse("calls:detail", args=[call.key])
    goal.refresh_from_db()
    assert goal.status == GoalStatus.PARTLY
    assert goal.events.get().call == call
    assert "Reviewed in this session Finish 3 katas" in page_text(client.get(response["Location"]))


def test_an_outsider_gets_404_and_nothing_changes(client, goal):
    client.force_login(make_mentor())

    assert client.post(_url(goal), {"outcome": "met"}).status_code == 404
    _unchanged(goal)


def test_a_goal_of_another_group_is_404(client, mentor):
    other = make_goal(make_trainee(make_group(make_mentor())))

    assert client.post(_url(other), {"outcome": "met"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "open"


def test_a_session_of_another_group_is_404(client, goal):
    other = make_call(make_group(make_mentor()), scheduled_at=NOW)

    response = client.post(_url(goal), {"outcome": "met", "call": other.key}, headers=HTMX)

    assert response.status_code == 404
    _unchanged(goal)


def test_wrong_method_is_405(client, goal):
    assert client.get(_url(goal)).status_code == 405


def test_a_miss_without_a_note_or_next_step_is_refused(client, goal):
    response = client.post(_url(goal), {"outcome": "missed"})

    assert response.status_code == 200
    assert field_errors(response, "id_note") == ["Say in a few words what got in the way."]
    assert field_errors(response, "id_next_step") == [
        "Choose what happens next: a new deadline, a smaller goal, or drop it."
    ]
    _unchanged(goal)


def test_a_new_deadline_in_the_past_is_refused(client, goal):
    data = {"outcome": "missed", "note": "Busy", "next_step": "new_deadline"}

    response = client.post(_url(goal), {**data, "new_deadline": "2030-01-13"})

    assert field_errors(response, "id_new_deadline") == [
        "The deadline has already passed. Choose today or a later date."
    ]
    _unchanged(goal)


def test_in_a_session_the_error_shows_in_the_goals_row(client, goal, call):
    response = client.post(
        _url(goal), {"outcome": "missed", "note": "", "call": call.key}, headers=HTMX
    )

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    row = content[content.index(f'action="{_url(goal)}"') :]
    assert '<details class="review-more" open>' in content
    assert "Say in a few words what got in the way." in row
    _unchanged(goal)


def test_in_a_session_only_the_refused_row_shows_what_was_typed(client, goal, call):
    make_goal(goal.trainee, text="Read the chapter on loops", deadline=DUE)
    sent = {
        "outcome": "missed",
        "next_step": "smaller",
        "smaller_text": "Two katas",
        "call": call.key,
    }

    response = client.post(_url(goal), sent, headers=HTMX)

    rows = {text_in(row.p): row for row in parse(response).select(".review-row")}
    refused, untouched = rows["Finish 3 katas"], rows["Read the chapter on loops"]
    assert refused.select("details[open]")
    assert refused.select("input[name=smaller_text][value='Two katas']")
    assert refused.select("input[name=next_step][value=smaller][checked]")
    assert refused.select("textarea[name=note][aria-invalid=true]")
    assert untouched.select("details:not([open])")
    assert untouched.select("input[name=smaller_text][value='']")
    assert not untouched.select("input[name=next_step][checked], [aria-invalid], .error")
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN and not GoalEvent.objects.exists()


def test_a_second_outcome_for_the_same_goal_is_refused(client, goal):
    client.post(_url(goal), {"outcome": "met"})
    client.get(reverse("goals:board", args=[goal.group.key]))  # shows "Outcome recorded."

    response = client.post(_url(goal), {"outcome": "partly"})

    assert response.status_code == 200
    assert "This goal already has an outcome" in page_text(response)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MET
    assert goal.events.count() == 1
