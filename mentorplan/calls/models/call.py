"""A session: planning it, its status, and its live state machine (`Call.control`)."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorplan.calls.clock import Clock, entry_budget, read_clock, segment_at
from mentorplan.calls.models.games import GameSuggestion
from mentorplan.calls.models.segment import CallSegment
from mentorplan.calls.timing import fit_minutes
from mentorplan.groups.models import Group
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.plans.models import PlanTemplate, SegmentKind

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

MIN_CALL_MINUTES = 15
MAX_CALL_MINUTES = 240
ADD_TIME_MINUTES = 5  # what "Add time" gives when the button names no minutes


def held_at_expression(prefix: str = "") -> Coalesce:
    """When a session took place, for queries: when it started once it has run, else when it is
    planned. The same fact as `Call.held_at`; `prefix` reaches it through a relation ("call__")."""
    return Coalesce(f"{prefix}started_at", f"{prefix}scheduled_at")


class LocalTime(NamedTuple):
    """A session's start in one time zone, with the trainees who live in it."""

    names: str
    local: datetime
    zone: str


class CallQuerySet(models.QuerySet["Call"]):
    def for_user(self, user: "User") -> "CallQuerySet":
        return self.filter(group__in=Group.objects.for_user(user))

    def upcoming(self) -> "CallQuerySet":
        return self.filter(started_at__isnull=True).order_by("scheduled_at")

    def live(self) -> "CallQuerySet":
        return self.filter(started_at__isnull=False, ended_at__isnull=True).order_by("started_at")

    def finished(self) -> "CallQuerySet":
        return self.filter(ended_at__isnull=False).order_by("-ended_at")


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    LIVE = "live", "Live"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Finished"


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


# The facts `Call.control` changes; every other field stays as it was planned.
LIVE_FIELDS = [
    "started_at",
    "ended_at",
    "paused_at",
    "paused_seconds",
    "current_position",
    "current_entered_active",
    "version",
]


