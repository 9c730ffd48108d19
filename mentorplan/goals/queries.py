"""Reading goals for pages: everything a group's goal pages need, in a fixed number of queries."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.goals import smart
from mentorplan.goals.models import FollowThrough, Goal, GoalStatus, follow_through
from mentorplan.groups.models import Group
from mentorplan.lib import dates

REVIEW_WINDOW = timedelta(days=14)
RECENT_CLOSED = 5  # closed goals shown per person on the board; the person's page has them all


@dataclass
class Person:
    key: str  # the owner value used by forms: "t:<trainee key>" or "m:<user id>"
    name: str
    is_mentor: bool
    all_goals: list[Goal]
    figures: FollowThrough
    trainee_key: str = ""

    @property
    def goals(self) -> list[Goal]:
        """Every open goal, then the most recent closed ones: the board stays short for years."""
        open_goals = [g for g in self.all_goals if g.status == GoalStatus.OPEN]
        closed = [g for g in self.all_goals if g.status != GoalStatus.OPEN]
        return open_goals + closed[:RECENT_CLOSED]

    @property
    def older(self) -> int:
        return max(0, len(self.all_goals) - len(self.goals))


def people_with_goals(group: Group, today: date | None = None) -> list[Person]:
    today = today or timezone.localdate()
    goals = list(
        Goal.objects.filter(group=group)
        .agreed()
        .select_related("trainee", "mentor")
        .overdue_first()
    )
    by_owner: dict[str, list[Goal]] = {}
    for goal in goals:
        owner = f"t:{goal.trainee.key}" if goal.trainee else f"m:{goal.mentor_id}"
        by_owner.setdefault(owner, []).append(goal)
    people = [
        Person(
            f"t:{t.key}",
            t.name,
            False,
            by_owner.get(f"t:{t.key}", []),
            follow_through(by_owner.get(f"t:{t.key}", []), today),
            trainee_key=str(t.key),
        )
        for t in group.trainees.active()
    ]
    people += [
        Person(
            f"m:{m.user_id}",
            m.user.display_name,
            True,
            by_owner.get(f"m:{m.user_id}", []),
            follow_through(by_owner.get(f"m:{m.user_id}", []), today),
        )
        for m in group.memberships.select_related("user").order_by("joined_at")
    ]
    return people


def next_session_date(call: Call | None, group: Group) -> date:
    """When the goals set now will next be reviewed: the next planned session, or in two weeks."""
    after = call.scheduled_at if call else timezone.now()
    following = (
        Call.objects.filter(group=group, scheduled_at__gt=after, cancelled_at__isnull=True)
        .order_by("scheduled_at")
        .first()
    )
    if following is not None:
        return timezone.localdate(following.scheduled_at)
    return timezone.localdate(after) + REVIEW_WINDOW


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def smart_findings(
    group: Group,
    *,
    text: str,
    measure: str,
    deadline: date | None,
    topic: str,
    owner: str,
    next_session: date | None,
    exclude: Goal | None = None,
) -> list[smart.Finding]:
    busy = 0
    kind, _, value = owner.partition(":")
    mine = Goal.objects.filter(group=group).open()
    if kind == "t" and _is_uuid(value):
        mine = mine.filter(trainee__key=value)
    elif kind == "m" and value.isascii() and value.isdigit() and len(value) <= 18:
        mine = mine.filter(mentor_id=int(value))
    else:
        mine = mine.none()  # no owner chosen yet, or a value no form sends
    if deadline is not None:
        if exclude is not None:
            mine = mine.exclude(pk=exclude.pk)
        busy = mine.filter(
            deadline__range=(dates.add_days(deadline, -7), dates.add_days(deadline, 7))
        ).count()
    return smart.check(
        text=text,
        measure=measure,
        deadline=deadline,
        topic=topic,
        today=timezone.localdate(),
        next_session=next_session,
        other_open_due_near=busy,
    )
