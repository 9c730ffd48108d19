"""Who is signed in, read with queries written out in SQL.

Every signed-in page reads the session and then the user. Django's own code builds an ORM query
for each, which costs several times what running it does; these two classes run the same
queries, written out, and leave everything else (decoding, the session's checks, who may sign
in) to Django.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.lib import rawsql

# The backend that signs mentors in, named where code signs someone in by hand.
BACKEND = "mentorplan.accounts.signin.SignInBackend"

_SESSION_SQL = (
    f"SELECT session_data FROM {Session._meta.db_table} WHERE session_key = %s AND expire_date > %s"
)
_USER_SQL = (
    f"SELECT {rawsql.columns(User, 'u')} FROM {User._meta.db_table} u"
    f" WHERE u.{User._meta.pk.column} = %s"
)


class SessionStore(db.SessionStore):
    """Django's database sessions, loaded with one written-out query."""

    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_SESSION_SQL, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_data=row[0])  # all that loading a session reads


class SignInBackend(ModelBackend):
    """Django's sign-in by e-mail address and password, loading a signed-in mentor with one
    written-out query (each column converted as the ORM converts it)."""

    def get_user(self, user_id: Any) -> User | None:
        row = rawsql.one(_USER_SQL, [user_id])
        user = rawsql.instance(User, row) if row else None
        return user if user is not None and self.user_can_authenticate(user) else None