class Call(models.Model):
    """One session with a group: planned, then run live, then finished."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="calls")
    plan_title = models.CharField(max_length=100)
    scheduled_at = models.DateTimeField()
    length_minutes = models.PositiveSmallIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Facts about the live run; everything else (remaining time, overrun) is derived.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.FloatField(default=0)
    # The `CallSegment.position` of the segment under way (not its place in a list).
    current_position = models.PositiveSmallIntegerField(null=True, blank=True)
    # Call time (pauses excluded) at which the current segment was entered.
    current_entered_active = models.FloatField(default=0)
    # Bumped on every change of the live state, so other screens can tell cheaply they are behind.
    version = models.PositiveIntegerField(default=0)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "session"
        ordering = ["-scheduled_at"]
        indexes = [
            # The group's session list: upcoming, live and finished, newest first.
            models.Index(fields=["group", "-scheduled_at"], name="call_group_list"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length_minutes__gte=MIN_CALL_MINUTES)
                & models.Q(length_minutes__lte=MAX_CALL_MINUTES),
                name="call_length_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True) | models.Q(started_at__isnull=False),
                name="call_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.scheduled_at:%Y-%m-%d}"

    @property
    def held_at(self) -> datetime:
        """When the session took place: its start once it has run, else its planned time.
        Queries use `held_at_expression()` for the same fact."""
        return self.started_at or self.scheduled_at

    def held_on(self) -> date:
        """The day the session took place (or will), in the group's time zone: the day whose
        goals its catch-up reviews and that its reminders name for the group."""
        return timezone.localdate(self.held_at, self.group.zone())

    def local_times(self) -> list[LocalTime]:
        """The planned start in each active trainee's time zone, one line per zone."""
        zones: dict[str, list[str]] = {}
        for trainee in self.group.trainees.active().order_by("name"):
            zones.setdefault(trainee.timezone, []).append(trainee.name)
        return [
            LocalTime(", ".join(names), timezone.localtime(self.scheduled_at, zone_or_utc(z)), z)
            for z, names in sorted(zones.items())
        ]

    # --- Planning -------------------------------------------------------------------------------

    @classmethod
    def plan(
        cls,
        *,
        group: Group,
        template: PlanTemplate,
        scheduled_at: datetime,
        length_minutes: int | None,
        created_by: "User",
    ) -> "Call":
        """A new call with its own copy of the plan's segments, fitted to the call's length."""
        segments = list(template.segments.all())
        length = length_minutes or sum(segment.minutes for segment in segments)
        call = cls.objects.create(
            group=group,
            plan_title=template.title,
            scheduled_at=scheduled_at,
            length_minutes=length,
            created_by=created_by,
        )
        # The one place a plan becomes a session's agenda, and where the counting base changes:
        # a plan numbers its segments from 1, as a mentor reads them (PlanSegment.position); a
        # session counts from 0 (CallSegment.position), whatever gaps the plan's numbers have.
        call._add_segments(
            (position_in_call, s.kind, s.title, s.minutes, s.minutes, s.flexible, s.guidance)
            for position_in_call, s in enumerate(segments)
        )
        call.fit_to_length()
        return call

    def previous(self) -> "Call | None":
        """The group's last session before this one that took (or is taking) place."""
        return (
            Call.objects.filter(
                group_id=self.group_id, scheduled_at__lt=self.scheduled_at, started_at__isnull=False
            )
            .order_by("-scheduled_at")
            .first()
        )

    def following(self) -> "Call | None":
        """The group's next planned session after this one."""
        return (
            Call.objects.filter(group_id=self.group_id, scheduled_at__gt=self.scheduled_at)
            .upcoming()
            .first()
        )

    def plan_next(self, scheduled_at: datetime, *, created_by: "User") -> "Call":
        """The next session of the group, with this session's agenda and length."""
        following = Call.objects.create(
            group=self.group,
            plan_title=self.plan_title,
            scheduled_at=scheduled_at,
            length_minutes=self.length_minutes,
            created_by=created_by,
        )
        following._add_segments(
            (
                s.position,
                s.kind,
                s.title,
                s.template_minutes,
                s.planned_minutes,
                s.flexible,
                s.guidance,
            )
            for s in self.segments.all()
        )
        return following

    def _add_segments(self, rows: Iterable[tuple[int, str, str, int, int, bool, str]]) -> None:
        """The call's agenda: (position, kind, title, template and planned minutes, flexible,
        guidance) for each segment."""
        fields = ["position", "kind", "title", "template_minutes", "planned_minutes"]
        fields += ["flexible", "guidance"]
        CallSegment.objects.bulk_create(
            CallSegment(call=self, **dict(zip(fields, row, strict=True))) for row in rows
        )

    def fit_to_length(self) -> None:
        segments = list(self.segments.all())
        minutes, _ = fit_minutes(
            [s.template_minutes for s in segments],
            [s.flexible for s in segments],
            self.length_minutes,
        )
        for segment, planned in zip(segments, minutes, strict=True):
            segment.planned_minutes = planned
        CallSegment.objects.bulk_update(segments, ["planned_minutes"])

    @staticmethod
    def overflow_minutes(segments: list[CallSegment], length_minutes: int) -> int:
        """Minutes of the plan that do not fit in the call even with flexible segments at floor."""
        return max(0, sum(s.planned_minutes for s in segments) - length_minutes)

    # --- Status ---------------------------------------------------------------------------------

    @property
    def status(self) -> Status:
        if self.ended_at:
            return Status.ENDED
        if self.started_at is None:
            return Status.PLANNED
        return Status.PAUSED if self.paused_at else Status.LIVE

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
        return read_clock(self, segments, now or timezone.now())

    # --- Live changes ---------------------------------------------------------------------------

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
            call = Call.objects.select_for_update().get(pk=self.pk)
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
        if self.ended_at is not None:
            return False
        if (action == Action.START) != (self.started_at is None):
            return False  # starting twice, or anything else before the start
        if action == Action.START:
            return self.start(segments, now)
        if action == Action.PAUSE:
            return self.pause(now)
        if action == Action.RESUME:
            return self.resume(now)
        if action in (Action.NEXT, Action.PREVIOUS):
            position = self._neighbour(segments, 1 if action == Action.NEXT else -1)
        if action in (Action.NEXT, Action.PREVIOUS, Action.JUMP):
            return position is not None and self.move_to(segments, position, now)
        if action == Action.ADD_TIME:
            return self.add_time(segments, minutes or ADD_TIME_MINUTES)
        return self.end(segments, now)

    def _neighbour(self, segments: list[CallSegment], step: int) -> int | None:
        """The position `step` segments away from the current one in agenda order, if any."""
        positions = [segment.position for segment in segments]
        if self.current_position not in positions:
            return None
        index = positions.index(self.current_position) + step
        return positions[index] if 0 <= index < len(positions) else None

    # The steps of `control`. Each one changes this object and the segments it is given, and
    # returns whether anything changed; the caller holds the row lock and saves the session.

    def start(self, segments: list[CallSegment], now: datetime) -> bool:
        if not segments:
            return False
        self.started_at = now
        self._enter(segments, min(segment.position for segment in segments), now)
        if any(segment.kind == SegmentKind.WELCOME for segment in segments):
            # The welcome's game is chosen once, here, so that drawing the runner never writes.
            GameSuggestion.pick(self)
        return True

    def pause(self, now: datetime) -> bool:
        if not self.is_running or self.paused_at is not None:
            return False
        self.paused_at = now
        return True

    def resume(self, now: datetime) -> bool:
        if self.paused_at is None:
            return False
        self.paused_seconds += (now - self.paused_at).total_seconds()
        self.paused_at = None
        return True

    def move_to(self, segments: list[CallSegment], position: int, now: datetime) -> bool:
        if not self.is_running or position == self.current_position:
            return False
        if all(segment.position != position for segment in segments):
            return False
        self._leave(segments, now)
        self._enter(segments, position, now)
        return True

    def add_time(self, segments: list[CallSegment], minutes: int) -> bool:
        if not self.is_running or self.current_position is None or minutes <= 0:
            return False
        segment = segment_at(segments, self.current_position)
        segment.added_seconds += minutes * 60
        segment.save(update_fields=["added_seconds"])
        return True

    def end(self, segments: list[CallSegment], now: datetime) -> bool:
        if not self.is_running:
            return False
        self.resume(now)
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
