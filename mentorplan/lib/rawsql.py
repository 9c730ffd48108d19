"""Values for the few queries written out in SQL, sent as the ORM would send them, and rows read
back into model instances as the ORM would read them."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Query:
    """A written-out query to ask alone (`ask`) or in one trip with others (`together`): its SQL
    (with no ORDER BY of its own), its values, how many columns its rows have, and the columns
    (counted from 1) its rows come in the order of."""

    sql: str
    params: Sequence[Any]
    width: int
    order: tuple[int, ...] = ()


def ask(query: Query) -> list[tuple[Any, ...]]:
    """The rows of `query`, in its order."""
    order = ", ".join(map(str, query.order))
    return rows(f"{query.sql} ORDER BY {order}" if order else query.sql, query.params)


def together(*queries: Query) -> list[list[tuple[Any, ...]]]:
    """The rows of each query, in its order, all asked in one trip to the database: a page that
    asks a few small questions pays more for each trip (the driver's work, a wait on each side)
    than for the answers. The queries sit side by side, each row of one with nulls in the
    others' columns and a mark of its own in front."""
    if len(queries) == 1:
        return [ask(queries[0])]
    starts = [sum(1 + query.width for query in queries[:number]) for number in range(len(queries))]
    sides = list(zip(queries, starts, strict=True))
    combine = _union if connection.vendor == "sqlite" else _full_join
    order = ", ".join(str(start + 1 + column) for query, start in sides for column in query.order)
    sql = f"{combine(sides)} ORDER BY {order}" if order else combine(sides)
    found = rows(sql, [value for query in queries for value in query.params])
    if found and len(found[0]) != starts[-1] + 1 + queries[-1].width:
        raise ValueError("A query's width is not the number of its columns.")
    answers: list[list[tuple[Any, ...]]] = [[] for _ in queries]
    for row in found:
        number = next(number for number, start in enumerate(starts) if row[start] is not None)
        start = starts[number] + 1
        answers[number].append(tuple(row[start : start + queries[number].width]))
    return answers


def _full_join(sides: list[tuple[Query, int]]) -> str:
    """Side by side as PostgreSQL keeps each column's type: a full join on a condition never
    true gives each query's rows with nulls for the others' columns. (In a UNION, a column of
    nulls in two queries would become text.)"""
    parts = [f"(SELECT 1, q.* FROM ({query.sql}) q) p{start}" for query, start in sides]
    return f"SELECT * FROM {parts[0]}" + "".join(
        f" FULL JOIN {part} ON 1 = 0" for part in parts[1:]
    )


def _union(sides: list[tuple[Query, int]]) -> str:
    """Side by side as SQLite, whose columns have no fixed type, does it in any version: one
    SELECT per query, with nulls in the others' columns."""
    last, start = sides[-1]
    width = start + 1 + last.width
    selects = []
    for query, start in sides:
        after = width - start - 1 - query.width
        columns = ", ".join(["NULL"] * start + ["1", "q.*"] + ["NULL"] * after)
        selects.append(f"SELECT {columns} FROM ({query.sql}) q")
    return " UNION ALL ".join(selects)


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
