import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from mentorplan.lib.plugins import segment_kind_choices

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

MIN_SEGMENT_MINUTES = 1
MAX_SEGMENT_MINUTES = 180


class SegmentKind(models.TextChoices):
    """The kinds of the default plan. The kinds a segment may have are those in
    `mentorplan.lib.plugins.SEGMENT_KINDS`: these, which this app adds there, and any a tool app
    adds, without a migration (the module's docstring says how)."""

    WELCOME = "welcome", "Welcome & chit chat"
    GOAL_CATCHUP = "goal_catchup", "Goal catch-up"
    RECAP = "recap", "Recap & orientation"
    TECHNICAL = "technical", "Technical mentoring"
    GOAL_SETTING = "goal_setting", "Goal setting"
    WRAP_UP = "wrap_up", "Wrap up"
    OTHER = "other", "Something else"


class PlanTemplateQuerySet(models.QuerySet["PlanTemplate"]):
    def for_user(self, user: "User") -> "PlanTemplateQuerySet":
        """Built-in plans and the user's own copies; nobody else's."""
        if not user.is_authenticated:
            return self.filter(owner__isnull=True)
        return self.filter(models.Q(owner__isnull=True) | models.Q(owner=user))


class PlanTemplate(models.Model):
    """A plan for a call. Built-in plans have no owner and are copied before they are changed."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=2000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plan_templates",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["owner_id", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_builtin(self) -> bool:
        return self.owner_id is None

    def is_editable_by(self, user: "User") -> bool:
        return self.owner_id is not None and self.owner_id == user.pk

    def copy_for(self, user: "User") -> "PlanTemplate":
        copy = PlanTemplate.objects.create(
            title=f"{self.title} (my copy)"[:100], description=self.description, owner=user
        )
        PlanSegment.objects.bulk_create(
            PlanSegment(
                template=copy,
                position=segment.position,
                kind=segment.kind,
                title=segment.title,
                minutes=segment.minutes,
                flexible=segment.flexible,
                guidance=segment.guidance,
            )
            for segment in self.segments.all()
        )
        return copy

    def renumber(self) -> None:
        """Positions 1..n in the current order, with no gaps."""
        segments = list(self.segments.all())
        for position, segment in enumerate(segments, start=1):
            segment.position = position
        PlanSegment.objects.bulk_update(segments, ["position"])


class PlanSegment(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="segments")
    # Counts from 1, as the mentor reads the plan ("3. Recap"); `renumber` keeps it 1..n. A
    # session's own copy (calls.CallSegment.position) counts from 0: Call.plan converts.
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=segment_kind_choices, default=SegmentKind.OTHER)
    title = models.CharField(max_length=80)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_SEGMENT_MINUTES), MaxValueValidator(MAX_SEGMENT_MINUTES)]
    )
    flexible = models.BooleanField(
        default=False,
        help_text="Flexible segments give and take time when the session runs long or short.",
    )
    guidance = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    minutes__gte=MIN_SEGMENT_MINUTES, minutes__lte=MAX_SEGMENT_MINUTES
                ),
                name="segment_minutes_in_range",
            ),
            # Which kinds exist is up to the installed apps (forms check it); a kind is a name.
            models.CheckConstraint(condition=~models.Q(kind=""), name="segment_kind_given"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.minutes} min)"
