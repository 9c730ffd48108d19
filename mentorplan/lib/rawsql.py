"""Values for the few queries written out in SQL, sent as the ORM would send them, and rows read
back into model instances as the ORM would read them."""

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, TypeVar
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)
Converter = Callable[[Any, Any, Any], Any]


_UUID: "models.UUIDField[UUID, UUID]" = models.UUIDField()


def uuid_param(key: UUID) -> object:
    """A UUID as the database stores it (text on SQLite, uuid on PostgreSQL)."""
    return _UUID.get_db_prep_value(key, connection)


def one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """The first row of a written-out query, if any."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Every row of a written-out query."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fields(model: type[models.Model], names: Sequence[str] | None) -> list[models.Field]:
    """The fields named (all if None) in the model's own order, the order `from_db` reads."""
    fields = model._meta.concrete_fields
    if names is None:
        return list(fields)
    chosen = {model._meta.get_field(name) for name in names}
    return [field for field in fields if field in chosen]


def columns(model: type[models.Model], alias: str, names: Sequence[str] | None = None) -> str:
    """The columns of `model`'s rows (all, or the fields `names`), in the model's order, which
    is the order `instance` reads them in."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in _fields(model, names))


def instance(model: type[M], values: Sequence[object], names: Sequence[str] | None = None) -> M:
    """A model instance from the values of `columns(model, …, names)`, each converted as the ORM
    converts it (SQLite hands back times and UUIDs as text, and booleans as numbers). Fields
    not read load from the database if asked for, as with `only()`."""
    database = connections[DEFAULT_DB_ALIAS]  # the connection itself, not a proxy to it
    attnames, per_field = _reading(model, tuple(names) if names else None, database)
    converted = []
    for (column, converters), value in zip(per_field, values, strict=True):
        for convert in converters:
            value = convert(value, column, database)
        converted.append(value)
    return model.from_db(database.alias, attnames, converted)


@lru_cache(maxsize=256)
def _reading(
    model: type[models.Model], names: tuple[str, ...] | None, database: BaseDatabaseWrapper
) -> tuple[list[str], list[tuple[Any, list[Converter]]]]:
    """Each field's attribute name, column and converters: worked out once per connection
    (converters belong to the database they read from)."""
    fields = _fields(model, names)
    per_field = []
    for field in fields:
        column = field.get_col(model._meta.db_table)
        converters = database.ops.get_db_converters(column) + column.get_db_converters(database)
        per_field.append((column, converters))
    return [field.attname for field in fields], per_field
