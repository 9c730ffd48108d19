import secrets
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import Topic

if TYPE_CHECKING:
    from mentorplan.accounts.models import User


class ResourceQuerySet(models.QuerySet["Resource"]):
    def for_user(self, user: "User") -> "ResourceQuerySet":
        """The starter set and the mentor's own resources, less the ones they removed."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user), removed_at__isnull=True)


class Resource(models.Model):
    """A link worth sharing. The starter set has no owner; each mentor adds their own."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
    )
    title = models.CharField(max_length=120)
    url = models.URLField("link", max_length=500)
    tags = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated, for example “javascript, arrays”."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Removing a resource hides it from the library; summaries that shared it keep the link.
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="resource_url_is_web_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class ResourceShare(models.Model):
    """A resource sent in one session: to a trainee, for a topic, or (with neither) to everyone."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="resource_shares")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="shares")
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="resource_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        # One share of a resource per session and recipient, so a double click (or two mentors at
        # once) shares it once. NULLs are distinct in a unique index, hence one constraint per kind
        # of recipient.
        constraints = [
            models.UniqueConstraint(
                fields=["call", "resource", "trainee"],
                condition=Q(trainee__isnull=False),
                name="one_share_per_trainee",
            ),
            models.UniqueConstraint(
                fields=["call", "resource", "topic"],
                condition=Q(topic__isnull=False),
                name="one_share_per_topic",
            ),
            models.UniqueConstraint(
                fields=["call", "resource"],
                condition=Q(trainee__isnull=True, topic__isnull=True),
                name="one_share_with_everyone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} → {self.trainee or self.topic or 'everyone'}"


class CheckItem(models.TextChoices):
    SLACK = (
        "slack",
        "Told them to post problems in the Slack channel (and how to ask a good question)",
    )
    STUDY_GROUP = "study_group", "Pointed them to a study group or peer learning"
    RESOURCES = "resources", "Sent resources for what we did not reach"


class WrapupCheck(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="wrapup_checks")
    item = models.CharField(max_length=16, choices=CheckItem)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "item"], name="one_check_per_item_per_call"),
            models.CheckConstraint(condition=Q(item__in=CheckItem.values), name="check_item_valid"),
        ]

    def __str__(self) -> str:
        return self.get_item_display()

    @classmethod
    def set(cls, call: Call, item: str, *, done: bool, by: "User") -> bool:
        """Tick or untick an item; whether that changed it. Saying what it should be, rather
        than flipping it, makes a second press of the same button (or a co-mentor's at the same
        moment) change nothing."""
        if done:
            # The unique constraint settles two first ticks at once: get_or_create reads the winner.
            return cls.objects.get_or_create(call=call, item=item, defaults={"done_by": by})[1]
        return cls.objects.filter(call=call, item=item).delete()[0] > 0


class WinSource(models.TextChoices):
    GOAL = "goal", "Goal met"
    TOPIC = "topic", "Now understood"
    ATTENDANCE = "attendance", "Attendance"
    HOMEWORK = "homework", "Homework done"
    MENTOR = "mentor", "Your own"


class Win(models.Model):
    """A moment of progress the mentor chose to say out loud."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="wins")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="wins")
    text = models.CharField(max_length=300)
    source = models.CharField(max_length=12, choices=WinSource, default=WinSource.MENTOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["call", "trainee", "text"], name="one_win_per_text"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.text}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A private, revocable address a calendar app can subscribe to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_feed_per_mentor",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class Reminder(models.Model):
    """A reminder that was sent, so the scheduled job never sends the same one twice."""

    kind = models.CharField(max_length=20)
    # The call's key and planned time, or the goal's key and deadline: see wrapup/reminders.py.
    subject_key = models.CharField(max_length=64)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "recipient"], name="one_reminder_each"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient}"
