import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorplan.calls.timing import (
    FLEXIBLE_FLOOR_MINUTES,
    PEEK_SECONDS,
    Slot,
    clock_text,
    fit_minutes,
    share,
)
from mentorplan.groups.models import Group, Trainee
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.plans.models import PlanTemplate, SegmentKind

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

MIN_CALL_MINUTES = 15
MAX_CALL_MINUTES = 240


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


@dataclass(frozen=True)
class SegmentView:
    """One line of the agenda as the runner shows it at a moment."""

    segment: "CallSegment"
    budget: int  # seconds this segment has in the plan as it stands now
    elapsed: int  # seconds spent in it so far
    is_current: bool
    is_done: bool

    @property
    def planned_minutes(self) -> int:
        return self.segment.planned_minutes

    @property
    def budget_minutes(self) -> int:
        return round(self.budget / 60)

    @property
    def elapsed_minutes(self) -> int:
        return round(self.elapsed / 60)

    @property
    def rebalanced(self) -> bool:
        return not self.is_done and self.budget_minutes != self.segment.planned_minutes


@dataclass(frozen=True)
class Clock:
    """The state of a running call at one moment, derived from the stored facts."""

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
        the rest of the plan. runner.js fills in the same blanks between server updates, so the
        words on the screen never depend on a second copy of these rules."""
        upcoming = self.upcoming
        if not upcoming:
            return "{over} over — the call's planned time is nearly used up."
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
    current_position = models.PositiveSmallIntegerField(null=True, blank=True)
    # Call time (pauses excluded) at which the current segment was entered.
    current_entered_active = models.FloatField(default=0)
    # Bumped on every change of the live state, so other screens can tell cheaply they are behind.
    version = models.PositiveIntegerField(default=0)

    objects = CallQuerySet.as_manager()

    class Meta:
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
        call._add_segments(
            (position, s.kind, s.title, s.minutes, s.minutes, s.flexible, s.guidance)
            for position, s in enumerate(segments)
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
    def overflow_minutes(segments: list["CallSegment"], length_minutes: int) -> int:
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

    def clock(self, segments: list["CallSegment"], now: datetime | None = None) -> Clock:
        """The agenda with budgets and elapsed time, the countdown and the planned end."""
        now = now or timezone.now()
        active = self.active_seconds(now)
        current = self.current_position if self.is_running else None
        length = self.length_minutes * 60

        def elapsed(segment: CallSegment) -> float:
            extra = active - self.current_entered_active if segment.position == current else 0
            return segment.spent_seconds + max(0.0, extra)

        budgets: dict[int, float] = {}
        shortfall = 0
        if current is None:
            for segment in segments:
                budgets[segment.position] = (
                    segment.spent_seconds if self.ended_at else segment.planned_minutes * 60
                )
        else:
            current_segment = segments[current]
            current_budget = current_segment.allotted_seconds + current_segment.extra_seconds
            current_left = max(0.0, current_budget - elapsed(current_segment))
            pending = _pending(segments, current)
            shares = share(
                [_slot(s) for s in pending],
                round(length - active - current_left),
                floor=FLEXIBLE_FLOOR_MINUTES * 60,
            )
            shortfall = shares.shortfall
            for segment in segments:
                budgets[segment.position] = segment.spent_seconds
            budgets[current] = current_budget
            for segment, seconds in zip(pending, shares.seconds, strict=True):
                budgets[segment.position] = segment.spent_seconds + seconds

        views = [
            SegmentView(
                segment=segment,
                budget=round(budgets[segment.position]),
                elapsed=round(elapsed(segment)),
                is_current=segment.position == current,
                is_done=self.ended_at is not None
                or (segment.has_run and segment.position != current),
            )
            for segment in segments
        ]
        current_view = views[current] if current is not None else None
        remaining = current_view.budget - current_view.elapsed if current_view else 0
        planned_end = None
        if self.started_at:
            paused = self.paused_seconds + (
                (now - self.paused_at).total_seconds() if self.paused_at else 0
            )
            planned_end = self.started_at + timedelta(seconds=length + paused)
        return Clock(
            length=length,
            active=round(active),
            segments=views,
            current=current_view,
            remaining=remaining,
            shortfall=shortfall,
            planned_end=planned_end,
        )

    # --- Live changes (callers hold a row lock and save afterwards) -----------------------------

    def start(self, segments: list["CallSegment"], now: datetime) -> None:
        self.started_at = now
        self._enter(segments, 0, now)
        if any(segment.kind == SegmentKind.WELCOME for segment in segments):
            # The welcome's game is chosen once, here, so that drawing the runner never writes.
            GameSuggestion.pick(self)

    def pause(self, now: datetime) -> None:
        if self.is_running and self.paused_at is None:
            self.paused_at = now

    def resume(self, now: datetime) -> None:
        if self.paused_at is not None:
            self.paused_seconds += (now - self.paused_at).total_seconds()
            self.paused_at = None

    def move_to(self, segments: list["CallSegment"], position: int, now: datetime) -> None:
        if not self.is_running or not 0 <= position < len(segments):
            return
        if position == self.current_position:
            return
        self._leave(segments, now)
        self._enter(segments, position, now)

    def add_time(self, segments: list["CallSegment"], minutes: int) -> None:
        if self.is_running and self.current_position is not None:
            segment = segments[self.current_position]
            segment.extra_seconds += minutes * 60
            segment.save(update_fields=["extra_seconds"])

    def end(self, segments: list["CallSegment"], now: datetime) -> None:
        if not self.is_running:
            return
        self.resume(now)
        self._leave(segments, now)
        self.ended_at = now
        self.current_position = None

    def _leave(self, segments: list["CallSegment"], now: datetime) -> None:
        if self.current_position is None:
            return
        segment = segments[self.current_position]
        segment.spent_seconds += max(0.0, self.active_seconds(now) - self.current_entered_active)
        segment.ended_at = now
        segment.save(update_fields=["spent_seconds", "ended_at"])

    def _enter(self, segments: list["CallSegment"], position: int, now: datetime) -> None:
        active = self.active_seconds(now)
        self.current_position = position
        self.current_entered_active = active
        segment = segments[position]
        shares = share(
            [_slot(s) for s in [segment, *_pending(segments, position)]],
            round(self.length_minutes * 60 - active),
            floor=FLEXIBLE_FLOOR_MINUTES * 60,
        )
        segment.allotted_seconds = round(segment.spent_seconds) + shares.seconds[0]
        # Time added on an earlier visit was used then; the new budget already counts it as spent.
        segment.extra_seconds = 0
        segment.started_at = segment.started_at or now
        segment.ended_at = None
        segment.save(update_fields=["allotted_seconds", "extra_seconds", "started_at", "ended_at"])


def _pending(segments: list["CallSegment"], current: int) -> list["CallSegment"]:
    """Segments still to come: not run yet (at most looked at), wherever they are in the agenda."""
    return [s for s in segments if not s.has_run and s.position != current]


def _slot(segment: "CallSegment") -> Slot:
    return Slot(
        max(0, segment.planned_minutes * 60 - round(segment.spent_seconds)), segment.flexible
    )


class CallSegment(models.Model):
    """The call's own copy of a plan segment, with what actually happened in it."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveSmallIntegerField()  # 0-based, in agenda order
    kind = models.CharField(max_length=20, choices=SegmentKind, default=SegmentKind.OTHER)
    title = models.CharField(max_length=80)
    template_minutes = models.PositiveSmallIntegerField()
    planned_minutes = models.PositiveSmallIntegerField()
    flexible = models.BooleanField(default=False)
    guidance = models.TextField(blank=True)
    # What happened. allotted_seconds is the budget the runner gave the segment when it began.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    spent_seconds = models.FloatField(default=0)
    allotted_seconds = models.PositiveIntegerField(default=0)
    extra_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="one_segment_per_position"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def actual_minutes(self) -> int:
        return round(self.spent_seconds / 60)

    @property
    def has_run(self) -> bool:
        """Whether the call has spent real time here, on visits that are over (the visit under
        way is not counted yet). A segment only looked at, for less than PEEK_SECONDS in all,
        is not done: it keeps its planned time and is still to come."""
        return self.started_at is not None and self.spent_seconds >= PEEK_SECONDS


