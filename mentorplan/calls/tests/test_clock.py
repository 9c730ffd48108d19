"""The live clock of a session, with a frozen clock.

Every step reloads the session from the database, as a fresh request on any app server would:
the clock must follow from the stored facts alone.

The standard plan: Welcome 10 · Goal catch-up 5 · Recap 10 (fixed) · Technical mentoring 30 ·
Goal setting 10 (flexible) · Wrap up 5 (fixed) = 70 minutes.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from mentorplan.calls.clock import Clock, SegmentView
from mentorplan.calls.models import Action, Call, Status
from mentorplan.calls.timing import clock_text
from mentorplan.testing import make_call, make_group, make_mentor

pytestmark = pytest.mark.django_db

T0 = datetime(2030, 3, 4, 18, 0, tzinfo=UTC)
WELCOME, CATCHUP, RECAP, TECHNICAL, GOAL_SETTING, WRAP_UP = range(6)


@pytest.fixture
def frozen():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def call(frozen) -> Call:
    return make_call(make_group(make_mentor()), scheduled_at=T0)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def fresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def do(call: Call, action: str, *args: int) -> Call:
    """One press of a runner button, as the control view makes it."""
    call = fresh(call)
    now = timezone.now()
    match action:
        case "move_to":
            call.control(Action.JUMP, position=args[0], now=now)
        case "add_time":
            call.control(Action.ADD_TIME, minutes=args[0], now=now)
        case _:
            call.control(action, now=now)
    return fresh(call)


def clock(call: Call) -> Clock:
    call = fresh(call)
    return call.clock(list(call.segments.all()))


def current(clock: Clock) -> SegmentView:
    assert clock.current is not None, "no segment is current"
    return clock.current


def budgets(clock: Clock) -> list[int]:
    """Seconds each segment has in the plan as it stands."""
    return [view.budget_seconds for view in clock.segments]


def actual_minutes(call: Call) -> list[int]:
    return [round(segment.spent_seconds / 60) for segment in fresh(call).segments.all()]


def test_before_the_start_the_clock_shows_the_plan(call):
    before = clock(call)

    assert fresh(call).status == Status.PLANNED
    assert before.current is None
    assert before.active == 0
    assert before.planned_end is None
    assert budgets(before) == [600, 300, 600, 1800, 600, 300]


def test_starting_counts_down_the_first_segment_from_its_planned_minutes(call):
    do(call, "start")

    now = clock(call)
    assert fresh(call).status == Status.LIVE
    assert current(now).segment.position == WELCOME
    assert now.remaining == 10 * 60
    assert now.active == 0
    assert now.length == 70 * 60
    assert now.planned_end == at(70)
    assert budgets(now) == [600, 300, 600, 1800, 600, 300]
    assert now.shortfall == 0


def test_after_four_minutes_six_are_left(call, frozen):
    do(call, "start")
    frozen.move_to(at(4))

    now = clock(call)
    assert now.remaining == 6 * 60
    assert now.active == 4 * 60
    assert current(now).elapsed_seconds == 4 * 60
    assert now.progress_percent == round(100 * 4 / 70)
    # Nothing overran, so the rest of the plan is untouched.
    assert budgets(now) == [600, 300, 600, 1800, 600, 300]


def test_a_pause_freezes_the_clock_and_moves_the_planned_end(call, frozen):
    do(call, "start")
    frozen.move_to(at(4))
    do(call, "pause")
    frozen.move_to(at(14))

    paused = clock(call)
    assert fresh(call).status == Status.PAUSED
    assert paused.remaining == 6 * 60
    assert paused.active == 4 * 60
    assert current(paused).elapsed_seconds == 4 * 60
    assert paused.planned_end == at(80)

    do(call, "resume")
    frozen.move_to(at(16))

    resumed = clock(call)
    assert fresh(call).status == Status.LIVE
    assert resumed.remaining == 4 * 60
    assert resumed.active == 6 * 60
    assert resumed.planned_end == at(80)


def test_pausing_twice_does_not_lose_the_first_pause(call, frozen):
    do(call, "start")
    frozen.move_to(at(4))
    do(call, "pause")
    frozen.move_to(at(6))
    do(call, "pause")
    frozen.move_to(at(14))
    do(call, "resume")

    assert clock(call).active == 4 * 60
    assert clock(call).planned_end == at(80)


def test_next_records_the_time_spent_and_gives_the_next_segment_its_budget(call, frozen):
    do(call, "start")
    frozen.move_to(at(7))
    do(call, "move_to", CATCHUP)

    now = clock(call)
    assert actual_minutes(call)[WELCOME] == 7
    assert now.segments[WELCOME].is_done
    assert now.segments[WELCOME].elapsed_seconds == 7 * 60
    assert current(now).segment.position == CATCHUP
    assert now.remaining == 5 * 60
    # Three minutes saved in the welcome go to the flexible segments, 30:10: 135 s and 45 s.
    assert budgets(now)[2:] == [600, 1800 + 135, 600 + 45, 300]


def test_an_overrun_shrinks_the_flexible_segments_and_spares_the_fixed_ones(call, frozen):
    do(call, "start")
    frozen.move_to(at(14))

    overrunning = clock(call)
    assert overrunning.remaining == -4 * 60
    assert overrunning.overrun == 4 * 60

    do(call, "move_to", CATCHUP)
    now = clock(call)

    assert actual_minutes(call)[WELCOME] == 14
    assert now.remaining == 5 * 60
    # 56 minutes left for 5 + 10 + 30 + 10 + 5 planned: the flexible pair gives up 4 minutes in
    # proportion to what it has above its 5-minute floor (25 : 5), that is 200 s and 40 s.
    assert budgets(now) == [14 * 60, 300, 600, 1800 - 200, 600 - 40, 300]
    assert sum(budgets(now)) == 70 * 60
    assert [view.rebalanced for view in now.segments] == [False, False, False, True, True, False]
    assert now.shortfall == 0


def test_flexible_segments_stop_at_five_minutes_and_the_rest_is_reported(call, frozen):
    do(call, "start")
    frozen.move_to(at(40))
    do(call, "move_to", CATCHUP)

    exactly = clock(call)
    # 30 minutes left: 5 + 10 + 5 fixed and both flexible segments at their 5-minute floor.
    assert budgets(exactly)[TECHNICAL:] == [300, 300, 300]
    assert exactly.shortfall == 0

    frozen.move_to(at(40 + 5 + 5))
    do(call, "move_to", RECAP)
    short = clock(call)

    # 5 minutes over in the catch-up as well: 20 minutes left for 10 + 5 + 5 + 5 at least.
    assert short.remaining == 10 * 60
    assert budgets(short)[TECHNICAL:] == [300, 300, 300]
    assert short.shortfall == 5 * 60
    assert short.shortfall_minutes == 5


def test_entering_a_flexible_segment_when_time_is_short_still_gives_it_five_minutes(call, frozen):
    do(call, "start")
    frozen.move_to(at(45))
    do(call, "move_to", CATCHUP)
    frozen.move_to(at(50))
    do(call, "move_to", RECAP)
    frozen.move_to(at(60))
    do(call, "move_to", TECHNICAL)

    now = clock(call)
    assert now.remaining == 5 * 60
    assert budgets(now)[GOAL_SETTING:] == [300, 300]
    # 10 minutes left for 5 + 5 + 5.
    assert now.shortfall == 5 * 60


def test_added_time_extends_the_current_segment_and_comes_out_of_flexible_time(call, frozen):
    do(call, "start")
    frozen.move_to(at(2))
    do(call, "add_time", 5)

    now = clock(call)
    assert now.remaining == 13 * 60
    assert current(now).budget_seconds == 15 * 60
    # 55 minutes for the rest: 5 fewer for the flexible pair, 25 : 5 above the floor.
    assert budgets(now) == [900, 300, 600, 1800 - 250, 600 - 50, 300]

    do(call, "add_time", 5)
    assert clock(call).remaining == 18 * 60


def test_adding_time_before_the_start_or_after_the_end_does_nothing(call, frozen):
    do(call, "add_time", 5)
    assert [s.added_seconds for s in fresh(call).segments.all()] == [0] * 6

    do(call, "start")
    frozen.move_to(at(3))
    do(call, "end")
    do(call, "add_time", 5)
    assert [s.added_seconds for s in fresh(call).segments.all()] == [0] * 6


def test_time_added_on_an_earlier_visit_is_not_given_again(call, frozen):
    do(call, "start")
    do(call, "add_time", 5)
    frozen.move_to(at(15))
    do(call, "move_to", CATCHUP)
    frozen.move_to(at(16))
    do(call, "move_to", WELCOME)

    # The 10 planned and 5 added minutes are used up: coming back, the countdown is at zero.
    assert clock(call).remaining == 0


def test_previous_and_jump_add_up_the_time_of_every_visit(call, frozen):
    do(call, "start")
    frozen.move_to(at(3))
    do(call, "move_to", CATCHUP)
    frozen.move_to(at(5))
    do(call, "move_to", WELCOME)

    back = clock(call)
    assert current(back).segment.position == WELCOME
    assert current(back).elapsed_seconds == 3 * 60
    # 7 of its 10 minutes are still to come.
    assert back.remaining == 7 * 60
    assert back.segments[CATCHUP].elapsed_seconds == 2 * 60

    frozen.move_to(at(9))
    do(call, "move_to", GOAL_SETTING)
    frozen.move_to(at(12))
    do(call, "move_to", CATCHUP)
    frozen.move_to(at(15))

    revisited = clock(call)
    assert current(revisited).segment.position == CATCHUP
    assert current(revisited).elapsed_seconds == 5 * 60
    assert revisited.remaining == 0
    assert actual_minutes(call) == [7, 2, 0, 0, 3, 0]

    do(call, "end")
    assert actual_minutes(call) == [7, 5, 0, 0, 3, 0]


def test_segments_skipped_by_a_jump_keep_their_time_for_later(call, frozen):
    do(call, "start")
    frozen.move_to(at(5))
    do(call, "move_to", TECHNICAL)

    now = clock(call)
    assert [view.is_done for view in now.segments] == [True, False, False, False, False, False]
    # 65 minutes left: catch-up, recap and wrap-up keep their 5 + 10 + 5, and the 5 minutes
    # saved in the welcome go to the flexible pair, 30 : 10, that is 225 s and 75 s.
    assert budgets(now) == [300, 300, 600, 1800 + 225, 600 + 75, 300]
    assert now.remaining == 1800 + 225
    assert now.shortfall == 0


def test_moving_to_the_current_segment_or_beyond_the_agenda_changes_nothing(call, frozen):
    do(call, "start")
    frozen.move_to(at(3))
    for position in (WELCOME, 6, -1):
        do(call, "move_to", position)

    assert fresh(call).current_position == WELCOME
    assert actual_minutes(call) == [0] * 6
    assert clock(call).remaining == 7 * 60


def test_moving_while_paused_does_not_count_the_pause(call, frozen):
    do(call, "start")
    frozen.move_to(at(4))
    do(call, "pause")
    frozen.move_to(at(20))
    do(call, "move_to", CATCHUP)

    now = clock(call)
    assert actual_minutes(call)[WELCOME] == 4
    assert fresh(call).status == Status.PAUSED
    assert now.remaining == 5 * 60
    assert now.active == 4 * 60


def test_ending_records_the_actual_times(call, frozen):
    do(call, "start")
    frozen.move_to(at(12))
    do(call, "move_to", CATCHUP)
    frozen.move_to(at(20))
    do(call, "move_to", RECAP)
    frozen.move_to(at(26))
    do(call, "end")

    ended = fresh(call)
    assert ended.status == Status.ENDED
    assert ended.ended_at == at(26)
    assert ended.current_position is None
    assert actual_minutes(call) == [12, 8, 6, 0, 0, 0]
    recap = ended.segments.get(position=RECAP)
    assert (recap.started_at, recap.ended_at) == (at(20), at(26))

    frozen.move_to(at(90))
    finished = clock(call)
    assert finished.current is None
    assert finished.active == 26 * 60
    assert [view.elapsed_minutes for view in finished.segments] == [12, 8, 6, 0, 0, 0]
    assert [view.planned_minutes for view in finished.segments] == [10, 5, 10, 30, 10, 5]
    assert all(view.is_done for view in finished.segments)


def test_ending_while_paused_leaves_the_pause_out(call, frozen):
    do(call, "start")
    frozen.move_to(at(30))
    do(call, "pause")
    frozen.move_to(at(45))
    do(call, "end")

    assert actual_minutes(call)[WELCOME] == 30
    assert clock(call).active == 30 * 60
    assert fresh(call).ended_at == at(45)


def test_a_finished_session_cannot_be_restarted_or_moved(call, frozen):
    do(call, "start")
    frozen.move_to(at(5))
    do(call, "end")
    frozen.move_to(at(50))
    do(call, "pause")
    do(call, "move_to", CATCHUP)
    do(call, "end")

    ended = fresh(call)
    assert ended.status == Status.ENDED
    assert ended.ended_at == at(5)
    assert actual_minutes(call) == [5, 0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("length", "planned", "overflow"),
    [
        (None, [10, 5, 10, 30, 10, 5], 0),
        (70, [10, 5, 10, 30, 10, 5], 0),
        # 20 spare minutes shared 30 : 10 by the flexible segments.
        (90, [10, 5, 10, 45, 15, 5], 0),
        # 10 minutes short: 25 : 5 above the floor gives up 8⅓ and 1⅔.
        (60, [10, 5, 10, 22, 8, 5], 0),
        (40, [10, 5, 10, 5, 5, 5], 0),
        # Even at the floor the plan needs 40 minutes.
        (35, [10, 5, 10, 5, 5, 5], 5),
        (15, [10, 5, 10, 5, 5, 5], 25),
    ],
)
def test_a_call_longer_or_shorter_than_the_plan(frozen, length, planned, overflow):
    call = make_call(make_group(make_mentor()), scheduled_at=T0, length_minutes=length)
    segments = list(call.segments.all())

    assert call.length_minutes == (length or 70)
    assert [s.planned_minutes for s in segments] == planned
    assert [s.template_minutes for s in segments] == [10, 5, 10, 30, 10, 5]
    assert Call.overflow_minutes(segments, call.length_minutes) == overflow


def test_a_longer_call_runs_to_its_own_length(frozen):
    call = make_call(make_group(make_mentor()), scheduled_at=T0, length_minutes=90)
    do(call, "start")

    now = clock(call)
    assert now.planned_end == at(90)
    assert budgets(now) == [600, 300, 600, 45 * 60, 15 * 60, 300]


def test_a_shorter_call_reports_what_does_not_fit_while_running(frozen):
    call = make_call(make_group(make_mentor()), scheduled_at=T0, length_minutes=35)
    do(call, "start")

    now = clock(call)
    assert now.planned_end == at(35)
    assert budgets(now) == [600, 300, 600, 300, 300, 300]
    assert now.shortfall == 5 * 60


# --- Looking at a segment is not running it ------------------------------------------------------


def secs(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("visits", "done", "to_come"),
    [
        # Next, then Previous three seconds later: the catch-up was only looked at.
        ([(10, CATCHUP), (13, WELCOME)], [False] * 6, 5),
        # 59 seconds is still a look; a full minute counts as having run it.
        ([(10, CATCHUP), (69, WELCOME)], [False] * 6, 5),
        ([(10, CATCHUP), (70, WELCOME)], [False, True, False, False, False, False], 4),
        # Two short looks that add up to a minute or more are a minute spent there.
        (
            [(10, CATCHUP), (40, WELCOME), (50, CATCHUP), (80, WELCOME)],
            [False, True, False, False, False, False],
            4,
        ),
        # Jumping ahead to read the wrap-up and coming back to the recap.
        (
            [(600, CATCHUP), (900, RECAP), (920, WRAP_UP), (935, RECAP)],
            [True, True, False, False, False, False],
            3,
        ),
        # Next pressed twice by mistake: the catch-up was passed in two seconds and is still to
        # come, like a segment skipped with a jump.
        ([(600, CATCHUP), (602, RECAP)], [True, False, False, False, False, False], 4),
    ],
)
def test_a_segment_only_looked_at_is_not_done(call, frozen, visits, done, to_come):
    do(call, "start")
    for seconds, position in visits:
        frozen.move_to(secs(seconds))
        do(call, "move_to", position)

    now = clock(call)
    assert [view.is_done for view in now.segments] == done
    assert len(now.upcoming) == to_come


def test_a_look_ahead_leaves_the_plan_as_it_was(call, frozen):
    do(call, "start")
    frozen.move_to(secs(10))
    do(call, "move_to", CATCHUP)
    frozen.move_to(secs(13))
    do(call, "move_to", WELCOME)

    now = clock(call)
    # The catch-up keeps its 5 minutes (3 seconds of them used up) and gives none away.
    assert budgets(now) == [600, 300, 600, 1800, 600, 300]
    assert now.remaining == 600 - 10
    assert not any(view.rebalanced for view in now.segments)

    frozen.move_to(secs(600 + 3))
    do(call, "move_to", CATCHUP)
    # Back in the catch-up for real: its countdown starts from what the look left of it.
    assert clock(call).remaining == 300 - 3


@pytest.mark.parametrize(
    ("over", "text"),
    [
        (1, "0:01 over — 59 min left for the remaining 5 segments if you move on now."),
        (65, "1:05 over — 58 min left for the remaining 5 segments if you move on now."),
        (119, "1:59 over — 57 min left for the remaining 5 segments if you move on now."),
        (600, "10:00 over — 49 min left for the remaining 5 segments if you move on now."),
    ],
)
def test_the_overrun_sentence_counts_like_the_countdown(call, frozen, over, text):
    do(call, "start")
    frozen.move_to(secs(10))
    do(call, "move_to", CATCHUP)
    frozen.move_to(secs(13))
    do(call, "move_to", WELCOME)
    # The welcome has 10 minutes, of which the 3 seconds in the catch-up took none.
    frozen.move_to(secs(600 + 3 + over))

    now = clock(call)
    assert now.countdown_text == clock_text(over)
    assert now.overrun_text == text


@pytest.mark.parametrize(
    ("position", "rest"),
    [
        (TECHNICAL, "the remaining 2 segments"),
        (GOAL_SETTING, "Wrap up"),
    ],
)
def test_the_overrun_sentence_names_what_is_left(call, frozen, position, rest):
    do(call, "start")
    for step in range(1, position + 1):
        frozen.move_to(at(2 * step))
        do(call, "move_to", step)
    frozen.move_to(at(70))

    assert f" min left for {rest} if you move on now." in clock(call).overrun_text


def test_in_the_last_segment_the_overrun_sentence_says_the_time_is_used_up(call, frozen):
    do(call, "start")
    for position in (CATCHUP, RECAP, TECHNICAL, GOAL_SETTING, WRAP_UP):
        frozen.move_to(at(2 * position))
        do(call, "move_to", position)
    frozen.move_to(at(80))

    assert clock(call).overrun_text.endswith("over — the session's planned time is nearly used up.")
