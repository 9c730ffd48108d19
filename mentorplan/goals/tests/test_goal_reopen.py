import pytest
from django.urls import reverse

from mentorplan.goals import actions
from mentorplan.goals.models import GoalEvent, GoalStatus, ReviewOutcome
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    at_segment,
    is_partial,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
)


@pytest.fixture
def reviewed():
    mentor = make_mentor()
    group = make_group(mentor)
    goal = make_goal(make_trainee(group, name="Amal"), text="Finish the quiz app")
    call = at_segment(make_call(group), SegmentKind.GOAL_CATCHUP)
    actions.review(goal, outcome=ReviewOutcome.MET, by=mentor, call=call)
    goal.refresh_from_db()
    return mentor, goal, call


def _url(goal):
    return reverse("goals:reopen", args=[goal.key])


@pytest.mark.django_db
def test_undo_in_catch_up_puts_the_goal_back_among_those_to_review(client, reviewed):
    mentor, goal, call = reviewed
    client.force_login(mentor)

    response = client.post(_url(goal), {"call": call.key}, HTTP_HX_REQUEST="true")

    assert is_partial(response)
    page = response.content.decode()
    assert "Reviewed in this session" not in page
    assert "Finish the quiz app" in page and ">Met</button>" in page  # one tap away again
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN and goal.closed_on is None
    undo = GoalEvent.objects.filter(goal=goal).order_by("at", "pk").last()
    assert undo is not None
    assert (undo.outcome, undo.by, undo.call) == (ReviewOutcome.REOPENED, mentor, call)


@pytest.mark.django_db
def test_undo_from_the_goal_page_redirects_back_to_it(client, reviewed):
    mentor, goal, _ = reviewed
    client.force_login(mentor)
    response = client.post(_url(goal))
    assert response.status_code == 302
    assert response["Location"] == reverse("goals:detail", args=[goal.key])
    goal.refresh_from_db()
    assert goal.status == GoalStatus.OPEN


@pytest.mark.django_db
def test_a_missed_goal_cannot_be_undone_and_nothing_changes(client, reviewed):
    mentor, goal, _ = reviewed
    goal.status = GoalStatus.MISSED
    goal.save()
    events = GoalEvent.objects.count()
    client.force_login(mentor)
    client.post(_url(goal))
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MISSED
    assert GoalEvent.objects.count() == events


@pytest.mark.django_db
def test_outsider_gets_404_and_wrong_method_405(client, reviewed):
    _, goal, _ = reviewed
    client.force_login(make_mentor())
    assert client.post(_url(goal)).status_code == 404
    assert client.get(_url(goal)).status_code == 405
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MET
