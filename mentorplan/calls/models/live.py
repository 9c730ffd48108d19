"""A session while it runs: its live state machine, its states (`Status`) moved on by the
runner's buttons (`Action`) through `LiveRun.control` alone, and its clock. `Call` is made of this
and `Planning` (planning.py)."""

from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.db import models, transaction
from django.utils import timezone

from mentorplan.calls.clock import Clock, entry_budget, read_clock, segment_at
from mentorplan.calls.models.games import GameSuggestion
from mentorplan.calls.models.segment import CallSegment
from mentorplan.plans.models import SegmentKind

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

    from mentorplan.calls.models.call import Call

ADD_TIME_MINUTES = 5  # what "Add time" gives when the button names no minutes


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    LIVE = "live", "Live"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Finished"
    CANCELLED = "cancelled", "Cancelled"


class Action(models.TextChoices):
    """The runner's buttons: every change of a session's live state is one of these."""

    START = "start", "Start"
    PAUSE = "pause", "Pause"
    RESUME = "resume", "Resume"
    NEXT = "next", "Next"
    PREVIOUS = "previous", "Previous"
    JUMP = "jump", "Go to a segment"
    ADD_TIME = "add_time", "Add time"
    END = "end", "End"


# The facts `LiveRun.control` changes; every other field stays as it was planned.
LIVE_FIELDS = [
    "started_at",
    "ended_at",
    "paused_at",
    "paused_seconds",
    "current_position",
    "current_entered_active",
    "version",
]


