"""A group's people as kept pages show them, read in one query for a cache key (see
`mentorplan.lib.fragments`): its trainees, its mentors, and the mentors invited who have not
joined yet."""

from functools import cache

from django.db import connection
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.groups.models import Invitation, Membership, Trainee


def people(group_pk: int) -> tuple[tuple[str, ...], ...]:
    """A group's trainees and mentors as pages show them (names, addresses, zones, roles, who is
    still in the group) and its invitations still open, in one query: rows this few are part of
    a key as they are."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_people_sql(), [group_pk, group_pk, group_pk, now])
        return tuple(tuple(row) for row in cursor.fetchall())


@cache
def _people_sql() -> str:
    quote = connection.ops.quote_name
    trainee, membership, user, invitation = (
        quote(model._meta.db_table) for model in (Trainee, Membership, User, Invitation)
    )
    return (
        "SELECT 'trainee', CAST(t.id AS TEXT), CAST(t.key AS TEXT), t.name, t.timezone,"
        f" CAST(t.is_active AS TEXT), t.email FROM {trainee} t WHERE t.group_id = %s"
        " UNION ALL"
        " SELECT 'mentor', CAST(m.user_id AS TEXT), m.role, u.display_name, u.timezone,"
        f" CAST(m.joined_at AS TEXT), u.email FROM {membership} m JOIN {user} u ON u.id = m.user_id"
        " WHERE m.group_id = %s"
        " UNION ALL"
        " SELECT 'invited', CAST(i.id AS TEXT), i.email, CAST(i.expires_at AS TEXT), '', '', ''"
        f" FROM {invitation} i WHERE i.group_id = %s AND i.accepted_at IS NULL"
        " AND i.revoked_at IS NULL AND i.expires_at > %s"
        " ORDER BY 1, 2"
    )
