"""A session's own copy of a plan segment, with what actually happened in it."""

import uuid
from functools import cache
from typing import TYPE_CHECKING

from django.core.cache import cache as django_cache
from django.db import models

from mentorplan.calls.timing import PEEK_SECONDS
from mentorplan.lib import rawsql
from mentorplan.lib.fragments import KEPT_FOR
from mentorplan.lib.plugins import segment_kind_choices
from mentorplan.plans.models import SegmentKind

if TYPE_CHECKING:
    from mentorplan.calls.models.call import Call


class CallSegment(models.Model):
    """The session's own copy of a plan segment, with what actually happened in it.

    `position` counts from 0: it orders the session's agenda, 0 for the first segment. (A plan
    counts from 1, as a mentor reads it; `Call.plan` is the one place that converts.) Code finds a
    segment by its position (`clock.segment_at`), never by its place in a list.

    A segment's time, from the plan to the clock, four ways:

    - `template_minutes`: what the plan template gave it, copied when the session was planned.
    - `planned_minutes`: the template's minutes fitted to the session's length (flexible segments
      stretched or shrunk). The agenda shows it before the start, and as "plan" beside a budget
      that has changed since.
    - `entry_budget_seconds` + `added_seconds`: set while the session runs. The first is the budget
      the runner gave the segment when it was last entered, counting the time spent on earlier
      visits; the second is the time the mentor added with "Add time" on this visit.
    - the clock's budget (`SegmentView.budget_seconds`): derived, never stored. What the segment
      has in the plan as it stands at a moment: for the current one the two stored figures above,
      for one still to come its share of the time left, for one done the time it took.

    `spent_seconds` is the call time (pauses excluded) spent in it on visits that are over.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveSmallIntegerField()
    # Copied from the plan segment. The kinds are those the installed apps register (see
    # `mentorplan.lib.plugins`), so a tool app's kind shows by its label with no migration here.
    kind = models.CharField(max_length=20, choices=segment_kind_choices, default=SegmentKind.OTHER)
    title = models.CharField(max_length=80)
    template_minutes = models.PositiveSmallIntegerField()
    planned_minutes = models.PositiveSmallIntegerField()
    flexible = models.BooleanField(default=False)
    guidance = models.TextField(blank=True)
    # What happened.
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    spent_seconds = models.FloatField(default=0)
    entry_budget_seconds = models.PositiveIntegerField(default=0)
    added_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "session segment"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="one_segment_per_position"),
            # As on a plan segment: which kinds exist is up to the apps; a kind is a name.
            models.CheckConstraint(condition=~models.Q(kind=""), name="session_segment_kind_given"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_run(self) -> bool:
        """Whether the call has spent real time here, on visits that are over (the visit under
        way is not counted yet). A segment only looked at, for less than PEEK_SECONDS in all,
        is not done: it keeps its planned time and is still to come."""
        return self.started_at is not None and self.spent_seconds >= PEEK_SECONDS


def segments_of(call: "Call") -> list[CallSegment]:
    """A session's segments in order, as `call.segments.all()` gives them: the runner, its
    room's redraw and a trainee's live page show them on every draw. They are kept in the cache
    under the session's live `version` and its planning `sequence`, which move with every change
    to its segments (the runner's buttons, in `LiveRun.control`; a new plan, in
    `Planning.reschedule`): a session read as it is now gets its segments as they are now.
    Read from the database, they are written out: the ORM took five times as long to build the
    query as the database to answer it."""
    key = f"segments:{call.key}:{call.version}:{call.sequence}"
    segments: list[CallSegment] | None = django_cache.get(key)
    if segments is None:
        found = rawsql.rows(_segments_sql(), [call.pk])
        segments = [rawsql.instance(CallSegment, row) for row in found]
        django_cache.set(key, segments, KEPT_FOR)
    return segments


@cache
def _segments_sql() -> str:
    return (
        f"SELECT {rawsql.columns(CallSegment, 's')} FROM {CallSegment._meta.db_table} s"
        " WHERE s.call_id = %s ORDER BY s.position"
    )
