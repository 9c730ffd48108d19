"""Who is signed in, read with one written-out query.

Every signed-in page reads the session and then the mentor it signs in. Django's own code builds
an ORM query for each, which costs several times what running them does, and two questions
cost two trips to the database. Here the session's row names its mentor in a column of its own
(`SignInSession.user`), so one written-out query reads the session and the mentor's row
together. Everything else (decoding, the session's checks, who may sign in, the password check
that signs out other devices) is still Django's.

The session store hands the mentor's row to the sign-in backend for the same request only: a
new store (one per request) forgets what the previous one read, and the backend takes the row
only for the mentor the session names; otherwise it asks the database itself.
"""

from contextvars import ContextVar
from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from mentorplan.accounts.models import SignInSession, User
from mentorplan.lib import rawsql

# The backend that signs mentors in, named where code signs someone in by hand.
BACKEND = "mentorplan.accounts.signin.SignInBackend"

_SESSION_SQL = (
    f"SELECT s.session_data, {rawsql.columns(User, 'u')}"
    f" FROM {SignInSession._meta.db_table} s LEFT JOIN {User._meta.db_table} u ON u.id = s.user_id"
    " WHERE s.session_key = %s AND s.expire_date > %s"
)
_USER_SQL = (
    f"SELECT {rawsql.columns(User, 'u')} FROM {User._meta.db_table} u"
    f" WHERE u.{User._meta.pk.column} = %s"
)

# The mentor's row as this request's session read it (None: no row, or not read yet).
_read_with_session: ContextVar[User | None] = ContextVar("read_with_session", default=None)


class SessionStore(db.SessionStore):
    """Django's database sessions, each row naming its mentor, loaded with one query."""

    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        _read_with_session.set(None)  # nothing an earlier request read signs anyone in

    @classmethod
    def get_model_class(cls) -> type[SignInSession]:
        return SignInSession

    def create_model_instance(self, data: dict[str, Any]) -> SignInSession:
        session = cast(SignInSession, super().create_model_instance(data))
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session

    def _get_session_from_db(self) -> SignInSession | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        row = rawsql.one(_SESSION_SQL, [self.session_key, now])
        if row is None:
            self._session_key = None
            return None
        data, *user = row
        _read_with_session.set(rawsql.instance(User, user) if user[0] is not None else None)
        return SignInSession(session_data=data)  # all that loading a session reads


class SignInBackend(ModelBackend):
    """Django's sign-in by e-mail address and password. The signed-in mentor comes with the
    session when the session names them, or else with one written-out query."""

    def get_user(self, user_id: Any) -> User | None:
        user = _read_with_session.get()
        if user is None or str(user.pk) != str(user_id):
            row = rawsql.one(_USER_SQL, [user_id])
            user = rawsql.instance(User, row) if row else None
        return user if user is not None and self.user_can_authenticate(user) else None
