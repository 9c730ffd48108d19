"""The live-state poll, which every open screen of a live session sends every few seconds.

It is the request the server answers most, so it skips the sign-in: the page that starts the
polling (reached through the mentor's groups, like every page) puts a signed pass in the poll's
address naming the mentor and the session. One query then reads the session's versions and, in
the same query, checks that the mentor still mentors its group, so a mentor who leaves or is
removed stops getting answers at once. The pass shows only version numbers and the state; it
expires, and a poll without a valid pass falls back to the sign-in.
"""

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpRequest

from mentorplan.calls.models import Call, Status
from mentorplan.groups.models import Membership
from mentorplan.lib import rawsql
from mentorplan.lib.addresses import reverse

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

SALT = "mentorplan.calls.state"
PASS_SECONDS = 12 * 60 * 60  # longer than any session; a page left open longer signs in again


@dataclass(frozen=True)
class State:
    """What the poll answers with: the session's versions and its status."""

    pk: int
    version: int
    room_version: int
    status: Status


def _signer(key: "UUID | str") -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"{SALT}:{key}")


def state_url(user: "User", call: Call) -> str:
    """The address a screen of `call` polls, with `user`'s pass. Written out once a minute for
    each reader and session: signing costs more than the rest of the runner's clock, which asks
    for it on every draw, and a pass signed up to a minute earlier expires that much sooner."""
    return _state_url(user.pk, call.key, int(time.time()) // 60)


@lru_cache(maxsize=1024)
def _state_url(user_pk: int, key: UUID, minute: int) -> str:
    signed = _signer(key).sign(str(user_pk))
    return f"{reverse('calls:state', args=[key])}?{urlencode({'pass': signed})}"


def mentor_of_pass(request: HttpRequest, key: UUID) -> int | None:
    """The mentor the request's pass names for session `key`, if the pass is good."""
    try:
        return int(_signer(key).unsign(request.GET.get("pass", ""), max_age=PASS_SECONDS))
    except (signing.BadSignature, ValueError):
        return None


def state_of(key: UUID, mentor_id: int) -> State | None:
    """The state of session `key` if `mentor_id` (an active account) mentors its group: one
    query, written out because building it with the ORM costs more than the poll's whole
    answer. The status needs only to know which moments are set, so nothing is converted."""
    row = rawsql.one(STATE_OF, [rawsql.uuid_param(key), mentor_id])
    if row is None:
        return None
    pk, version, room_version, *moments = row
    return State(pk, version, room_version, Call.status_of(*moments))


def _sql() -> str:
    call, membership, user = (
        model._meta.db_table for model in (Call, Membership, get_user_model())
    )
    return (
        "SELECT c.id, c.version, c.room_version,"
        " c.started_at, c.paused_at, c.ended_at, c.cancelled_at"
        f" FROM {call} c"
        f" JOIN {membership} m ON m.group_id = c.group_id"
        f" JOIN {user} u ON u.id = m.user_id"
        " WHERE c.key = %s AND m.user_id = %s AND u.is_active"
    )


STATE_OF = _sql()
