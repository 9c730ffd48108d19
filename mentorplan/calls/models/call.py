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
from mentorplan.calls.signals import planned_session_changed
from mentorplan.calls.timing import fit_minutes
from mentorplan.groups.models import Group
from mentorplan.lib.links import is_web_link_or_empty, validate_web_link
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.plans.models import PlanSegment, PlanTemplate, SegmentKind

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
        """Planned sessions still to run: not started, not cancelled, soonest first."""
        return self.filter(started_at__isnull=True, cancelled_at__isnull=True).order_by(
            "scheduled_at"
        )

    def cancelled(self) -> "CallQuerySet":
        return self.filter(cancelled_at__isnull=False).order_by("-scheduled_at")

    def next_of_each_group(self) -> "CallQuerySet":
        """The next session each group has still to run (one per group, soonest first): the one
        a mentor starts from their groups and the group's page. One query, however long the
        history."""
        soonest = self.model.objects.filter(group_id=models.OuterRef("group_id")).upcoming()
        return (
            self.upcoming()
            .filter(pk=models.Subquery(soonest.values("pk")[:1]))
            .select_related("group")
        )

    def live(self) -> "CallQuerySet":
        return self.filter(started_at__isnull=False, ended_at__isnull=True).order_by("started_at")

    def finished(self) -> "CallQuerySet":
        return self.filter(ended_at__isnull=False).order_by("-ended_at")


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


# The facts `Call.reschedule` and `Call.cancel` change before the start.
PLANNING_FIELDS = [
    "plan_title",
    "scheduled_at",
    "length_minutes",
    "video_url",
    "sequence",
    "cancelled_at",
]


class CannotChange(Exception):
    """A planned session cannot be changed any more; the message says why, for the mentor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    # Bumped when trainees do something the runner shows (an answer, a raised hand, arriving),
    # apart from `version`, so a mentor's button pressed meanwhile still counts.
    room_version = models.PositiveIntegerField(default=0)
    # Where the call happens when it is not the group's usual link (`video_link`).
    video_url = models.URLField(
        "video-call link",
        max_length=500,
        blank=True,
        validators=[validate_web_link],
    )
    # The invite's SEQUENCE: bumped by every change a calendar must hear of (a new time, length,
    # plan or link, a cancellation), so an invite with the same UID replaces the one people have.
    sequence = models.PositiveIntegerField(default=0)
    # A cancelled session is kept, so calendar feeds and invites can say it is cancelled.
    cancelled_at = models.DateTimeField(null=True, blank=True)

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
            models.CheckConstraint(
                condition=models.Q(cancelled_at__isnull=True) | models.Q(started_at__isnull=True),
                name="call_cancelled_only_before_start",
            ),
            models.CheckConstraint(
                condition=is_web_link_or_empty("video_url"), name="call_video_url_is_web_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.scheduled_at:%Y-%m-%d}"

    @property
    def held_at(self) -> datetime:
        """When the session took place: its start once it has run, else its planned time.
        Queries use `held_at_expression()` for the same fact."""
        return self.started_at or self.scheduled_at

    @property
    def video_link(self) -> str:
        """Where the call happens: the session's own link, else the group's usual one."""
        return self.video_url or self.group.video_url

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
        call._copy_plan(segments)
        call.fit_to_length()
        return call

    def _copy_plan(self, segments: list[PlanSegment]) -> None:
        # The one place a plan becomes a session's agenda, and where the counting base changes:
        # a plan numbers its segments from 1, as a mentor reads them (PlanSegment.position); a
        # session counts from 0 (CallSegment.position), whatever gaps the plan's numbers have.
        self._add_segments(
            (position_in_call, s.kind, s.title, s.minutes, s.minutes, s.flexible, s.guidance)
            for position_in_call, s in enumerate(segments)
        )

    def reschedule(
        self,
        *,
        scheduled_at: datetime,
        length_minutes: int,
        video_url: str,
        template: PlanTemplate | None = None,
        expected_sequence: int | None = None,
    ) -> bool:
        """Move a planned session to another time, length, link or plan (`template`, copied
        afresh; None keeps the agenda). The row is locked while it changes: once the session has
        started, been cancelled, or (with `expected_sequence`) been changed by someone else since
        the mentor's form was drawn, nothing changes and `CannotChange` says why. The live
        `version` stays as it is, so a start pressed at the same moment still starts the session.
        Returns whether anything changed; when it did, the sequence moves on and the invitees are
        told once the change is committed."""
        with transaction.atomic():
            call = Call.objects.select_for_update().get(pk=self.pk)
            call._check_planned(expected_sequence)
            new = {
                "scheduled_at": scheduled_at,
                "length_minutes": length_minutes,
                "video_url": video_url,
            }
            changed = template is not None or any(
                getattr(call, name) != value for name, value in new.items()
            )
            if not changed:
                return False
            for name, value in new.items():
                setattr(call, name, value)
            if template is not None:
                call.plan_title = template.title
                call.segments.all().delete()
                call._copy_plan(list(template.segments.all()))
            call.sequence += 1
            call.save(update_fields=PLANNING_FIELDS)
            call.fit_to_length()
            call._tell_invitees()
        self.refresh_from_db(fields=PLANNING_FIELDS)
        return True

    def cancel(self, *, now: datetime, expected_sequence: int | None = None) -> bool:
        """Call off a planned session. It is kept, marked cancelled, so feeds and invites can say
        so; nothing can start it any more. Refused like `reschedule` once it has started or
        changed since the mentor looked. Returns whether it was cancelled now."""
        with transaction.atomic():
            call = Call.objects.select_for_update().get(pk=self.pk)
            if call.cancelled_at is not None:
                return False  # a second press, or a co-mentor's at the same moment
            call._check_planned(expected_sequence)
            call.cancelled_at = now
            call.sequence += 1
            # Screens watching the planned page learn of it from the live version.
            call.version += 1
            call.save(update_fields=[*PLANNING_FIELDS, "version"])
            call._tell_invitees()
        self.refresh_from_db(fields=[*PLANNING_FIELDS, "version"])
        return True

    def _check_planned(self, expected_sequence: int | None) -> None:
        if self.started_at is not None:
            raise CannotChange("The session has already started, so it can no longer be changed.")
        if self.cancelled_at is not None:
            raise CannotChange("This session was cancelled, so it can no longer be changed.")
        if expected_sequence is not None and expected_sequence != self.sequence:
            raise CannotChange(
                "Someone changed this session while you were looking at it. "
                "Check the new details and try again."
            )

    def _tell_invitees(self) -> None:
        """Once the change is committed, send whoever listens (the wrap-up app's invites)."""
        transaction.on_commit(
            lambda: planned_session_changed.send(sender=Call, call=Call.objects.get(pk=self.pk))
        )

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
        if self.cancelled_at is not None:
            return Status.CANCELLED
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

    def room_changed(self) -> None:
        """Trainees did something the runner shows: move `room_version` on, in the database
        only (two trainees at once both count), leaving the live state and its version alone."""
        Call.objects.filter(pk=self.pk).update(room_version=models.F("room_version") + 1)

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
        if self.ended_at is not None or self.cancelled_at is not None:
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
