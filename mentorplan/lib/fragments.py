"""Parts of pages kept rendered, so that a page shown again and again is not drawn again until
what it shows has changed.

A part is kept in Django's cache under a key made of everything it is drawn from, read from the
database on every request: the rows themselves when they are few (a group's trainees), or marks
that move whenever one of many rows changes (see `Rows`). A change anywhere, through any app
server, gives a new key, so no server can serve an old copy; old copies simply age out. Parts are
kept compressed (to a fifth or less), so that each process can keep those of a busy evening
(`KEPT_PARTS` in the settings); zlib-ng packs them in zlib's format and unpacks them in half the
time zlib takes. Parts are drawn without the request: what they need of the reader (their zone,
their role) is part of the key, and the CSRF token, which is the reader's own, goes into forms as
each page is sent. So does what changes too often to keep (a clock's seconds): a part drawn with
a `hole` in its place gets the value as it is sent.
"""

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from django.apps import apps
from django.contrib.messages import get_messages
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache as django_cache
from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from zlib_ng import zlib_ng

from mentorplan.lib import rawsql

# What `{% csrf_token %}` writes into a kept part; each page gets the reader's token in its place.
CSRF_MARK = "csrf-token-of-the-reader"
KEPT_FOR = 24 * 60 * 60  # seconds; a part nobody asked for in a day goes
# A comment, which nothing people type can become once a template has escaped it.
HOLE = re.compile(r"<!--hole:(\w+)-->")


def hole(name: str) -> SafeString:
    """What a kept part is drawn with in the place of the value `name`, filled in as it is sent."""
    return mark_safe(f"<!--hole:{name}-->")


def kept(
    request: HttpRequest,
    name: str,
    made_of: object,
    draw: Callable[[], str],
    fill: Mapping[str, str] | None = None,
) -> SafeString:
    """The part `name` drawn from `made_of` (anything with a stable `repr`): kept, or drawn by
    `draw()` (with `csrf_token=CSRF_MARK` in its context) and kept. Each `hole(name)` it was
    drawn with gets `fill[name]`, escaped unless it is safe (HTML already drawn), in one pass:
    nothing filled in is read for holes again."""
    key = key_of(name, made_of)
    packed = django_cache.get(key)
    if packed is None:
        html = str(draw())
        django_cache.set(key, zlib_ng.compress(html.encode()), KEPT_FOR)
    else:
        html = zlib_ng.decompress(packed).decode()
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, _token_of(request))
    if fill is not None:
        html = HOLE.sub(lambda found: conditional_escape(fill[found[1]]), html)
    return mark_safe(html)  # drawn from templates, which escaped what people typed


def kept_template(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    made_of: object,
    holes: Mapping[str, object],
    fill: Mapping[str, str],
) -> SafeString:
    """`template` drawn with `context` and kept for the request's reader under `made_of`,
    everything it shows but the values in `holes`: it is drawn with `holes` (each a `hole`, or a
    list or dict of them) in their place and gets `fill` as it is sent. A page with a message to
    show once is drawn afresh, so that the message shows exactly once."""
    if get_messages(request):
        return mark_safe(render_to_string(template, context, request))

    def draw() -> str:
        return render_to_string(template, {**context, **holes, "csrf_token": CSRF_MARK}, request)

    user = getattr(request, "user", None)
    reader = user.pk if user else None
    return kept(request, f"page:{template}", (reader, made_of), draw, fill)


def kept_page(
    request: HttpRequest, template: str, context: dict[str, Any], part: str, made_of: object
) -> HttpResponse:
    """The page `template`, the site's frame around one part (`context[part]`, drawn or kept
    already), kept drawn with a hole for that part: drawing the frame (its head, header and
    footer) would cost more than the kept part itself. `made_of` is what else the page shows (a
    group's name in its title)."""
    holes, fill = {part: hole(part)}, {part: context[part]}
    return HttpResponse(kept_template(request, template, context, made_of, holes, fill))


def _token_of(request: HttpRequest) -> str:
    """The reader's CSRF token for every kept part of the page: masked once per request (and
    again if the secret behind it changes, as at sign-in), as a template masks it once for all
    its forms; masking costs more than the rest of serving a kept part."""
    secret = request.META.get("CSRF_COOKIE")
    masked: tuple[str, str] | None = getattr(request, "_kept_csrf_token", None)
    if secret is None or masked is None or masked[0] != secret:
        token = get_token(request)
        masked = (request.META["CSRF_COOKIE"], token)
        request._kept_csrf_token = masked  # type: ignore[attr-defined]
    return masked[1]


