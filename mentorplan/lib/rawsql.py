"""Values for the few queries written out in SQL, sent as the ORM would send them."""

from uuid import UUID

from django.db import connection, models


def uuid_param(key: UUID) -> object:
    """A UUID as the database stores it (text on SQLite, uuid on PostgreSQL)."""
    return models.UUIDField().get_db_prep_value(key, connection)
