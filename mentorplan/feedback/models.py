import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from django.conf import settings
from django.db import models
from django.utils import timezone

from mentorplan.calls.models import Attendance, AttendanceStatus, Call, held_at_expression
from mentorplan.groups.models import Group, Trainee
from mentorplan.lib.versioned import Versioned

PEA_LIMIT = 4000
STALE_AFTER = timedelta(days=14)


class CheckInStatus(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    CONCERN = "concern", "Concern"
    BEYOND = "beyond", "Beyond — needs extension work"


class Reason(models.TextChoices):
    FALLING_BEHIND = "falling_behind", "Falling behind"
    MISSED_SESSIONS = "missed_sessions", "Missed sessions"
    MOTIVATION = "motivation", "Low motivation"
    LANGUAGE = "language", "Struggling with the language"
    PERSONAL = "personal", "Personal circumstances"
    TECHNICALLY_STRONG = "technically_strong", "Technically strong"
    STRONG_DRIVE = "strong_drive", "Strong drive"
    TEAM_SPIRIT = "team_spirit", "Great team spirit"
    NEEDS_EXTENSION = "needs_extension", "Needs extension work"


class Feedback(Versioned):
    """Feedback about one trainee from one session, written for the course team. Co-mentors may
    both write it: `version` keeps one from replacing the other's text unseen."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="feedback")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=CheckInStatus, default=CheckInStatus.ON_TRACK)
    reasons = models.JSONField(default=list, blank=True)
    precise = models.TextField("Precise: what exactly?", blank=True, max_length=PEA_LIMIT)
    evidence = models.TextField("Evidence: how do we know?", blank=True, max_length=PEA_LIMIT)
    actionable = models.TextField(
        "Actionable: what could happen next?", blank=True, max_length=PEA_LIMIT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-call__scheduled_at", "trainee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "trainee"], name="one_feedback_per_trainee_per_call"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CheckInStatus.values), name="feedback_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_status_display()}"

    def edited_by(self) -> object:
        return self.author  # whoever saved it last

    @property
    def reason_labels(self) -> list[str]:
        labels = dict(Reason.choices)
        return [labels.get(code, code) for code in self.reasons]

    @property
    def notes(self) -> str:
        """One line for the course tracker's Notes column."""
        parts = [", ".join(self.reason_labels)] if self.reasons else []
        parts += [text for text in (self.precise, self.evidence, self.actionable) if text.strip()]
        return " — ".join(parts)


@dataclass(frozen=True)
class CheckIn:
    """A trainee's last check-in (here or late at a session), as the course's tracker counts it."""

    trainee: Trainee
    last_seen: date | None  # the day of the last session they came to, in the group's zone
    stale: bool


def last_check_ins(group: Group, zone: tzinfo) -> dict[int, date]:
    """The day each trainee was last seen (here or late) at a session, by trainee id: the day the
    session took place, in `zone`."""
    rows = (
        Attendance.objects.filter(
            call__group=group, status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]
        )
        .values("trainee_id")
        .annotate(last=models.Max(held_at_expression("call__")))
    )
    return {row["trainee_id"]: timezone.localdate(row["last"], zone) for row in rows}


def check_ins(group: Group, now: datetime | None = None) -> list[CheckIn]:
    """Each active trainee's last check-in and whether it is stale, counted in days of the group's
    zone."""
    zone = group.zone()
    today = timezone.localdate(now or timezone.now(), zone)
    seen = last_check_ins(group, zone)
    return [
        CheckIn(
            trainee=t,
            last_seen=seen.get(t.pk),
            stale=is_stale(seen.get(t.pk), timezone.localdate(t.created_at, zone), today),
        )
        for t in group.trainees.active()
    ]


def is_stale(last: date | None, joined: date, today: date) -> bool:
    return (last or joined) < today - STALE_AFTER