def csrf_token(request: HttpRequest) -> dict[str, object]:
    """Templates' `csrf_token` (a context processor, in place of Django's own): the token kept
    parts get, so that a page masks the reader's token once, whatever parts it is made of."""
    return {"csrf_token": SimpleLazyObject(lambda: _token_of(request))}


def key_of(name: str, made_of: object) -> str:
    """The cache key of the part `name` drawn from `made_of`, and from the static files as they
    are: a part names scripts and stylesheets by the hashed names in their manifest, so a part
    kept before the static files changed (a new release) is never sent after it."""
    static = getattr(staticfiles_storage, "manifest_hash", "")
    return f"part:{name}:{static}:{hashlib.sha256(repr(made_of).encode()).hexdigest()}"


@dataclass(frozen=True)
class Rows:
    """Rows a part is drawn from: those of `model` ("app.Model") whose chain of foreign keys
    `path` ("call__group", "call") leads to the row the part is about (a group, or one of its
    sessions when the part shows that session's rows only), or all of them without a path (a
    catalogue the admin keeps, a list every group shares). Their count and highest key move
    when one is added or removed, the sum of their `version` (if they have one) when one is saved
    through it (or through a counter named in `sums`), and the latest of each column in `times`
    (change times) when one is edited."""

    model: str
    path: str = ""
    times: tuple[str, ...] = ()
    sums: tuple[str, ...] = ()


def marks_queries(
    sources: Sequence[Rows], keys: Mapping[str, int], beside: rawsql.Query
) -> list[rawsql.Query]:
    """The queries that give the marks of every source's rows that lead to the row `keys` gives
    for the model their path ends at (`{"groups.Group": 7, "calls.Call": 40}`; a source whose
    app is not installed has none), and the rows of `beside`: to ask in one trip to the database
    (see `rawsql.together`), with other queries or without, and to read with `read_marks`."""
    sql, keyed, width = _marks_sql(tuple(sources))
    if not sql:
        return [beside]
    return [rawsql.Query(sql, [keys[label] for label in keyed], width), beside]


def read_marks(
    answers: Sequence[Sequence[tuple[Any, ...]]],
) -> tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...]]:
    """The marks and the other query's rows from the answers to `marks_queries`."""
    if len(answers) == 1:
        return (), tuple(answers[0])
    found, beside = answers
    return found[0], tuple(beside)


@cache
def _marks_sql(sources: tuple[Rows, ...]) -> tuple[str, tuple[str, ...], int]:
    """The SELECT of the marks, written once per process: each source's rows read once, by a
    subquery giving all its marks in one row, and those rows side by side. With it, the model
    whose key each subquery that takes one takes, in order, and how many marks."""
    parts: list[str] = []
    keyed: list[str] = []
    width = 0
    for source in sources:
        try:
            model = apps.get_model(source.model)
        except LookupError:
            continue
        table, where, leads_to = _rows_of(model, source.path)
        sums = list(source.sums)
        if any(f.name == "version" for f in model._meta.fields):
            sums.append("version")
        aggregates = ["COUNT(*)", f"MAX(t0.{_column(model, model._meta.pk.name)})"]
        aggregates += [f"SUM(t0.{_column(model, name)})" for name in sums]
        aggregates += [f"MAX(t0.{_column(model, name)})" for name in source.times]
        parts.append(f"(SELECT {', '.join(aggregates)} FROM {table}{where}) s{len(parts)}")
        if leads_to:
            keyed.append(leads_to)
        width += len(aggregates)
    if not parts:
        return "", (), 0
    return "SELECT * FROM " + " CROSS JOIN ".join(parts), tuple(keyed), width


def _rows_of(model: type[models.Model], path: str) -> tuple[str, str, str]:
    """FROM and WHERE of `model`'s rows whose foreign keys along `path` reach a given key, and
    the model ("app.Model") that key is of (no WHERE and no model without a path: every row)."""
    quote = connection.ops.quote_name
    table = f"{quote(model._meta.db_table)} t0"
    if not path:
        return table, "", ""
    *steps, last = path.split("__")
    current, alias = model, "t0"
    for number, name in enumerate(steps, start=1):
        field = current._meta.get_field(name)
        assert isinstance(field, models.ForeignKey)
        linked = cast(type[models.Model], field.related_model)
        table += (
            f" JOIN {quote(linked._meta.db_table)} t{number}"
            f" ON t{number}.{quote(linked._meta.pk.column)} = {alias}.{quote(field.column)}"
        )
        current, alias = linked, f"t{number}"
    key = current._meta.get_field(last)
    assert isinstance(key, models.ForeignKey)
    leads_to = cast(type[models.Model], key.related_model)._meta.label
    return table, f" WHERE {alias}.{_column(current, last)} = %s", leads_to


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(field.column)
