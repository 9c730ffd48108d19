"""How the time of a call is shared out. Pure functions on whole numbers, no clock, no database.

Fixed segments keep what they were planned; flexible segments give and take time first. A flexible
segment never shrinks below its floor: when even the floors do not fit, the shortfall is reported so
the runner can say what to cut, instead of silently squeezing a segment to nothing.

`share` works in whichever unit its caller counts in, the same for every figure of one call:
minutes when a plan is fitted to a call's length (`fit_minutes`), seconds while the call runs.
"""

from dataclasses import dataclass

FLEXIBLE_FLOOR_MINUTES = 5
# Less time than this in a segment, over all its visits, is a look at it, not running it: a mentor
# who presses Next and then Previous (or jumps ahead to read the wrap-up) has not done that
# segment. It keeps its planned time and stays on the list of what is to come.
PEEK_SECONDS = 60


@dataclass(frozen=True)
class Slot:
    planned: int  # the time the segment asks for, in the caller's unit
    flexible: bool


@dataclass(frozen=True)
class Shares:
    amounts: list[int]  # the time each slot gets, in the slots' unit, in their order
    shortfall: int  # time that does not fit even with every flexible segment at its floor
    spare: int  # time left over when nothing flexible can take it


def distribute(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights`, in whole units that add up exactly."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * weight / weight_sum for weight in weights]
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def share(slots: list[Slot], available: int, *, floor: int) -> Shares:
    """Give `available` time to the slots: fixed ones their plan, flexible ones the rest.

    A flexible slot keeps at least `floor` (or its plan, if that is less).
    """
    floor_of = [min(slot.planned, floor) if slot.flexible else slot.planned for slot in slots]
    fixed = sum(slot.planned for slot in slots if not slot.flexible)
    flexible = [i for i, slot in enumerate(slots) if slot.flexible]
    result = [slot.planned for slot in slots]
    planned = sum(slots[i].planned for i in flexible)
    floors = sum(floor_of[i] for i in flexible)
    room = available - fixed
    if not flexible:
        return Shares(result, shortfall=max(0, -room), spare=max(0, room))
    if room >= planned:
        if planned == 0:
            return Shares(result, shortfall=0, spare=room)
        extra = distribute(room - planned, [slots[i].planned for i in flexible])
        for i, more in zip(flexible, extra, strict=True):
            result[i] += more
        return Shares(result, shortfall=0, spare=0)
    if room >= floors:
        give = distribute(room - floors, [slots[i].planned - floor_of[i] for i in flexible])
        for i, more in zip(flexible, give, strict=True):
            result[i] = floor_of[i] + more
        return Shares(result, shortfall=0, spare=0)
    for i in flexible:
        result[i] = floor_of[i]
    return Shares(result, shortfall=floors - room, spare=0)


def fit_minutes(minutes: list[int], flexible: list[bool], length: int) -> tuple[list[int], int]:
    """Fit a plan (minutes per segment) to a call of `length` minutes.

    Returns the minutes per segment and how many minutes still do not fit.
    """
    slots = [Slot(m, f) for m, f in zip(minutes, flexible, strict=True)]
    shares = share(slots, length, floor=FLEXIBLE_FLOOR_MINUTES)
    return shares.amounts, shares.shortfall


def clock_text(seconds: float) -> str:
    """A stretch of time as a clock shows it: "9:05", "1:02:05". The sign is left to the words
    around it ("left", "over"). The one place of this rule on the server; in the browser it is
    clockText in static/js/clock-text.js, and test_browser_clock_text checks they agree."""
    total = abs(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02}:{secs:02}"
    return f"{minutes}:{secs:02}"
