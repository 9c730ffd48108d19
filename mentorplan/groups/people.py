"""A group's people as kept pages show them, read for a cache key together with the marks of
what the page shows (see `mentorplan.lib.fragments`): its trainees, its mentors, and the mentors
invited who have not joined yet."""

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group, Invitation, Membership, Trainee
from mentorplan.lib import rawsql
from mentorplan.lib.fragments import Rows, marks_queries, read_marks


def marks_and_people(
    sources: Sequence[Rows],
    group_pk: int,
    *,
    also: tuple[str, list[Any]] | None = None,
    session: models.Model | None = None,
) -> tuple[tuple[Any, ...], tuple[tuple[str, ...], ...]]:
    """The marks of `sources` for the group (see `marks_queries`), and its trainees and mentors
    as pages show them (names, pronouns, addresses, zones, roles, who is still in the group)
    with its invitations still open, in one trip to the database: rows this few are part of a
    key as they are.
    `also`, a query of one value and its values, comes in the same trip as a row of its own,
    ("also", the value as text, ...).
    `session`, one of the group's sessions, is the one the sources whose path ends at a session
    (`Rows(..., "call")`) are read for."""
    return read_marks(rawsql.together(*queries(sources, group_pk, also=also, session=session)))


def queries(
    sources: Sequence[Rows],
    group_pk: int,
    *,
    also: tuple[str, list[Any]] | None = None,
    session: models.Model | None = None,
) -> list[rawsql.Query]:
    """The queries of `marks_and_people`, to ask in a trip of one's own (see `read_marks`)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql, params = _people_sql(), [group_pk, group_pk, group_pk, now]
    if also is not None:
        sql += f" UNION ALL SELECT 'also', CAST(({also[0]}) AS TEXT), '', '', '', '', '', ''"
        params += also[1]
    keys = {Group._meta.label: group_pk}
    if session is not None:
        keys[session._meta.label] = session.pk
    return marks_queries(sources, keys, rawsql.Query(sql, params, width=8, order=(1, 2)))


@cache
def _people_sql() -> str:
    quote = connection.ops.quote_name
    trainee, membership, user, invitation = (
        quote(model._meta.db_table) for model in (Trainee, Membership, User, Invitation)
    )
    return (
        "SELECT 'trainee', CAST(t.id AS TEXT), CAST(t.key AS TEXT), t.name, t.timezone,"
        f" CAST(t.is_active AS TEXT), t.email, t.pronouns FROM {trainee} t WHERE t.group_id = %s"
        " UNION ALL"
        " SELECT 'mentor', CAST(m.user_id AS TEXT), m.role, u.display_name, u.timezone,"
        f" CAST(m.joined_at AS TEXT), u.email, '' FROM {membership} m"
        f" JOIN {user} u ON u.id = m.user_id"
        " WHERE m.group_id = %s"
        " UNION ALL"
        " SELECT 'invited', CAST(i.id AS TEXT), i.email, CAST(i.expires_at AS TEXT), '', '', '', ''"
        f" FROM {invitation} i WHERE i.group_id = %s AND i.accepted_at IS NULL"
        " AND i.revoked_at IS NULL AND i.expires_at > %s"
    )
