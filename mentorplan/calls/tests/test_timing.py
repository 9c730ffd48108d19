"""The rules for sharing out a call's minutes, worked out by hand.

The standard plan is 10 + 5 + 10 fixed minutes, then 30 and 10 flexible, then 5 fixed: 70 minutes.
"""

import pytest

from mentorplan.calls.timing import Slot, distribute, fit_minutes, share

STANDARD = [10, 5, 10, 30, 10, 5]
STANDARD_FLEXIBLE = [False, False, False, True, True, False]
FIXED = [0, 1, 2, 5]


def slots(minutes: list[int], flexible: list[bool]) -> list[Slot]:
    return [Slot(m, f) for m, f in zip(minutes, flexible, strict=True)]


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (10, [1, 1], [5, 5]),
        (100, [30, 10], [75, 25]),
        # 3⅓ and 6⅔: the larger remainder gets the odd unit.
        (10, [1, 2], [3, 7]),
        # 16⅔ and 3⅓.
        (20, [25, 5], [17, 3]),
        (1, [0, 4], [0, 1]),
        (0, [1, 2], [0, 0]),
        (-5, [1, 2], [0, 0]),
        (5, [0, 0], [0, 0]),
        (5, [], []),
    ],
)
def test_distribute_in_proportion(total, weights, expected):
    assert distribute(total, weights) == expected


@pytest.mark.parametrize("total", [1, 7, 59, 100, 3599, 4201])
@pytest.mark.parametrize("weights", [[1, 1, 1], [1500, 300], [7, 11, 13, 17], [1]])
def test_distribute_adds_up_exactly_and_stays_within_one_of_the_exact_share(total, weights):
    parts = distribute(total, weights)

    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - total * weight / sum(weights)) < 1


@pytest.mark.parametrize(
    ("available", "expected", "shortfall"),
    [
        # The plan as it is.
        (70, [10, 5, 10, 30, 10, 5], 0),
        # 20 spare minutes go to the flexible segments 30:10, that is 15 and 5.
        (90, [10, 5, 10, 45, 15, 5], 0),
        # 10 spare minutes: 7.5 and 2.5; the tie goes to the first.
        (80, [10, 5, 10, 38, 12, 5], 0),
        # 10 minutes short: the flexible segments give up what they have above the 5-minute
        # floor (25 and 5) in that proportion: 8⅓ and 1⅔, rounded to 8 and 2.
        (60, [10, 5, 10, 22, 8, 5], 0),
        # Both flexible segments at their floor, exactly.
        (40, [10, 5, 10, 5, 5, 5], 0),
        # Even the floors do not fit: 5 minutes short. Fixed segments keep their minutes.
        (35, [10, 5, 10, 5, 5, 5], 5),
        (30, [10, 5, 10, 5, 5, 5], 10),
        # Nothing available: every fixed minute and every floor is missing.
        (0, [10, 5, 10, 5, 5, 5], 40),
        (-5, [10, 5, 10, 5, 5, 5], 45),
    ],
)
def test_fitting_the_standard_plan_to_a_call(available, expected, shortfall):
    assert fit_minutes(STANDARD, STANDARD_FLEXIBLE, available) == (expected, shortfall)

    shares = share(slots(STANDARD, STANDARD_FLEXIBLE), available, floor=5)
    assert shares.amounts == expected
    assert shares.shortfall == shortfall
    assert shares.spare == 0


@pytest.mark.parametrize("available", range(-10, 200))
def test_fixed_segments_keep_their_minutes_and_flexible_ones_never_drop_below_the_floor(
    available,
):
    minutes, shortfall = fit_minutes(STANDARD, STANDARD_FLEXIBLE, available)

    assert [minutes[i] for i in FIXED] == [STANDARD[i] for i in FIXED]
    assert minutes[3] >= 5
    assert minutes[4] >= 5
    if available >= 40:
        assert sum(minutes) == available
        assert shortfall == 0
    else:
        assert sum(minutes) == 40
        assert shortfall == 40 - available


def test_a_flexible_segment_planned_below_the_floor_keeps_its_own_minutes():
    # 10 fixed; flexible 3 and 20, floors 3 and 5. 20 minutes leave 10 for the flexible pair:
    # 2 above the floors, and only the 20-minute one has room above its floor.
    shares = share(slots([10, 3, 20], [False, True, True]), 20, floor=5)

    assert shares.amounts == [10, 3, 7]
    assert shares.shortfall == 0


def test_equal_flexible_segments_share_spare_time_equally():
    assert fit_minutes([10, 20, 20], [False, True, True], 70) == ([10, 30, 30], 0)
    assert fit_minutes([10, 20, 20], [False, True, True], 30) == ([10, 10, 10], 0)


@pytest.mark.parametrize(
    ("available", "shortfall", "spare"),
    [(15, 0, 0), (20, 0, 5), (12, 3, 0), (0, 15, 0), (-5, 20, 0)],
)
def test_a_plan_without_flexible_segments_keeps_every_minute(available, shortfall, spare):
    shares = share(slots([10, 5], [False, False]), available, floor=5)

    assert shares.amounts == [10, 5]
    assert shares.shortfall == shortfall
    assert shares.spare == spare
    assert fit_minutes([10, 5], [False, False], available) == ([10, 5], shortfall)


def test_flexible_segments_with_nothing_planned_leave_the_time_spare():
    shares = share(slots([10, 0], [False, True]), 25, floor=5)

    assert shares.amounts == [10, 0]
    assert (shares.shortfall, shares.spare) == (0, 15)


def test_an_empty_plan():
    assert share([], 30, floor=5).spare == 30
    assert fit_minutes([], [], 30) == ([], 0)


def test_seconds_work_the_same_as_minutes():
    # The runner shares seconds with a 300-second floor: 4 minutes over leaves 56 for the rest
    # (5 + 10 + 30 + 10 + 5 planned). The flexible pair gives up 240 s in proportion to what it
    # has above the floor (1500 : 300), that is 200 s and 40 s.
    rest = slots([300, 600, 1800, 600, 300], [False, False, True, True, False])

    shares = share(rest, 3360, floor=300)

    assert shares.amounts == [300, 600, 1600, 560, 300]
    assert shares.shortfall == 0