class LiveRun(models.Model):
    """A session's live run: the facts are the fields of `Call` named in `LIVE_FIELDS`."""

    if TYPE_CHECKING:
        length_minutes: int
        cancelled_at: datetime | None
        started_at: datetime | None
        ended_at: datetime | None
        paused_at: datetime | None
        paused_seconds: float
        current_position: int | None
        current_entered_active: float
        version: int
        segments: RelatedManager[CallSegment]

    class Meta:
        abstract = True

    @property
    def status(self) -> Status:
        return self.status_of(self.started_at, self.paused_at, self.ended_at, self.cancelled_at)

    @staticmethod
    def status_of(started: object, paused: object, ended: object, cancelled: object) -> Status:
        """The status from which of the four moments are set (as values or as database text)."""
        if ended:
            return Status.ENDED
        if cancelled is not None:
            return Status.CANCELLED
        if started is None:
            return Status.PLANNED
        return Status.PAUSED if paused else Status.LIVE

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    def active_seconds(self, now: datetime) -> float:
        """Call time so far: wall time since the start, less every pause."""
        if self.started_at is None:
            return 0.0
        end = self.ended_at or self.paused_at or now
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds)

    def clock(self, segments: list[CallSegment], now: datetime | None = None) -> Clock:
        """The agenda with budgets and elapsed time, the countdown and the planned end."""
        return read_clock(cast("Call", self), segments, now or timezone.now())

    def control(
        self,
        action: str,
        *,
        now: datetime,
        position: int | None = None,
        minutes: int | None = None,
        expected: int | None = None,
    ) -> bool:
        """Press one of the runner's buttons (an `Action`) at `now`: the one way a session's live
        state changes, for the runner, the tests, the bench and every other screen.

        `position` is where "jump" goes, `minutes` what "add_time" adds, and `expected` the
        version the presser's screen showed. The session's row is locked while it changes, so two
        screens pressing at once change it once: the later press, made on a screen that is now
        behind, changes nothing. Nothing but "start" works before the start, nothing after the
        end, and a move off the agenda is refused. Returns whether the state changed; when it did,
        the version moves on. Either way this object then holds the live state as it is now."""
        with transaction.atomic():
            call = type(self)._default_manager.select_for_update().get(pk=self.pk)
            segments = list(call.segments.select_for_update())
            changed = call._apply(
                Action(action),
                segments,
                now=now,
                position=position,
                minutes=minutes,
                expected=expected,
            )
            if changed:
                call.version += 1
                call.save(update_fields=LIVE_FIELDS)
        self.refresh_from_db(fields=LIVE_FIELDS)
        return changed

    def _apply(
        self,
        action: Action,
        segments: list[CallSegment],
        *,
        now: datetime,
        position: int | None,
        minutes: int | None,
        expected: int | None,
    ) -> bool:
        if expected is not None and expected != self.version:
            return False  # someone else changed the session a moment ago
        if self.ended_at is not None or self.cancelled_at is not None:
            return False
        if (action == Action.START) != (self.started_at is None):
            return False  # starting twice, or anything else before the start
        if action == Action.START:
            return self._start(segments, now)
        if action == Action.PAUSE:
            return self._pause(now)
        if action == Action.RESUME:
            return self._resume(now)
        if action in (Action.NEXT, Action.PREVIOUS):
            position = self._neighbour(segments, 1 if action == Action.NEXT else -1)
        if action in (Action.NEXT, Action.PREVIOUS, Action.JUMP):
            return position is not None and self._move_to(segments, position, now)
        if action == Action.ADD_TIME:
            return self._add_time(segments, minutes or ADD_TIME_MINUTES)
        return self._end(segments, now)

    def _neighbour(self, segments: list[CallSegment], step: int) -> int | None:
        """The position `step` segments away from the current one in agenda order, if any."""
        positions = [segment.position for segment in segments]
        if self.current_position not in positions:
            return None
        index = positions.index(self.current_position) + step
        return positions[index] if 0 <= index < len(positions) else None

    # The steps of `control`, only ever called by `_apply`. Each one changes this object and the
    # segments it is given, and returns whether anything changed; `control` holds the row lock
    # and saves the session.

    def _start(self, segments: list[CallSegment], now: datetime) -> bool:
        if not segments:
            return False
        self.started_at = now
        self._enter(segments, min(segment.position for segment in segments), now)
        if any(segment.kind == SegmentKind.WELCOME for segment in segments):
            # The welcome's game is chosen once, here, so that drawing the runner never writes.
            GameSuggestion.pick(cast("Call", self))
        return True

    def _pause(self, now: datetime) -> bool:
        if not self.is_running or self.paused_at is not None:
            return False
        self.paused_at = now
        return True

    def _resume(self, now: datetime) -> bool:
        if self.paused_at is None:
            return False
        self.paused_seconds += (now - self.paused_at).total_seconds()
        self.paused_at = None
        return True

    def _move_to(self, segments: list[CallSegment], position: int, now: datetime) -> bool:
        if not self.is_running or position == self.current_position:
            return False
        if all(segment.position != position for segment in segments):
            return False
        self._leave(segments, now)
        self._enter(segments, position, now)
        return True

    def _add_time(self, segments: list[CallSegment], minutes: int) -> bool:
        if not self.is_running or self.current_position is None or minutes <= 0:
            return False
        segment = segment_at(segments, self.current_position)
        segment.added_seconds += minutes * 60
        segment.save(update_fields=["added_seconds"])
        return True

    def _end(self, segments: list[CallSegment], now: datetime) -> bool:
        if not self.is_running:
            return False
        self._resume(now)
        self._leave(segments, now)
        self.ended_at = now
        self.current_position = None
        return True

    def _leave(self, segments: list[CallSegment], now: datetime) -> None:
        if self.current_position is None:
            return
        segment = segment_at(segments, self.current_position)
        segment.spent_seconds += max(0.0, self.active_seconds(now) - self.current_entered_active)
        segment.ended_at = now
        segment.save(update_fields=["spent_seconds", "ended_at"])

    def _enter(self, segments: list[CallSegment], position: int, now: datetime) -> None:
        active = self.active_seconds(now)
        self.current_position = position
        self.current_entered_active = active
        segment = segment_at(segments, position)
        segment.entry_budget_seconds = entry_budget(
            segments, position, length=self.length_minutes * 60, active=active
        )
        # Time added on an earlier visit was used then; the new budget already counts it as spent.
        segment.added_seconds = 0
        segment.started_at = segment.started_at or now
        segment.ended_at = None
        segment.save(
            update_fields=["entry_budget_seconds", "added_seconds", "started_at", "ended_at"]
        )
