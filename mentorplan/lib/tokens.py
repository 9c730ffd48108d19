"""Finding a row by the secret token in a link (a calendar address, an invitation)."""

import re
from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

# What `secrets.token_urlsafe` makes: URL-safe base64, no longer than a token column holds.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def by_token(rows: QuerySet[M], token: str, field: str = "token") -> QuerySet[M]:
    """The rows whose `field` is `token`. A value no token can be (a NUL, other characters, too
    long) finds nothing without asking the database, which may refuse such a value outright."""
    if not TOKEN.fullmatch(token):
        return rows.none()
    return rows.filter(**{field: token})
