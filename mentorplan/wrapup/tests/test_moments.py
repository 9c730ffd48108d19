"""Moments of progress, collected for the wrap-up: each appears as a suggestion to pick."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import AttendanceStatus, Call
from mentorplan.goals import actions as goal_actions
from mentorplan.groups.models import Group, Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import HomeworkDone, RetroAnswer, TopicStatus
from mentorplan.testing import (
    HTMX,
    at_segment,
    check_in,
    end_call,
    make_call,
    make_goal,
    make_topic,
    make_trainee,
    start_call,
    status_press,
)
from mentorplan.wrapup.models import Win
from mentorplan.wrapup.tests.pages import text_of

pytestmark = pytest.mark.django_db


def _past_session(group: Group, weeks_ago: int, *present: Trainee) -> Call:
    """A finished session `weeks_ago` weeks back, with `present` there."""
    when = timezone.now() - timedelta(weeks=weeks_ago)
    with time_machine.travel(when, tick=False):
        call = end_call(make_call(group, scheduled_at=when), at=when)
        for trainee in present:
            check_in(call, trainee)
    return call


@pytest.fixture
def call(group, amal) -> Call:
    """Today's session at Wrap up, after a session a fortnight ago."""
    _past_session(group, 2)
    return at_segment(make_call(group, scheduled_at=timezone.now()), SegmentKind.WRAP_UP)


def _tool(client, call: Call):
    return client.get(reverse("calls:detail", args=[call.key]))


def _sections(client, call: Call) -> tuple[str, str]:
    """The tool's text split into the picked moments and the suggestions to pick."""
    text = text_of(_tool(client, call))
    moments = text[text.index("Moments to praise") : text.index("Who did well")]
    picked, _, suggested = moments.rpartition("Unpick")
    return picked, suggested


def test_a_goal_met_since_the_last_session_is_suggested(client, mentor, call, amal):
    old = make_goal(amal, text="An old goal")
    with time_machine.travel(timezone.now() - timedelta(weeks=3)):
        goal_actions.review(old, outcome="met", by=mentor, call=None)
    goal_actions.review(
        make_goal(amal, text="Finish the quiz app"), outcome="met", by=mentor, call=call
    )

    _, suggested = _sections(client, call)

    assert "Amal: Met the goal “Finish the quiz app” Pick" in suggested
    assert "An old goal" not in suggested


def _mark(client, call: Call, topic, trainee: Trainee, status: str) -> None:
    """Tap a status for `trainee` on `topic` in the session's technical mentoring tool."""
    url, data = status_press(call, topic, trainee, status)
    assert client.post(url, data, headers=HTMX).status_code == 200


def test_a_topic_now_understood_is_suggested(client, call, amal, group):
    earlier = _past_session(group, 4)
    topic = make_topic(earlier, "Returning values", amal)
    make_topic(earlier, "Still a mystery", amal)

    _mark(client, call, topic, amal, TopicStatus.UNDERSTOOD)

    _, suggested = _sections(client, call)

    assert "Amal: Now understands “Returning values” Pick" in suggested
    assert "Still a mystery" not in suggested


def test_an_understanding_undone_in_the_session_is_not_suggested(client, call, amal, group):
    topic = make_topic(_past_session(group, 4), "Returning values", amal)
    _mark(client, call, topic, amal, TopicStatus.UNDERSTOOD)
    _mark(client, call, topic, amal, TopicStatus.WORKING)  # a slip of the finger

    _, suggested = _sections(client, call)

    assert "Returning values" not in suggested


def test_wins_of_a_session_run_before_its_planned_time_are_suggested(client, mentor, group, amal):
    """The walk: last session was planned for next week but run yesterday, and this one is run
    now. A goal met in catch-up and a carried-over topic understood now are this session's."""
    ben = make_trainee(group, name="Ben")
    yesterday = timezone.now() - timedelta(days=1)
    with time_machine.travel(yesterday, tick=False):
        last = end_call(make_call(group, scheduled_at=timezone.now() + timedelta(days=8)))
        topic = make_topic(last, "Returning values", amal, ben)
    call = start_call(make_call(group, scheduled_at=timezone.now() + timedelta(days=22)))
    goal_actions.review(
        make_goal(amal, text="Finish the quiz app"), outcome="met", by=mentor, call=call
    )
    check_in(call, amal)
    check_in(call, ben)
    _mark(client, call, topic, ben, TopicStatus.UNDERSTOOD)
    at_segment(call, SegmentKind.WRAP_UP)

    _, suggested = _sections(client, call)

    assert "Nothing collected yet" not in suggested
    assert "Amal: Met the goal “Finish the quiz app” Pick" in suggested
    assert "Ben: Now understands “Returning values” Pick" in suggested


