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

# The backend that signs mentors in, named where code signs someone in by hand.
BACKEND = "mentorplan.accounts.signin.SignInBackend"

_SESSION_SQL = (
    f"SELECT session_data FROM {Session._meta.db_table} WHERE session_key = %s AND expire_date > %s"
)
_USER_SQL = f"SELECT * FROM {User._meta.db_table} WHERE {User._meta.pk.column} = %s"


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
    written-out query (a raw query still converts each column as the ORM does)."""

    def get_user(self, user_id: Any) -> User | None:
        user = next(iter(User.objects.raw(_USER_SQL, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None
