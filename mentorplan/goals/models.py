import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Trainee

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

FLAG_AFTER = 3  # a goal carried over this many times is flagged for a conversation


class GoalStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    MISSED = "missed", "Missed"
    DROPPED = "dropped", "Dropped"


CLOSED = [GoalStatus.MET, GoalStatus.PARTLY, GoalStatus.MISSED, GoalStatus.DROPPED]


class GoalQuerySet(models.QuerySet["Goal"]):
    def for_user(self, user: "User") -> "GoalQuerySet":
        return self.filter(group__in=Group.objects.for_user(user))

    def agreed(self) -> "GoalQuerySet":
        """Goals the group agreed on: not a trainee's proposal still waiting for the mentor."""
        return self.filter(proposal=False)

    def open(self) -> "GoalQuerySet":
        return self.agreed().filter(status=GoalStatus.OPEN)

    def due_at(self, call: Call) -> "GoalQuerySet":
        """What goal catch-up at `call` reviews: the group's open goals due on or before the
        session's date in the group's time zone, of people still in the group."""
        return (
            self.open()
            .filter(group=call.group, deadline__lte=call.held_on())
            .exclude(set_in=call)
            .exclude(trainee__is_active=False)
        )

    def figures_by_owner(self, today: date) -> dict["Owner", "OwnerFigures"]:
        """`follow_through()` of each owner's agreed goals in this queryset, and how many they
        are, computed by the database in one query. Owners without goals are left out."""
        due = _due_goal(today)
        since = today - timedelta(days=90)
        recent = due & models.Q(GreaterThanOrEqual(Coalesce("closed_on", "deadline"), since))
        met = _met_on_time()
        counted = models.Count("pk", filter=recent & met), models.Count("pk", filter=recent)
        rows = (
            self.agreed()
            .values("trainee_id", "mentor_id")
            .order_by()
            .annotate(
                met_on_time_90=counted[0],
                due_90=counted[1],
                met_on_time_all=models.Count("pk", filter=due & met),
                due_all=models.Count("pk", filter=due),
                streak=models.Count("pk", filter=models.Q(pk__in=self._streaks(today))),
                carried_over=models.Sum(_carried_over_expression()),
                next_due=models.Min(
                    "deadline", filter=models.Q(status=GoalStatus.OPEN, deadline__gte=today)
                ),
                goals=models.Count("pk"),
            )
        )
        found = {}
        for row in rows:
            owner = (row.pop("trainee_id"), row.pop("mentor_id"))
            found[owner] = OwnerFigures(goals=row.pop("goals"), figures=FollowThrough(**row))
        return found

    def _streaks(self, today: date) -> models.QuerySet["Goal", dict[str, Any]]:
        """The due goals of each owner met on time since their latest due goal that was not,
        in the order `follow_through()` reads them: newest first (an open goal before a closed
        one of the same day), so each owner's streak is the count of these."""
        is_open = models.Q(status=GoalStatus.OPEN)
        newest_first = [
            Coalesce("closed_on", "deadline").desc(),
            models.Case(models.When(is_open, then=0), default=1).asc(),
            models.Case(models.When(is_open, then=models.F("deadline"))).asc(),
            models.F("deadline").desc(),
            models.F("updated_at").desc(),
            models.F("pk").asc(),
        ]
        failed = models.Case(models.When(~_met_on_time(), then=1), default=0)
        return (
            self.agreed()
            .filter(_due_goal(today))
            .annotate(
                failed_so_far=models.Window(
                    models.Sum(failed),
                    partition_by=[models.F("trainee_id"), models.F("mentor_id")],
                    order_by=newest_first,
                    frame=models.RowRange(start=None, end=0),
                )
            )
            .filter(failed_so_far=0)
            .values("pk")
        )

    def overdue_first(self) -> "GoalQuerySet":
        # Open goals by deadline (oldest, so overdue, first), then closed ones, newest first.
        is_open = models.Q(status=GoalStatus.OPEN)
        return self.order_by(
            models.Case(models.When(is_open, then=0), default=1),
            models.Case(models.When(is_open, then=models.F("deadline"))),
            "-deadline",
            "-updated_at",
            "pk",  # goals saved in the same instant: the same order on every database
        )


