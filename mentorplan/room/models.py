"""The trainee's room: a personal link per trainee, and what trainees tell their mentors there.

A link's token is made once (`secrets.token_urlsafe(32)`, 43 characters) and only its SHA-256 is
stored, so a copy of the database opens no room. The mentor sees the link right after making it
and never again; to share it again they make a new one, which closes the old.
"""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import TEXT_LIMIT

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

# "Last opened" is kept to this precision, so reading the page writes at most once per span.
OPENED_PRECISION = timedelta(minutes=5)
TOKEN_LENGTH = 43  # what secrets.token_urlsafe(32) makes
TOKEN_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(token: str) -> bool:
    """Whether `token` could be one we made: a NUL, a slash, other characters or another length
    cannot, and such a value is refused before the database is asked."""
    return len(token) == TOKEN_LENGTH and TOKEN_CHARACTERS.issuperset(token)


class TraineeLinkQuerySet(models.QuerySet["TraineeLink"]):
    def active(self) -> "TraineeLinkQuerySet":
        return self.filter(revoked_at__isnull=True)


class TraineeLink(models.Model):
    """A trainee's personal address. At most one is active per trainee; old ones stay, revoked,
    so the mentor can see when a link stopped working."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="room_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    # While the page is open it polls; `mentorplan.room.presence` notes that here.
    last_seen_at = models.DateTimeField(null=True, blank=True)

    objects = TraineeLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trainee"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_link_per_trainee",
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"Link of {self.trainee} ({state})"

    @classmethod
    def issue(cls, trainee: Trainee, *, by: "User | None" = None) -> tuple["TraineeLink", str]:
        """A new link for `trainee`, closing the one they had. Returns the link and its token,
        which is not stored anywhere: show it now or never. Two presses at once each close the
        other's link in turn, so the later one is the link that works."""
        for attempt in range(3):
            token = secrets.token_urlsafe(32)
            try:
                with transaction.atomic():
                    cls.revoke_for(trainee)
                    link = cls.objects.create(
                        trainee=trainee, token_hash=hash_token(token), created_by=by
                    )
                return link, token
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @classmethod
    def revoke_for(cls, trainee: Trainee, *, now: datetime | None = None) -> int:
        """Close the trainee's active link, if any; how many were closed."""
        return cls.objects.filter(trainee=trainee).active().update(revoked_at=now or timezone.now())

    def record_open(self, now: datetime | None = None) -> None:
        """Note that the trainee opened their page. One conditional UPDATE, and only when the
        last note is older than `OPENED_PRECISION`: the one write a trainee's reading makes.
        The link as read says when that was, so a page opened again soon sends no UPDATE at
        all (even one that changes nothing waits for SQLite's write lock)."""
        now = now or timezone.now()
        if self.last_opened_at is not None and self.last_opened_at >= now - OPENED_PRECISION:
            return
        stale = models.Q(last_opened_at__isnull=True) | models.Q(
            last_opened_at__lt=now - OPENED_PRECISION
        )
        if TraineeLink.objects.filter(models.Q(pk=self.pk) & stale).update(last_opened_at=now):
            self.last_opened_at = now


class SelfReportOutcome(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly"
    MISSED = "missed", "Missed"


class GoalReportQuerySet(models.QuerySet["GoalReport"]):
    def current(self) -> "GoalReportQuerySet":
        """Reports that still speak of the goal as it is: open, with the deadline the trainee
        reported on. A review, a new deadline or a closed goal makes an older report history."""
        return self.filter(goal__status="open", deadline=models.F("goal__deadline"))


class GoalReport(models.Model):
    """A trainee's own word on one of their goals before a call: met, partly or missed, and a
    line. The mentor's goal catch-up starts from it."""

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="self_report")
    outcome = models.CharField(max_length=10, choices=SelfReportOutcome)
    note = models.CharField("in a line", max_length=300, blank=True)
    # The deadline the trainee reported on: once the goal gets another, this report is old.
    deadline = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalReportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=SelfReportOutcome.values),
                name="goal_report_outcome_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal.owner_name} says {self.get_outcome_display()}: {self.goal}"


class RetroDraft(models.Model):
    """A trainee's retro, written before the call it is for. The mentor's retro form in that
    call starts with this text."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="retro_drafts")
    last_lesson = models.TextField(
        "What did the last lesson cover?", blank=True, max_length=TEXT_LIMIT
    )
    homework = models.TextField("What was the homework?", blank=True, max_length=TEXT_LIMIT)
    not_understood = models.TextField(
        "What did not make sense?",
        blank=True,
        max_length=TEXT_LIMIT,
        help_text="One thing per line.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "trainee"], name="one_retro_draft_per_trainee_per_call"
            )
        ]

    def __str__(self) -> str:
        return f"Retro draft of {self.trainee} for {self.call}"


# Raised hands live with the rest of what a live call shows the runner.
from mentorplan.room.presence import Hand  # noqa: E402, F401
