"""Values for the few queries written out in SQL, sent as the ORM would send them, and rows read
back into model instances as the ORM would read them."""

from typing import TypeVar
from uuid import UUID

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def uuid_param(key: UUID) -> object:
    """A UUID as the database stores it (text on SQLite, uuid on PostgreSQL)."""
    return models.UUIDField().get_db_prep_value(key, connection)


def columns(model: type[models.Model], alias: str) -> str:
    """Every column of `model`'s rows, in the order `instance` reads them."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def instance(model: type[M], values: tuple[object, ...]) -> M:
    """A model instance from the values of `columns(model, …)`, each converted as the ORM
    converts it (SQLite hands back times and UUIDs as text, and booleans as numbers)."""
    fields = model._meta.concrete_fields
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)
