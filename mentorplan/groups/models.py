import secrets
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from mentorplan.lib.links import is_web_link_or_empty, validate_web_link
from mentorplan.lib.timezones import timezone_choices, zone_or_utc

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

INVITATION_LIFETIME = timedelta(days=14)


class GroupQuerySet(models.QuerySet["Group"]):
    def for_user(self, user: "User") -> "GroupQuerySet":
        """The groups this user mentors. Every page reaches data through here."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def zones(self) -> dict[int, ZoneInfo]:
        """Each group's time zone by group id: its lead mentor's (the first to join), or its
        first co-mentor's when it has no lead. See `Group.zone`."""
        rows = Membership.objects.filter(group__in=self).order_by("group_id", "role", "-joined_at")
        # Ordered so the row that counts comes last for its group ("lead" sorts after
        # "co_mentor"), and the dict keeps the last.
        names = dict(rows.values_list("group_id", "user__timezone"))
        return {pk: zone_or_utc(name) for pk, name in names.items()}


class Group(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=100)
    course = models.CharField(
        "course or module",
        max_length=100,
        blank=True,
        help_text="For example “ITP — JavaScript 2”.",
    )
    region = models.CharField(max_length=80, blank=True, help_text="For example “London”.")
    # Where the group's calls happen; a session can give its own link instead (`Call.video_link`).
    video_url = models.URLField(
        "video-call link",
        max_length=500,
        blank=True,
        validators=[validate_web_link],
        help_text="Optional. The Zoom, Meet or Jitsi address you use for this group's sessions.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    mentors: "models.ManyToManyField[User, Membership]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="mentor_groups"
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = "mentoring group"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=is_web_link_or_empty("video_url"), name="group_video_url_is_web_link"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def zone(self) -> ZoneInfo:
        """The group's time zone: its lead mentor's. A session's date for the group (the
        tracker's Date, the summary, "last seen" and the 14-day check-in rule) is the day there."""
        return Group.objects.filter(pk=self.pk).zones().get(self.pk, ZoneInfo("UTC"))


class Role(models.TextChoices):
    LEAD = "lead", "Lead mentor"
    CO_MENTOR = "co_mentor", "Co-mentor"


class Membership(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role, default=Role.LEAD)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_mentor"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.get_role_display()})"

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD


class TraineeQuerySet(models.QuerySet["Trainee"]):
    def for_user(self, user: "User") -> "TraineeQuerySet":
        return self.filter(group__in=Group.objects.for_user(user))

    def active(self) -> "TraineeQuerySet":
        return self.filter(is_active=True)


class Trainee(models.Model):
    """A person on the course. Trainees have no account, and we keep only what mentoring needs."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="trainees")
    name = models.CharField(max_length=100)
    pronouns = models.CharField(
        max_length=40, blank=True, help_text="Optional, for example “she/her”."
    )
    slack_handle = models.CharField("Slack handle", max_length=80, blank=True)
    email = models.EmailField("e-mail address", blank=True, help_text="Optional.")
    timezone = models.CharField(max_length=64, choices=timezone_choices, default="Europe/London")
    is_active = models.BooleanField(
        "still on the course", default=True, help_text="Untick when a trainee leaves the group."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        # The group page lists active trainees first, by name.
        ordering = ["-is_active", "name"]
        indexes = [models.Index(fields=["group", "is_active", "name"], name="trainee_group_list")]

    def __str__(self) -> str:
        return self.name


def _new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use link that makes another mentor a co-mentor of a group."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    token = models.CharField(
        max_length=64, unique=True, default=_new_invitation_token, editable=False
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("e-mail address")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "group",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.group}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
