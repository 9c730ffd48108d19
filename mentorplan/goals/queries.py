"""Reading goals for pages: everything a group's goal pages need, in a fixed number of queries."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.goals import smart
from mentorplan.goals.models import (
    FollowThrough,
    Goal,
    GoalQuerySet,
    GoalStatus,
    Owner,
    OwnerFigures,
)
from mentorplan.groups.models import Group
from mentorplan.lib import dates, rawsql

REVIEW_WINDOW = timedelta(days=14)
RECENT_CLOSED = 5  # closed goals shown per person on the board; the person's page has them all


@dataclass
class Person:
    key: str  # the owner value used by forms: "t:<trainee key>" or "m:<user id>"
    name: str
    is_mentor: bool
    goals: list[Goal]  # every open goal, then the most recent closed ones
    figures: FollowThrough
    older: int = 0  # closed goals not on the board: the person's page has them all
    trainee_key: str = ""


NO_FIGURES = FollowThrough(0, 0, 0, 0, 0, 0)


def people_with_goals(
    group: Group, today: date | None = None, *, with_goals: bool = True
) -> list[Person]:
    """Everyone in `group` with their follow-through, and (`with_goals`) the goals the board
    shows: a fixed number of queries however long the group's history. The figures come from the
    database; the goals loaded are only those drawn, so the board stays short for years."""
    today = today or timezone.localdate()
    goals = Goal.objects.filter(group=group)
    figures = goals.figures_by_owner(today)
    by_owner: dict[Owner, list[Goal]] = {}
    for goal in _shown(goals) if with_goals else []:
        by_owner.setdefault((goal.trainee_id, goal.mentor_id), []).append(goal)
    people = []
    for t in group.trainees.active():
        people.append(_person(f"t:{t.key}", t.name, False, (t.pk, None), figures, by_owner))
        people[-1].trainee_key = str(t.key)
        for goal in people[-1].goals:
            goal.trainee = t
    for m in group.memberships.select_related("user").order_by("joined_at"):
        mentor: Owner = (None, m.user_id)
        people.append(
            _person(f"m:{m.user_id}", m.user.display_name, True, mentor, figures, by_owner)
        )
        for goal in people[-1].goals:
            goal.mentor = m.user
    return people


def _person(
    key: str,
    name: str,
    is_mentor: bool,
    owner: Owner,
    figures: dict[Owner, OwnerFigures],
    by_owner: dict[Owner, list[Goal]],
) -> Person:
    shown = by_owner.get(owner, [])
    if owner not in figures:
        return Person(key, name, is_mentor, shown, NO_FIGURES)
    found = figures[owner]
    return Person(key, name, is_mentor, shown, found.figures, older=found.goals - len(shown))


def _shown(goals: GoalQuerySet) -> GoalQuerySet:
    """Each owner's open goals and their `RECENT_CLOSED` most recent closed ones, overdue
    first. Closed goals are numbered newest first within their owner; each open goal is alone
    in its partition, so it is always number one and always shown."""
    is_open = Q(status=GoalStatus.OPEN)
    newest = Window(
        RowNumber(),
        partition_by=[F("trainee_id"), F("mentor_id"), Case(When(is_open, then=F("pk")))],
        order_by=[F("deadline").desc(), F("updated_at").desc(), F("pk").desc()],
    )
    return goals.agreed().annotate(newest=newest).filter(newest__lte=RECENT_CLOSED).overdue_first()


def next_session_date(call: Call | None, group: Group) -> date:
    """When the goals set now will next be reviewed: the next planned session, or in two weeks.
    Written out: the goals board asks it on every view, and building it with the ORM cost more
    than the rest of the board's questions."""
    after = call.scheduled_at if call else timezone.now()
    row = rawsql.one(*next_session_query(group, after))
    if row and row[0] is not None:
        following = rawsql.instance(Call, row, ["scheduled_at"])
        return timezone.localdate(following.scheduled_at)
    return timezone.localdate(after) + REVIEW_WINDOW


def next_session_query(group: Group, after: datetime) -> tuple[str, list[Any]]:
    """The query of when the group's next planned session after `after` starts, and its values."""
    return _NEXT_SQL, [group.pk, connection.ops.adapt_datetimefield_value(after)]


_NEXT_SQL = (
    f"SELECT MIN(scheduled_at) FROM {Call._meta.db_table}"
    " WHERE group_id = %s AND scheduled_at > %s AND cancelled_at IS NULL"
)


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
