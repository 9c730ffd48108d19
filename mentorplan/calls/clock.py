"""The runner's clock: what a session's stored facts mean at one moment.

Pure: it reads a session and its segments as loaded and never touches the database or the wall
clock (the caller passes `now`). How time is shared out is in timing.py; this module applies those
rules to a session.

Segments are found by their `position`, never by their place in a list: positions order the agenda,
and nothing here relies on them running 0, 1, 2, ... without a gap.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mentorplan.calls.timing import FLEXIBLE_FLOOR_MINUTES, Slot, clock_text, share

if TYPE_CHECKING:
    from mentorplan.calls.models import Call, CallSegment


@dataclass(frozen=True)
class SegmentView:
    """One line of the agenda as the runner shows it at a moment."""

    segment: "CallSegment"
    # The clock's budget: what the segment has in the plan as it stands at this moment. Derived,
    # never stored (see the notes on CallSegment for the other three ways to count its time).
    budget_seconds: int
    elapsed_seconds: int  # call time spent in it so far, the visit under way included
    is_current: bool
    is_done: bool

    @property
    def planned_minutes(self) -> int:
        return self.segment.planned_minutes

    @property
    def budget_minutes(self) -> int:
        return round(self.budget_seconds / 60)

    @property
    def elapsed_minutes(self) -> int:
        return round(self.elapsed_seconds / 60)

    @property
    def rebalanced(self) -> bool:
        return not self.is_done and self.budget_minutes != self.segment.planned_minutes


@dataclass(frozen=True)
class Clock:
    """The state of a running call at one moment, derived from the stored facts.

    Every figure is in seconds unless its name says minutes.
    """

    length: int  # seconds the call is planned to last
    active: int  # seconds of call time so far, pauses excluded
    segments: list[SegmentView]
    current: SegmentView | None
    remaining: int  # seconds left in the current segment (negative once it overruns)
    shortfall: int  # seconds the rest of the plan cannot fit even with flexible segments at floor
    planned_end: datetime | None

    @property
    def active_minutes(self) -> int:
        return round(self.active / 60)

    @property
    def current_number(self) -> int:
        """The current segment's place in the agenda, counted from 1 as the runner shows it."""
        return next((n for n, view in enumerate(self.segments, 1) if view.is_current), 0)

    @property
    def current_is_first(self) -> bool:
        return self.current_number == 1

    @property
    def current_is_last(self) -> bool:
        return self.current_number == len(self.segments)

    @property
    def shortfall_minutes(self) -> int:
        return -(-self.shortfall // 60)

    @property
    def overrun(self) -> int:
        return max(0, -self.remaining)

    @property
    def left_after_current(self) -> int:
        """Call time left for the remaining segments if the mentor moved on right now."""
        return max(0, self.length - self.active)

    @property
    def countdown_text(self) -> str:
        return clock_text(self.remaining)

    @property
    def active_text(self) -> str:
        return clock_text(self.active)

    @property
    def left_minutes(self) -> int:
        """Whole minutes left for the rest of the plan if the mentor moved on now, rounded down."""
        return self.left_after_current // 60

    @property
    def upcoming(self) -> list[SegmentView]:
        return [view for view in self.segments if not view.is_done and not view.is_current]

    @property
    def overrun_template(self) -> str:
        """The overrun sentence with two blanks that change as the seconds pass: "{over}", the
        time over exactly as the countdown shows it, and "{left}", the whole minutes left for
        the rest of the plan. clock.js fills in the same blanks between server updates, so the
        words on the screen never depend on a second copy of these rules."""
        upcoming = self.upcoming
        if not upcoming:
            return "{over} over — the session's planned time is nearly used up."
        rest = (
            upcoming[0].segment.title
            if len(upcoming) == 1
            else f"the remaining {len(upcoming)} segments"
        )
        return "{over} over — {left} min left for " + rest + " if you move on now."

    @property
    def overrun_text(self) -> str:
        over = clock_text(self.overrun)
        return self.overrun_template.replace("{left}", str(self.left_minutes)).replace(
            "{over}", over
        )

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.active / self.length)) if self.length else 0


def segment_at(segments: Sequence["CallSegment"], position: int) -> "CallSegment":
    """The segment at `position` (not the `position`-th in the list)."""
    for segment in segments:
        if segment.position == position:
            return segment
    raise LookupError(f"No segment at position {position}.")


def pending(segments: Sequence["CallSegment"], current: int | None) -> list["CallSegment"]:
    """Segments still to come: not run yet (at most looked at), wherever they are in the agenda."""
    return [s for s in segments if not s.has_run and s.position != current]


def _slot(segment: "CallSegment") -> Slot:
    """What a segment still to come asks for, in seconds: its planned time less what it used."""
    return Slot(
        max(0, segment.planned_minutes * 60 - round(segment.spent_seconds)), segment.flexible
    )


def entry_budget(
    segments: Sequence["CallSegment"], position: int, *, length: int, active: float
) -> int:
    """The budget in seconds of the segment at `position` as the runner enters it, counting the
    time spent on earlier visits: its share of the call time left (`length` less `active`),
    shared with every segment still to come."""
    segment = segment_at(segments, position)
    shares = share(
        [_slot(s) for s in [segment, *pending(segments, position)]],
        round(length - active),
        floor=FLEXIBLE_FLOOR_MINUTES * 60,
    )
    return round(segment.spent_seconds) + shares.amounts[0]


def read_clock(call: "Call", segments: Sequence["CallSegment"], now: datetime) -> Clock:
    """The agenda with budgets and elapsed time, the countdown and the planned end."""
    active = call.active_seconds(now)
    current = call.current_position if call.is_running else None
    length = call.length_minutes * 60

    def elapsed(segment: "CallSegment") -> float:
        extra = active - call.current_entered_active if segment.position == current else 0
        return segment.spent_seconds + max(0.0, extra)

    budgets: dict[int, float] = {}
    shortfall = 0
    if current is None:
        for segment in segments:
            budgets[segment.position] = (
                segment.spent_seconds if call.ended_at else segment.planned_minutes * 60
            )
    else:
        current_segment = segment_at(segments, current)
        current_budget = current_segment.entry_budget_seconds + current_segment.added_seconds
        current_left = max(0.0, current_budget - elapsed(current_segment))
        to_come = pending(segments, current)
        shares = share(
            [_slot(s) for s in to_come],
            round(length - active - current_left),
            floor=FLEXIBLE_FLOOR_MINUTES * 60,
        )
        shortfall = shares.shortfall
        for segment in segments:
            budgets[segment.position] = segment.spent_seconds
        budgets[current] = current_budget
        for segment, seconds in zip(to_come, shares.amounts, strict=True):
            budgets[segment.position] = segment.spent_seconds + seconds

    views = [
        SegmentView(
            segment=segment,
            budget_seconds=round(budgets[segment.position]),
            elapsed_seconds=round(elapsed(segment)),
            is_current=segment.position == current,
            is_done=call.ended_at is not None or (segment.has_run and segment.position != current),
        )
        for segment in segments
    ]
    current_view = next((view for view in views if view.is_current), None)
    remaining = current_view.budget_seconds - current_view.elapsed_seconds if current_view else 0
    planned_end = None
    if call.started_at:
        paused = call.paused_seconds + (
            (now - call.paused_at).total_seconds() if call.paused_at else 0
        )
        planned_end = call.started_at + timedelta(seconds=length + paused)
    return Clock(
        length=length,
        active=round(active),
        segments=views,
        current=current_view,
        remaining=remaining,
        shortfall=shortfall,
        planned_end=planned_end,
    )
