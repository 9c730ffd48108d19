"""The data migrations that record what older data already tells: a replacement's carry-overs,
and in which session a topic was understood."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from mentorplan.goals.models import GoalStatus
from mentorplan.recap.models import TopicPerson, TopicStatus, Understanding
from mentorplan.testing import (
    end_call,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
)

pytestmark = pytest.mark.django_db


def _run(module: str) -> None:
    importlib.import_module(module).backfill(apps, None)


def test_replacements_get_the_carry_overs_of_the_goals_they_replace():
    amal = make_trainee(make_group(make_mentor()), name="Amal")
    first = make_goal(amal, status=GoalStatus.MISSED, times_missed=1)
    second = make_goal(
        amal, replaces=first, status=GoalStatus.MISSED, times_missed=1, times_extended=2
    )
    third = make_goal(amal, replaces=second)

    _run("mentorplan.goals.migrations.0004_backfill_carried_before")

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.carried_before, second.carry_overs) == (1, 3)
    assert (third.carried_before, third.carry_overs, third.is_flagged) == (4, 4, True)


def test_understandings_go_to_the_session_they_were_marked_in():
    group = make_group(make_mentor())
    amal = make_trainee(group, name="Amal")
    early = end_call(make_call(group), timezone.now() - timedelta(days=28))
    late = end_call(make_call(group), timezone.now() - timedelta(days=14))
    topic = make_topic(early, "Returning values", amal)
    make_topic(early, "Still a mystery", amal)
    assert late.started_at is not None
    marked = late.started_at + timedelta(minutes=20)
    TopicPerson.objects.filter(topic=topic).update(status=TopicStatus.UNDERSTOOD, updated_at=marked)

    _run("mentorplan.recap.migrations.0004_backfill_understandings")

    assert list(Understanding.objects.values_list("person__topic__title", "call")) == [
        ("Returning values", late.pk)
    ]
