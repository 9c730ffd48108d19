"""A goal edit racing a catch-up outcome: the edit changes what the mentor typed and nothing
else, so a goal met in the meantime stays met."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.goals.models import Goal, GoalStatus
from mentorplan.testing import make_goal, make_group, make_mentor, make_trainee
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql


@pytest.fixture
def mentor() -> User:
    return make_mentor()


@pytest.fixture
def goal(mentor) -> Goal:
    trainee = make_trainee(make_group(mentor), name="Amal")
    return make_goal(trainee, text="Finish 3 katas", deadline=_due(), topic="Arrays")


def _due() -> date:
    return timezone.localdate() + timedelta(days=7)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit(client: Client, goal: Goal, text: str) -> int:
    data = {"text": text, "measure": "", "deadline": _due().isoformat(), "topic": "Arrays"}
    return client.post(reverse("goals:detail", args=[goal.key]), data).status_code


def _met(client: Client, goal: Goal) -> int:
    return client.post(reverse("goals:review", args=[goal.key]), {"outcome": "met"}).status_code


@pytest.fixture
def met_while_editing(goal) -> Iterator[None]:
    """A co-mentor's "met" lands after the edit page read the goal and before it writes."""

    def meet(sender: type[Goal], instance: Goal, **kwargs: object) -> None:
        if instance.pk == goal.pk and instance.status == GoalStatus.OPEN:
            Goal.objects.filter(pk=goal.pk).update(
                status=GoalStatus.MET, closed_on=timezone.localdate()
            )

    pre_save.connect(meet, sender=Goal, dispatch_uid="met-while-editing")
    yield
    pre_save.disconnect(sender=Goal, dispatch_uid="met-while-editing")


@pytest.mark.django_db
def test_an_edit_keeps_an_outcome_recorded_while_the_form_was_open(mentor, goal, met_while_editing):
    assert _edit(_client(mentor), goal, "Finish 4 katas") == 302

    goal.refresh_from_db()
    assert (goal.text, goal.status) == ("Finish 4 katas", GoalStatus.MET)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_edit_and_a_met_at_once_leave_the_goal_met_with_the_new_text(mentor, goal):
    editor, reviewer = _client(mentor), _client(mentor)

    with meeting_before_save(Goal):
        answers = at_once(
            lambda: _edit(editor, goal, "Finish 4 katas"), lambda: _met(reviewer, goal)
        )

    assert answers == [302, 302]
    goal.refresh_from_db()
    assert (goal.text, goal.status) == ("Finish 4 katas", GoalStatus.MET)