def test_last_sessions_wins_are_not_suggested_again(client, mentor, group, amal):
    """Last session was planned for 18:00 and ran until 19:10: what was won in it at 18:40 was
    offered then, not now."""
    planned = timezone.now() - timedelta(weeks=2)
    with time_machine.travel(planned, tick=False) as clock:
        last = start_call(make_call(group, scheduled_at=planned))
        clock.shift(timedelta(minutes=40))
        goal_actions.review(
            make_goal(amal, text="Finish the quiz app"), outcome="met", by=mentor, call=last
        )
        topic = make_topic(last, "Returning values", amal)
        _mark(client, last, topic, amal, TopicStatus.UNDERSTOOD)
        clock.shift(timedelta(minutes=30))
        end_call(last)
    between = planned + timedelta(days=3)
    with time_machine.travel(between, tick=False):
        goal_actions.review(
            make_goal(amal, text="Read chapter 4"), outcome="met", by=mentor, call=None
        )
    call = at_segment(make_call(group, scheduled_at=timezone.now()), SegmentKind.WRAP_UP)

    _, suggested = _sections(client, call)

    assert "Finish the quiz app" not in suggested
    assert "Returning values" not in suggested
    assert "Amal: Met the goal “Read chapter 4” Pick" in suggested  # met between the sessions


def test_an_attendance_streak_of_three_is_suggested(client, group, amal):
    ben = make_trainee(group, name="Ben")
    _past_session(group, 6, amal, ben)
    _past_session(group, 4, amal)
    _past_session(group, 2, amal, ben)
    call = at_segment(make_call(group, scheduled_at=timezone.now()), SegmentKind.WRAP_UP)
    check_in(call, amal, AttendanceStatus.LATE)
    check_in(call, ben)

    _, suggested = _sections(client, call)

    assert "Amal: Came to 4 sessions in a row Pick" in suggested
    assert "Ben: Came to" not in suggested  # missed one four weeks ago: a streak of 2


def test_homework_done_is_suggested(client, call, amal, group):
    ben = make_trainee(group, name="Ben")
    RetroAnswer.objects.create(
        call=call,
        trainee=amal,
        homework="The  quiz\napp,\r\nstep 2",
        homework_done=HomeworkDone.YES,
    )
    RetroAnswer.objects.create(call=call, trainee=ben, homework="Katas", homework_done="partly")

    _, suggested = _sections(client, call)

    assert "Amal: Did the homework: The quiz app, step 2 Pick" in suggested
    assert "Ben" not in suggested


def test_a_picked_moment_moves_to_the_picked_list(client, call, amal):
    RetroAnswer.objects.create(
        call=call, trainee=amal, homework="The quiz\napp", homework_done=HomeworkDone.YES
    )
    long_goal = make_goal(amal, text="Practise arrays " * 18 + "every day")  # 297 characters
    goal_actions.review(long_goal, outcome="met", by=call.created_by, call=call)
    content = _tool(client, call).content.decode()
    forms = content.split('action="' + reverse("wrapup:win_add", args=[call.key]))[1:-1]
    assert len(forms) == 2

    for form in forms:  # press each Pick button, sending what its form holds
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
        fields["text"] = html.unescape(fields["text"]).replace("\n", "\r\n")  # as browsers send it
        response = client.post(reverse("wrapup:win_add", args=[call.key]), fields, headers=HTMX)
        assert "form-errors" not in response.content.decode()

    picked, suggested = _sections(client, call)
    assert "Amal: Did the homework: The quiz app" in picked
    assert "Amal: Met the goal “Practise arrays" in picked
    assert "Pick" not in suggested
    assert sorted(Win.objects.values_list("source", flat=True)) == ["goal", "homework"]


def test_the_groups_trainees_are_read_once_a_draw(client, call, amal):
    _tool(client, call)

    with CaptureQueriesContext(connection) as queries:
        response = _tool(client, call)

    assert "Amal" in text_of(response)
    read = [q["sql"] for q in queries if 'FROM "groups_trainee"' in q["sql"]]
    assert len(read) == 1, read
