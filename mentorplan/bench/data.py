"""The bench's data: 1,000 mentors with a year of history, built once per database and reused.

One mentor, the one the bench signs in as, gets two groups whose history is made the way the app
makes it (the testing factories and the models' own methods): fortnightly sessions with
attendance, notes, topics, feedback, and goals set in one session and reviewed in the next. The
other 999 mentors each get a copy of the first group's finished sessions, written with bulk
inserts, so every table is as full as in an organisation with 1,000 mentors.

The live sessions the bench drives are made afresh on every run (`live_sessions`), so a run never
depends on what an earlier one left.
"""

import uuid
from datetime import timedelta
from typing import Any, cast

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.bench.shape import LEAD_EMAIL, MENTORS, OPEN_TOPICS, SESSIONS
from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Membership, Role
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    at_segment,
    make_call,
    make_group,
    make_trainee,
    start_call,
)
from mentorplan.testing.history import make_past

TRAINEES = ("Amal", "Ben", "Chidi")

# What a copy of a group holds, parents first. Each row is found through its first link to a
# model copied before it; links to copied models point at the copies.
COPIED = [
    "groups.Membership",
    "groups.Trainee",
    "calls.Call",
    "calls.CallSegment",
    "calls.GameSuggestion",
    "calls.Note",
    "calls.Attendance",
    "recap.Topic",
    "recap.TopicPerson",
    "recap.Understanding",
    "recap.RetroAnswer",
    "recap.TopicWork",
    "feedback.Feedback",
    "goals.Goal",
    "goals.GoalEvent",
    "wrapup.Win",
    "wrapup.ResourceShare",
    "wrapup.WrapupCheck",
]
BATCH = 50  # mentors copied per round of inserts

Maps = dict[type[models.Model], dict[Any, Any]]


def lead() -> User | None:
    """The mentor the bench signs in as, if this database has the bench's data."""
    return User.objects.filter(email=LEAD_EMAIL).first()


def build() -> User:
    """Fill an empty database (migrated) with the bench's mentors and their history."""
    with transaction.atomic():
        mentor = User.objects.create_user(
            email=LEAD_EMAIL, password=None, display_name="Bench lead", timezone="Europe/London"
        )
        first = _group_with_history(mentor, "Tuesday group")
        _group_with_history(mentor, "Thursday group")
    _copy_for_other_mentors(first, mentor, MENTORS - 1)
    return mentor


def _group_with_history(mentor: User, name: str) -> Group:
    group = make_group(mentor, name=name)
    for trainee in TRAINEES:
        make_trainee(group, name=trainee)
    make_past(group, mentor, SESSIONS, open_topics=OPEN_TOPICS)
    return group


def _copy_for_other_mentors(source: Group, mentor: User, count: int) -> None:
    password = make_password(None)
    copied = [apps.get_model(label) for label in COPIED]
    for start in range(1, count + 1, BATCH):
        numbers = range(start, min(start + BATCH, count + 1))
        with transaction.atomic(), connection.cursor() as cursor:
            users = User.objects.bulk_create(
                User(
                    email=f"bench-mentor-{n}@example.org",
                    display_name=f"Mentor {n}",
                    password=password,
                )
                for n in numbers
            )
            groups = Group.objects.bulk_create(
                Group(name=f"Group {n}", course=source.course, region=source.region)
                for n in numbers
            )
            maps: list[Maps] = [
                {User: {mentor.pk: user.pk}, Group: {source.pk: group.pk}}
                for user, group in zip(users, groups, strict=True)
            ]
            for model in copied:
                _copy_rows(cursor, model, maps)
    with connection.cursor() as cursor:  # PostgreSQL: the next key after the copies' keys
        for statement in connection.ops.sequence_reset_sql(no_style(), copied):
            cursor.execute(statement)


