"""The one way into a trainee's room: the token in their link."""

from django.http import Http404, HttpRequest

from mentorplan.groups.models import Group, Trainee
from mentorplan.lib import rawsql
from mentorplan.room.models import TraineeLink, hash_token, looks_like_token


class LinkGone(Http404):
    """The link is unknown, revoked or malformed. Room views answer it with a friendly page and
    status 404 (see `mentorplan.room.views.room_view`), which says nothing about anybody."""


# The rule of a working link, written out for every read of a token (here and the page's poll,
# `mentorplan.room.live.read_state`): the link whose fingerprint the token has (`l`), not
# revoked, of a trainee (`t`) still on the course.
WORKING_LINK = "l.token_hash = %s AND l.revoked_at IS NULL AND t.is_active"

# Written out: every room view starts here, the trainee's page among them, and building it with
# the ORM took about as long as drawing that page. The active link with the token, if its
# trainee is still on the course; then the trainee's row and their group's.
_ROOM_SQL = (
    f"SELECT {rawsql.columns(TraineeLink, 'l')}, {rawsql.columns(Trainee, 't')},"
    f" {rawsql.columns(Group, 'g')}"
    f" FROM {TraineeLink._meta.db_table} l"
    f" JOIN {Trainee._meta.db_table} t ON t.id = l.trainee_id"
    f" JOIN {Group._meta.db_table} g ON g.id = t.group_id"
    f" WHERE {WORKING_LINK}"
)


def get_room(request: HttpRequest, token: str) -> tuple[TraineeLink, Trainee]:
    """The link and its trainee (with their group), or `LinkGone`. Every room view starts here,
    and reaches anything else only through the trainee it returns. A value that cannot be a
    token we made is refused before the database is asked."""
    row = rawsql.one(_ROOM_SQL, [hash_token(token)]) if looks_like_token(token) else None
    if row is None:
        raise LinkGone("This link does not work.")
    link_end = len(TraineeLink._meta.concrete_fields)
    trainee_end = link_end + len(Trainee._meta.concrete_fields)
    link = rawsql.instance(TraineeLink, row[:link_end])
    link.trainee = trainee = rawsql.instance(Trainee, row[link_end:trainee_end])
    trainee.group = rawsql.instance(Group, row[trainee_end:])
    return link, trainee