class Goal(models.Model):
    """A goal with a deadline, owned by exactly one person: a trainee or a mentor of the group."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="goals")
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.CASCADE, related_name="goals"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
    )
    text = models.CharField("what", max_length=300)
    measure = models.CharField("how we will know it is done", max_length=300, blank=True)
    deadline = models.DateField()
    topic = models.CharField(
        "topic or module",
        max_length=120,
        blank=True,
        help_text="Optional, for example “JavaScript arrays”.",
    )
    link = models.URLField(
        "link", blank=True, help_text="Optional: an exercise, a resource, a pull request."
    )
    set_in = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals_set"
    )
    # When a missed goal is replaced by a smaller one, the new goal points back at it.
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    status = models.CharField(max_length=10, choices=GoalStatus, default=GoalStatus.OPEN)
    proposal = models.BooleanField(
        default=False, help_text="Proposed by the trainee, waiting for a mentor to accept it."
    )
    times_missed = models.PositiveSmallIntegerField(default=0)
    times_extended = models.PositiveSmallIntegerField(default=0)
    # A smaller goal set in place of a missed one carries on its story: how many times that aim
    # was carried over before this goal, the step to this goal included.
    carried_before = models.PositiveSmallIntegerField(default=0)
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["deadline"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(trainee__isnull=False) & models.Q(mentor__isnull=True))
                | (models.Q(trainee__isnull=True) & models.Q(mentor__isnull=False)),
                name="goal_has_exactly_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=GoalStatus.values), name="goal_status_valid"
            ),
        ]
        indexes = [
            # Catch-up and the board: a group's open goals by deadline.
            models.Index(fields=["group", "status", "deadline"], name="goal_group_due"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def owner_name(self) -> str:
        return self.trainee.name if self.trainee is not None else str(self.mentor)

    @property
    def carried_here(self) -> int:
        """Times this goal itself was kept past a deadline: extended, or missed and kept with a
        new deadline. The miss that closed it carries nothing over here; a smaller goal set in
        its place counts that step."""
        closing_miss = self.status in (GoalStatus.MISSED, GoalStatus.DROPPED) and self.times_missed
        return self.times_extended + self.times_missed - bool(closing_miss)

    @property
    def carry_overs(self) -> int:
        """Times the aim of this goal was carried over, through the goals it replaced."""
        return self.carried_before + self.carried_here

    @property
    def is_flagged(self) -> bool:
        return self.carry_overs >= FLAG_AFTER

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status == GoalStatus.OPEN and self.deadline < (today or timezone.localdate())

    @property
    def met_on_time(self) -> bool:
        return self.status == GoalStatus.MET and not self.times_missed and not self.times_extended


class ReviewOutcome(models.TextChoices):
    SET = "set", "Set"
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    MISSED = "missed", "Missed"
    EXTENDED = "extended", "Given more time"
    DROPPED = "dropped", "Dropped"
    EDITED = "edited", "Changed"
    ACCEPTED = "accepted", "Proposal accepted"
    REOPENED = "reopened", "Outcome undone"


REVIEW_OUTCOMES = [
    ReviewOutcome.MET,
    ReviewOutcome.PARTLY,
    ReviewOutcome.MISSED,
    ReviewOutcome.EXTENDED,
    ReviewOutcome.DROPPED,
]
UNDOABLE = [ReviewOutcome.MET, ReviewOutcome.PARTLY]  # “Undo” opens such a goal again


class NextStep(models.TextChoices):
    NEW_DEADLINE = "new_deadline", "Keep it, with a new deadline"
    SMALLER = "smaller", "Replace it with a smaller goal"
    DROP = "drop", "Drop it"


class GoalEventQuerySet(models.QuerySet["GoalEvent"]):
    def effective_reviews(self) -> "GoalEventQuerySet":
        """Catch-up outcomes that stand. A “met” or “partly” that a later “Outcome undone” took
        back counts nowhere: the goal was open again, and what was recorded next is its outcome.
        A met or partly goal takes no other outcome until it is undone, so any later undo of the
        same goal is the one that undid it."""
        undone_later = GoalEvent.objects.filter(
            goal=models.OuterRef("goal"), outcome=ReviewOutcome.REOPENED
        ).filter(
            models.Q(at__gt=models.OuterRef("at"))
            | models.Q(at=models.OuterRef("at"), pk__gt=models.OuterRef("pk"))
        )
        return self.filter(outcome__in=REVIEW_OUTCOMES).exclude(
            models.Q(outcome__in=UNDOABLE) & models.Exists(undone_later)
        )


class GoalEvent(models.Model):
    """One change in a goal's life: who, when, what and why. Reviews at catch-up are events too."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="events")
    call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=ReviewOutcome)
    from_status = models.CharField(max_length=10, choices=GoalStatus, blank=True)
    to_status = models.CharField(max_length=10, choices=GoalStatus)
    old_deadline = models.DateField(null=True, blank=True)
    new_deadline = models.DateField(null=True, blank=True)
    note = models.TextField("what got in the way", blank=True, max_length=2000)
    next_step = models.CharField(max_length=16, choices=NextStep, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = GoalEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="missed")
                | (~models.Q(note="") & ~models.Q(next_step="")),
                name="a_miss_has_a_note_and_next_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.goal}"


