"""Accepting a goal a trainee proposed."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)


@pytest.fixture
def proposal(mentor) -> Goal:
    trainee = make_trainee(make_group(mentor), name="Amal")
    return make_goal(trainee, text="Build the quiz page", proposal=True)


def _url(goal: Goal) -> str:
    return reverse("goals:accept", args=[goal.key])


def test_accepting_a_proposal(client, mentor, proposal):
    response = client.post(_url(proposal))

    assert response.status_code == 302
    assert response["Location"] == reverse("goals:board", args=[proposal.group.key])
    proposal.refresh_from_db()
    assert proposal.proposal is False
    event = proposal.events.get()
    assert (event.outcome, event.by, event.at) == ("accepted", mentor, NOW)
    assert "Build the quiz page" in page_text(client.get(response["Location"]))


def test_in_a_session_htmx_gets_the_goal_setting_tool_back(client, proposal):
    call = make_call(proposal.group, scheduled_at=NOW)

    response = client.post(_url(proposal), {"call": call.key}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    text = page_text(response)
    assert "Proposed by trainees" not in text
    assert "Set in this session Build the quiz page" in text
    proposal.refresh_from_db()
    assert (proposal.proposal, proposal.set_in) == (False, call)


def test_accepting_twice_records_it_once(client, proposal):
    client.post(_url(proposal))
    client.post(_url(proposal))

    assert proposal.events.count() == 1


def test_an_outsider_gets_404_and_nothing_changes(client, proposal):
    client.force_login(make_mentor())

    assert client.post(_url(proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.proposal is True
    assert not GoalEvent.objects.exists()


def test_a_proposal_of_another_group_is_404(client, mentor):
    other = make_goal(make_trainee(make_group(make_mentor())), proposal=True)

    assert client.post(_url(other)).status_code == 404
    other.refresh_from_db()
    assert other.proposal is True


def test_a_session_of_another_group_is_404(client, proposal):
    other = make_call(make_group(make_mentor()), scheduled_at=NOW)

    assert client.post(_url(proposal), {"call": other.key}, headers=HTMX).status_code == 404
    proposal.refresh_from_db()
    assert (proposal.proposal, proposal.set_in) == (True, None)


def test_wrong_method_is_405(client, proposal):
    assert client.get(_url(proposal)).status_code == 405
    proposal.refresh_from_db()
    assert proposal.proposal is True
