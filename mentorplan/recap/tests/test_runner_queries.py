"""The runner in the recap and technical segments costs the same queries after 1 or 15 sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.actions import save_retro
from mentorplan.recap.tests.pages import runner, topic_queue
from mentorplan.testing import (
    at_segment,
    make_call,
    make_feedback,
    make_group,
    make_history,
    make_mentor,
    make_trainee,
)

pytestmark = pytest.mark.django_db


def _group_with_history(mentor, sessions: int) -> tuple[Group, Call]:
    group = make_group(mentor)
    for name in ["Amal", "Ben", "Chidi"]:
        make_trainee(group, name=name)
    make_history(group, sessions)
    call = make_call(group)
    amal = group.trainees.get(name="Amal")
    save_retro(call, amal, {"not_understood": "Today's topic"}, mentor)
    make_feedback(call, amal)
    return group, call


def _queries(client, call: Call) -> int:
    with CaptureQueriesContext(connection) as captured:
        runner(client, call)
    return len(captured)


@pytest.mark.parametrize("kind", [SegmentKind.RECAP, SegmentKind.TECHNICAL])
def test_the_runner_does_not_query_more_for_a_longer_history(client, kind):
    mentor = make_mentor()
    client.force_login(mentor)
    _, short = _group_with_history(mentor, 1)
    _, long = _group_with_history(mentor, 15)
    at_segment(short, kind)
    at_segment(long, kind)
    if kind == SegmentKind.TECHNICAL:
        # Every past session left a topic that two trainees have not understood yet.
        assert len(topic_queue(runner(client, long))) == 16
        assert len(topic_queue(runner(client, short))) == 2

    assert _queries(client, short) == _queries(client, long)