@dataclass(frozen=True)
class FollowThrough:
    """How a person follows through on goals: the figures on the group and person pages."""

    met_on_time_90: int
    due_90: int
    met_on_time_all: int
    due_all: int
    streak: int
    carried_over: int
    next_due: date | None = None  # the nearest deadline of an open goal, today or later

    @property
    def rate_90(self) -> int | None:
        return round(100 * self.met_on_time_90 / self.due_90) if self.due_90 else None

    @property
    def rate_all(self) -> int | None:
        return round(100 * self.met_on_time_all / self.due_all) if self.due_all else None


Owner = tuple[int | None, int | None]  # a goal's (trainee id, mentor id)


@dataclass(frozen=True)
class OwnerFigures:
    goals: int  # agreed goals, open and closed
    figures: FollowThrough


def follow_through(goals: list[Goal], today: date) -> FollowThrough:
    """Figures for one person: a goal counts as due once it is closed or past its deadline."""
    since = today - timedelta(days=90)
    due = [g for g in goals if not g.proposal and (g.status in CLOSED or g.deadline < today)]
    due = [g for g in due if g.status != GoalStatus.DROPPED or g.times_missed]
    recent = [g for g in due if (g.closed_on or g.deadline) >= since]
    streak = 0
    for goal in sorted(due, key=lambda g: g.closed_on or g.deadline, reverse=True):
        if not goal.met_on_time:
            break
        streak += 1
    return FollowThrough(
        met_on_time_90=sum(g.met_on_time for g in recent),
        due_90=len(recent),
        met_on_time_all=sum(g.met_on_time for g in due),
        due_all=len(due),
        streak=streak,
        carried_over=sum(_carried_over(g) for g in goals if not g.proposal),
        next_due=min(
            (
                g.deadline
                for g in goals
                if not g.proposal and g.status == GoalStatus.OPEN and g.deadline >= today
            ),
            default=None,
        ),
    )


def _due_goal(today: date) -> models.Q:
    """`follow_through()`'s due goals as a condition: closed or past its deadline, and not
    dropped without a miss."""
    return (models.Q(status__in=CLOSED) | models.Q(deadline__lt=today)) & ~models.Q(
        status=GoalStatus.DROPPED, times_missed=0
    )


def _met_on_time() -> models.Q:
    """`Goal.met_on_time` as a condition."""
    return models.Q(status=GoalStatus.MET, times_missed=0, times_extended=0)


def _carried_over_expression() -> models.Expression:
    """`_carried_over()` as an expression, to add up in the database."""
    closing_miss = models.Q(status__in=[GoalStatus.MISSED, GoalStatus.DROPPED], times_missed__gt=0)
    carried_before = models.Q(replaces__isnull=False) | models.Q(carried_before__gt=0)
    return (
        models.F("times_extended")
        + models.F("times_missed")
        - models.Case(models.When(closing_miss, then=1), default=0)
        + models.Case(models.When(carried_before, then=1), default=0)
    )


def _carried_over(goal: Goal) -> int:
    """The carry-overs a goal added to its owner's count: each extension, each miss kept with a
    new deadline, and the step from a missed goal to the smaller one set in its place. The miss
    that closed a goal carries nothing over, so a missed goal and its replacement count once."""
    return goal.carried_here + bool(goal.replaces_id or goal.carried_before)
