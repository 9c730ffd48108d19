"""The one way to a session: through the requesting mentor's groups. Every app's views use it."""

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Membership, Trainee
from mentorplan.lib import rawsql

# Written out: every page and tool of a session asks it, and building it with the ORM cost about
# as much as drawing the rest of a kept page. The session's row, then its group's.
_CALL_SQL = (
    f"SELECT {rawsql.columns(Call, 'c')}, {rawsql.columns(Group, 'g')}"
    f" FROM {Call._meta.db_table} c JOIN {Group._meta.db_table} g ON g.id = c.group_id"
    " WHERE c.key = %s AND EXISTS (SELECT 1"
    f" FROM {Membership._meta.db_table} m WHERE m.group_id = c.group_id AND m.user_id = %s)"
)


def get_call(request: MentorRequest, key: "UUID | str", *, lock: bool = False) -> Call:
    """A session of one of the mentor's groups, or 404 whether or not it exists."""
    try:
        params: list[Any] = [
            rawsql.uuid_param(key if isinstance(key, UUID) else UUID(str(key))),
            request.user.pk,
        ]
    except ValueError:
        raise Http404("No such session.") from None
    # Only the session's row is locked, as select_for_update(of=("self",)) would; SQLite has no
    # row locks (a write there takes the whole database, see the settings).
    lock_sql = " FOR UPDATE OF c" if lock and connection.features.has_select_for_update_of else ""
    row = rawsql.one(_CALL_SQL + lock_sql, params)
    if row is None:
        raise Http404("No such session.")
    split = len(Call._meta.concrete_fields)
    call = rawsql.instance(Call, row[:split])
    call.group = rawsql.instance(Group, row[split:])
    return call


def get_trainee_of(call: Call, key: "UUID | str") -> Trainee:
    """A trainee of the session's group, or 404: keys of other groups' trainees get nowhere."""
    try:
        return call.group.trainees.get(key=key)
    except (Trainee.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such trainee in this group.") from None
