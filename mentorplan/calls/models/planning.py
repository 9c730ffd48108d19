"""Planning a session, before it runs: from a plan template, or as the next one after it; moved,
cancelled, its agenda fitted to its length. `Call` is made of this and `LiveRun` (live.py)."""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models, transaction

from mentorplan.calls.models.segment import CallSegment
from mentorplan.calls.signals import planned_session_changed
from mentorplan.calls.timing import fit_minutes
from mentorplan.groups.models import Group
from mentorplan.plans.models import PlanSegment, PlanTemplate

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

    from mentorplan.accounts.models import User
    from mentorplan.calls.models.call import Call

# The facts `Planning.reschedule` and `Planning.cancel` change before the start.
PLANNING_FIELDS = [
    "plan_title",
    "scheduled_at",
    "length_minutes",
    "video_url",
    "sequence",
    "cancelled_at",
]


def _model() -> "type[Call]":
    from mentorplan.calls.models.call import Call  # which is made of the classes here

    return Call


class CannotChange(Exception):
    """A planned session cannot be changed any more; the message says why, for the mentor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Planning(models.Model):
    """A session as it is planned: the facts are the fields of `Call`."""

    if TYPE_CHECKING:
        group: Group
        group_id: int
        plan_title: str
        scheduled_at: datetime
        length_minutes: int
        video_url: str
        sequence: int
        version: int
        started_at: datetime | None
        cancelled_at: datetime | None
        segments: RelatedManager[CallSegment]

    class Meta:
        abstract = True

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
        """A new session with its own copy of the plan's segments, fitted to its length."""
        segments = list(template.segments.all())
        length = length_minutes or sum(segment.minutes for segment in segments)
        call = _model().objects.create(
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
            call = _model().objects.select_for_update().get(pk=self.pk)
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
            call = _model().objects.select_for_update().get(pk=self.pk)
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
            lambda: planned_session_changed.send(
                sender=_model(), call=_model().objects.get(pk=self.pk)
            )
        )

    def previous(self) -> "Call | None":
        """The group's last session before this one that took (or is taking) place."""
        return (
            _model()
            .objects.filter(
                group_id=self.group_id, scheduled_at__lt=self.scheduled_at, started_at__isnull=False
            )
            .order_by("-scheduled_at")
            .first()
        )

    def following(self) -> "Call | None":
        """The group's next planned session after this one."""
        return (
            _model()
            .objects.filter(group_id=self.group_id, scheduled_at__gt=self.scheduled_at)
            .upcoming()
            .first()
        )

    def plan_next(self, scheduled_at: datetime, *, created_by: "User") -> "Call":
        """The next session of the group, with this session's agenda and length."""
        following = _model().objects.create(
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
        """The session's agenda: (position, kind, title, template and planned minutes, flexible,
        guidance) for each segment."""
        fields = ["position", "kind", "title", "template_minutes", "planned_minutes"]
        fields += ["flexible", "guidance"]
        CallSegment.objects.bulk_create(
            CallSegment(call_id=self.pk, **dict(zip(fields, row, strict=True))) for row in rows
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
        """Minutes of the plan that do not fit in the session even with flexible segments at
        their floor."""
        return max(0, sum(s.planned_minutes for s in segments) - length_minutes)
