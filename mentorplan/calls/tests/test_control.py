"""`Call.control`: the one way a session's live state changes, whoever presses the button.

The standard plan: Welcome 10 · Goal catch-up 5 · Recap 10 (fixed) · Technical mentoring 30 ·
Goal setting 10 (flexible) · Wrap up 5 (fixed) = 70 minutes.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Action, Call, Status
from mentorplan.testing import make_call, make_group, make_mentor, page_text
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql

T0 = datetime(2030, 3, 4, 18, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def call() -> Call:
    return make_call(make_group(make_mentor()), scheduled_at=T0)


def fresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


@pytest.mark.django_db
def test_a_press_that_changes_the_session_moves_the_version_on(call):
    assert call.control(Action.START, now=T0) is True

    # The object pressed with shows the session as it is now, as the database does.
    assert (call.status, call.started_at, call.current_position, call.version) == (
        Status.LIVE,
        T0,
        0,
        1,
    )
    assert fresh(call).version == 1
    assert call.control(Action.NEXT, now=at(3)) is True
    assert (fresh(call).current_position, fresh(call).version) == (1, 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "fields"),
    [
        (Action.PAUSE, {}),  # already paused
        (Action.RESUME, {"expected": 2}),  # paused, then resumed, then resumed again
        (Action.JUMP, {"position": 0}),  # where it already is
        (Action.JUMP, {"position": 6}),  # off the agenda
        (Action.PREVIOUS, {}),  # before the first segment
        (Action.START, {}),  # a second start
    ],
)
def test_a_press_that_changes_nothing_leaves_the_version(call, action, fields):
    call.control(Action.START, now=T0)
    call.control(Action.PAUSE, now=at(1))
    if action == Action.RESUME:
        call.control(Action.RESUME, now=at(2))
    before = fresh(call)

    assert call.control(action, now=at(5), **fields) is False

    after = fresh(call)
    assert after.version == before.version
    assert (after.current_position, after.paused_at, after.started_at) == (
        before.current_position,
        before.paused_at,
        before.started_at,
    )


@pytest.mark.django_db
def test_a_screen_that_is_behind_changes_nothing(call):
    call.control(Action.START, now=T0)
    seen = call.version
    call.control(Action.NEXT, now=at(3), expected=seen)

    assert call.control(Action.NEXT, now=at(3), expected=seen) is False
    assert fresh(call).current_position == 1
    assert fresh(call).version == seen + 1


@pytest.mark.django_db
def test_an_unknown_action_is_a_mistake_in_the_caller(call):
    with pytest.raises(ValueError):
        call.control("explode", now=T0)


# --- Positions with a gap ------------------------------------------------------------------------


@pytest.fixture
def gapped(call) -> Call:
    """The standard plan at positions 0, 2, 4, 6, 8, 10: the agenda's order, not list indexes."""
    for segment in reversed(list(call.segments.all())):
        segment.position *= 2
        segment.save(update_fields=["position"])
    return call


@pytest.mark.django_db
def test_with_a_gap_in_the_positions_the_buttons_follow_the_agenda(gapped):
    gapped.control(Action.START, now=T0)
    gapped.control(Action.NEXT, now=at(7))

    assert fresh(gapped).current_position == 2
    clock = fresh(gapped).clock(list(gapped.segments.all()), at(7))
    assert clock.current is not None
    assert clock.current.segment.title == "Goal catch-up"
    assert clock.remaining == 5 * 60
    # Three minutes saved in the welcome go to the flexible segments, 30:10: 135 s and 45 s.
    assert [view.budget_seconds for view in clock.segments] == [
        7 * 60,
        300,
        600,
        1800 + 135,
        600 + 45,
        300,
    ]

    assert gapped.control(Action.JUMP, position=3, now=at(8)) is False
    gapped.control(Action.PREVIOUS, now=at(8))
    assert fresh(gapped).current_position == 0
    gapped.control(Action.JUMP, position=10, now=at(9))
    gapped.control(Action.ADD_TIME, minutes=5, now=at(9))
    assert gapped.control(Action.NEXT, now=at(9)) is False

    last = fresh(gapped).clock(list(gapped.segments.all()), at(9))
    assert last.current is not None
    assert last.current.segment.title == "Wrap up"
    assert last.remaining == 10 * 60

    gapped.control(Action.END, now=at(12))
    ended = fresh(gapped)
    assert ended.status == Status.ENDED
    assert [round(s.spent_seconds / 60) for s in ended.segments.all()] == [8, 1, 0, 0, 0, 3]


@pytest.mark.django_db
def test_with_a_gap_in_the_positions_the_runner_shows_the_current_segment(client, gapped):
    client.force_login(gapped.created_by)
    gapped.control(Action.START, now=T0)
    gapped.control(Action.JUMP, position=6, now=T0)

    page = page_text(client.get(reverse("calls:detail", args=[gapped.key])))

    assert "Now · 4 of 6 Technical mentoring" in page


# --- Two screens at once -------------------------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_screens_pressing_at_once_change_the_session_once():
    mentor = make_mentor()
    call = make_call(make_group(mentor))
    call.control(Action.START, now=T0)
    seen = call.version

    def press(**fields: object) -> int:
        client = Client()
        client.force_login(mentor)
        data = {"expected": seen, **fields}
        return client.post(reverse("calls:control", args=[call.key]), data).status_code

    with meeting_before_save(Call):
        statuses = at_once(lambda: press(action="next"), lambda: press(action="jump", position=4))

    assert statuses == [302, 302]
    now = fresh(call)
    assert now.version == seen + 1
    # One press won: the session is in the segment it chose, and the other was never entered.
    entered = [s.position for s in now.segments.all() if s.started_at is not None]
    assert entered == [0, now.current_position]
    assert now.current_position in (1, 4)
