"""Django's PostgreSQL backend, reading times with psycopg's own loader.

Django reads every `timestamptz` through a loader written in Python (to give each time the zone
Django works in), which costs about fifteen times psycopg's compiled one: a group's page reads
thirty times or more. Django sets each connection's zone to UTC, and psycopg's loader then gives
each time in UTC already, so this backend lets psycopg's loader read them.
"""

from datetime import UTC
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from psycopg.abc import AdaptContext, Buffer
from psycopg.adapt import Loader
from psycopg.postgres import types
from psycopg.pq import Format

TIMESTAMPTZ = types["timestamptz"].oid
# psycopg's own loader: compiled when psycopg's binary package is installed (see pyproject.toml).
PSYCOPG_LOADER = psycopg.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)


class UtcTimes(Loader):
    """Each `timestamptz` as psycopg reads it, in the connection's zone: UTC. `timezone` says so
    to Django, which otherwise puts its own loader back on every cursor."""

    timezone = UTC

    def __init__(self, oid: int, context: AdaptContext | None = None) -> None:
        super().__init__(oid, context)
        assert PSYCOPG_LOADER is not None
        # The compiled loader cannot be subclassed; its `load` is called as it is.
        self.load = PSYCOPG_LOADER(oid, context).load  # type: ignore[method-assign]

    def load(self, data: Buffer) -> Any:  # replaced in __init__
        raise NotImplementedError


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if self.timezone == UTC:  # USE_TZ, as in the settings: Django sets the zone to UTC
            connection.adapters.register_loader(TIMESTAMPTZ, UtcTimes)
        return connection