def _copy_rows(cursor: CursorWrapper, model: type[models.Model], maps: list[Maps]) -> None:
    """Copy `model`'s rows that belong to the source group once for each map, and record in
    each map where each row's copy went. Rows go through SQL as the database holds them, with
    keys given here, which is many times faster than building model objects."""
    quote = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    # (place in the row, the linked model, whether the link may be empty)
    links = [
        (place, cast(type[models.Model], field.related_model), field.null)
        for place, field in enumerate(fields)
        if isinstance(field, models.ForeignKey)
        and (field.related_model in maps[0] or field.related_model is model)
    ]
    parent, owner = next(
        (place, linked) for place, linked, _ in links if linked in maps[0] and linked is not User
    )
    sources = list(maps[0][owner])
    history = " AND ended_at IS NOT NULL" if model is Call else ""  # not the live sessions
    cursor.execute(
        f"SELECT {columns} FROM {table} WHERE {quote(fields[parent].column)} IN "
        f"({', '.join(['%s'] * len(sources))}){history} ORDER BY {pk}",
        sources,
    )
    # A row linked to something not copied (a live session) is left out when the link is
    # required; an optional link to it is cleared.
    rows = [
        row
        for row in cursor.fetchall()
        if all(
            row[place] is None or null or row[place] in maps[0][linked]
            for place, linked, null in links
            if linked not in (User, model)
        )
    ]
    cursor.execute(f"SELECT MAX({pk}) FROM {table}")
    next_key = (cursor.fetchone()[0] or 0) + 1
    uuids = [
        place
        for place, field in enumerate(fields)
        if isinstance(field, models.UUIDField) and field.unique
    ]
    copies = []
    for target in maps:
        target[model] = {}
        for row in rows:
            target[model][row[0]] = next_key
            next_key += 1
        for row in rows:
            copy = list(row)
            copy[0] = target[model][row[0]]
            for place, linked, _ in links:
                if copy[place] is not None:
                    copy[place] = target[linked].get(copy[place], None)
                    if linked is User and copy[place] is None:
                        copy[place] = row[place]  # another mentor's account stays linked
            for place in uuids:
                copy[place] = fields[place].get_db_prep_value(uuid.uuid4(), connection)
            copies.append(copy)
    assert fields[0].primary_key
    # Many rows per statement, as many as the database takes parameters for.
    size = max(1, min(connection.ops.bulk_batch_size(fields, copies), 30000 // len(fields)))
    one = f"({', '.join(['%s'] * len(fields))})"
    for start in range(0, len(copies), size):
        chunk = copies[start : start + size]
        cursor.execute(
            f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}",
            [value for copy in chunk for value in copy],
        )


def readers(count: int) -> list[tuple[User, Group]]:
    """The first `count` of the other mentors, each with their group."""
    emails = [f"bench-mentor-{n}@example.org" for n in range(1, count + 1)]
    memberships = Membership.objects.filter(user__email__in=emails).select_related("user", "group")
    return [(m.user, m.group) for m in memberships.order_by("user_id")]


def live_sessions(mentor: User) -> dict[str, Call]:
    """The sessions the bench drives, made afresh: the first group live in Welcome & chit chat
    with the next session planned, the second live in Technical mentoring with its open topics
    and a session planned for tomorrow. Also the first group's last finished session, for the
    finished page and the summary."""
    groups = list(Group.objects.filter(memberships__user=mentor, memberships__role=Role.LEAD))
    groups.sort(key=lambda group: group.name != "Tuesday group")
    first, second = groups
    Call.objects.filter(group__in=groups, ended_at__isnull=True).delete()
    now = timezone.now()
    welcome = start_call(make_call(first, scheduled_at=now), now)
    make_call(first, scheduled_at=now + timedelta(days=14))
    technical = start_call(make_call(second, scheduled_at=now), now)
    at_segment(technical, SegmentKind.TECHNICAL)
    finished = Call.objects.filter(group=first).finished().first()
    assert finished is not None
    # Started through one app server and run through another (scale.py).
    planned = make_call(second, scheduled_at=now + timedelta(days=1))
    return {"welcome": welcome, "technical": technical, "finished": finished, "planned": planned}
