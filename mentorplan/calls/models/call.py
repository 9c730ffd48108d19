"""A session with a group: its facts and the questions asked of it. What it does comes from two
parts, each in its own module: `Planning` (planning.py) before the start, and `LiveRun` (live.py),
the live state machine behind `Call.control` and `Call.status`, while it runs."""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorplan.calls.models.live import LiveRun
from mentorplan.calls.models.planning import Planning
from mentorplan.groups.models import Group
from mentorplan.lib.links import is_web_link_or_empty, validate_web_link
from mentorplan.lib.timezones import zone_or_utc

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


class Call(Planning, LiveRun):
    """One session with a group: planned (`Planning`), then run live (`LiveRun`), then finished."""

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
    # Bumped when someone does something the runner shows besides the live state: a trainee (an
    # answer, a raised hand, arriving) or a mentor in a segment's tool (attendance, a topic, a
    # goal). Apart from `version`, so a mentor's button pressed meanwhile still counts.
    room_version = models.PositiveIntegerField(default=0)
    # Bumped with `room_version` when what a segment's tool shows changed (a mentor's click in a
    # tool, what a trainee sent), not when only the room part did (a trainee came, a hand went
    # up): the tools the runner keeps drawn are kept until it moves (see calls.tools).
    tools_version = models.PositiveIntegerField(default=0)
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

    def room_changed(self, *, tools: bool = True) -> None:
        """Someone did something the runner shows besides the live state: move `room_version`
        on, and `tools_version` unless it showed in the room part only (`tools=False`), in the
        database only (two changes at once both count), leaving the live state and its version
        alone."""
        moved: dict[str, Any] = {"room_version": models.F("room_version") + 1}
        if tools:
            moved["tools_version"] = models.F("tools_version") + 1
        Call.objects.filter(pk=self.pk).update(**moved)
