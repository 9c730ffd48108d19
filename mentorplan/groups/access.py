"""The one way into a group's data: through the requesting mentor's memberships.

Anything outside the mentor's groups is a 404, whether it exists or not.
"""

import uuid

from django.http import Http404

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.models import Group, Membership, Role, Trainee
from mentorplan.lib import rawsql

# Written out: every page of a group asks it, and building it with the ORM cost more than
# running it. The membership's own columns come as extra columns of the group's row.
_GROUP_SQL = (
    f"SELECT {rawsql.columns(Group, 'g')}, m.{Membership._meta.pk.column}, m.role"
    f" FROM {Group._meta.db_table} g JOIN {Membership._meta.db_table} m ON m.group_id = g.id"
    " WHERE g.key = %s AND m.user_id = %s"
)


def _as_uuid(key: object) -> uuid.UUID:
    try:
        return key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
    except ValueError:
        raise Http404("No such page.") from None


def get_group(
    request: MentorRequest, key: object, *, lead: bool = False
) -> tuple[Group, Membership]:
    """The group with this key and the requesting mentor's membership of it, or 404."""
    row = rawsql.one(_GROUP_SQL, [rawsql.uuid_param(_as_uuid(key)), request.user.pk])
    if row is None:
        raise Http404("No such group.")
    *columns, membership_pk, role = row
    if lead and role != Role.LEAD:
        raise Http404("No such group.")
    group = rawsql.instance(Group, columns)
    fields = ["id", "group_id", "user_id", "role"]
    values = [membership_pk, group.pk, request.user.pk, role]
    membership = Membership.from_db(group._state.db, fields, values)  # the rest loads if asked
    membership.group = group
    return group, membership


def get_trainee(request: MentorRequest, key: object) -> Trainee:
    trainee = (
        Trainee.objects.for_user(request.user)
        .select_related("group")
        .filter(key=_as_uuid(key))
        .first()
    )
    if trainee is None:
        raise Http404("No such trainee.")
    return trainee


def groups_for(request: MentorRequest):
    return Group.objects.for_user(request.user)