class NoteLevel(models.TextChoices):
    PRIVATE = "private", "Private — only you"
    MENTORS = "mentors", "Mentors — you and your co-mentors"
    SHARED = "shared", "Shared — mentors and trainees"


class NoteQuerySet(models.QuerySet["Note"]):
    def visible_to(self, user: "User") -> "NoteQuerySet":
        """Notes a mentor may read: their own private ones and every non-private one."""
        return self.filter(
            models.Q(call__group__in=Group.objects.for_user(user))
            & (~models.Q(level=NoteLevel.PRIVATE) | models.Q(author=user))
        )

    def shared(self) -> "NoteQuerySet":
        return self.filter(level=NoteLevel.SHARED)


class Note(models.Model):
    """A note on a segment, optionally about one trainee, at one of three levels.

    A private note belongs to its author; a mentors' or shared note is one text the group's
    mentors edit together, with `version` guarding against silent overwrites.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="notes")
    segment = models.ForeignKey(CallSegment, on_delete=models.CASCADE, related_name="notes")
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.CASCADE, related_name="call_notes"
    )
    level = models.CharField(max_length=10, choices=NoteLevel)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=NoteLevel.values), name="note_level_valid"
            ),
            models.UniqueConstraint(
                fields=["segment", "author"],
                condition=models.Q(level="private", trainee__isnull=True),
                name="one_private_segment_note_per_author",
            ),
            models.UniqueConstraint(
                fields=["segment", "trainee", "author"],
                condition=models.Q(level="private", trainee__isnull=False),
                name="one_private_trainee_note_per_author",
            ),
            models.UniqueConstraint(
                fields=["segment", "level"],
                condition=~models.Q(level="private") & models.Q(trainee__isnull=True),
                name="one_group_segment_note_per_level",
            ),
            models.UniqueConstraint(
                fields=["segment", "trainee", "level"],
                condition=~models.Q(level="private") & models.Q(trainee__isnull=False),
                name="one_group_trainee_note_per_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} note on {self.segment}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Here"
    LATE = "late", "Late"
    ABSENT = "absent", "Away"


class Attendance(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "trainee"], name="one_attendance_per_trainee"),
            models.CheckConstraint(
                condition=models.Q(status__in=AttendanceStatus.values),
                name="attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_status_display()}"


class BrainGame(models.Model):
    """A short online game that warms up thinking, suggested during the welcome."""

    name = models.CharField(max_length=60, unique=True)
    url = models.URLField()
    exercises = models.CharField(max_length=100)
    description = models.CharField(max_length=300)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GameSuggestion(models.Model):
    """The game suggested for a call, picked when it starts; shuffling replaces it."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="game_suggestion")
    game = models.ForeignKey(BrainGame, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.game} for {self.call}"

    @classmethod
    def _choices(cls, call: Call, avoid: BrainGame | None = None) -> list[BrainGame]:
        """Active games, less the group's game of the session before and `avoid`."""
        previous = (
            cls.objects.filter(
                call__group_id=call.group_id, call__scheduled_at__lt=call.scheduled_at
            )
            .exclude(call=call)
            .order_by("-call__scheduled_at")
            .values_list("game_id", flat=True)
            .first()
        )
        excluded = {pk for pk in (previous, avoid.pk if avoid else None) if pk is not None}
        return list(BrainGame.objects.filter(is_active=True).exclude(pk__in=excluded))

    @classmethod
    def shown(cls, call: Call) -> BrainGame | None:
        """The game the welcome shows, read only. A session started before games were picked
        at the start has none saved: it shows a fixed choice, the same on every redraw."""
        saved = cls.objects.select_related("game").filter(call=call).first()
        if saved is not None:
            return saved.game
        choices = cls._choices(call)
        return choices[call.pk % len(choices)] if choices else None

    @classmethod
    def pick(cls, call: Call, *, avoid: BrainGame | None = None) -> BrainGame | None:
        """Save a random game for the call, neither last session's nor `avoid`; with no such
        game, what is shown stays."""
        choices = cls._choices(call, avoid)
        if not choices:
            return cls.shown(call)
        game = random.choice(choices)
        cls.objects.update_or_create(call=call, defaults={"game": game})
        return game
