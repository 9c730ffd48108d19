"""Every form, posted random and hostile values: very long strings, control characters (NUL
too), dates at the ends of the calendar, numbers too big for any column, lists where one value
is expected, missing fields. No answer is a server error, and input that is refused changes
nothing in the database.

Each view gets the valid form data of the access walk (mentorplan/tests/test_access.py), with
any field replaced, repeated or left out, so that hostile values reach the code behind the first
check too. Every example runs in a transaction that is rolled back, so examples do not meet.
"""

import re
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mentorplan.tests.test_access import ACCESS_TABLE, _post_data, _url_names, world

EXAMPLES = 25
# Views with no object in the URL that take a POST; the others are in the access walk's table.
WITHOUT_OBJECT = sorted(
    name
    for name, captures in _url_names(get_resolver())
    if not captures and not name.startswith("<no name")
)
VIEWS = sorted(ACCESS_TABLE) + WITHOUT_OBJECT

EDGE_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "0000-00-00",
    "2030-02-30",
    "23:59:60",
    "24:00",
    "-1",
    "1e309",
    "NaN",
    "9" * 30,
    "-" + "9" * 30,
    "t:",
    "m:",
    "m:" + "9" * 30,
    "t:not-a-key",
    "00000000-0000-0000-0000-000000000000",
    "true",
    "null",
    "[]",
]

hostile = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=10),
    st.builds(
        lambda char, n: char * n,
        st.sampled_from(["a", "\x00", "é", "🙂", "\u202e", "\n"]),
        st.integers(min_value=300, max_value=25_000),
    ),
    st.sampled_from(EDGE_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=date.min, max_value=date.max).map(date.isoformat),
    st.times().map(lambda t: t.isoformat()),
)


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
CLOCK = re.compile(r"\d{2}:\d{2}")
edge_days = st.sampled_from(["9999-12-31", "0001-01-01"])
days = st.one_of(edge_days, st.dates(min_value=date.min, max_value=date.max).map(date.isoformat))
numbers = st.one_of(st.sampled_from(["-1", "9" * 30]), st.integers(-(2**70), 2**70).map(str))


def _like(value: str) -> st.SearchStrategy[str]:
    """Hostile values of the kind a field expects: dates for a date, numbers for a number."""
    if DAY.fullmatch(value):
        return days
    if CLOCK.fullmatch(value):
        return st.sampled_from(["23:30", "00:30", "23:59", "24:00"])
    if value.isdigit():
        return numbers
    return hostile


def payloads(base: dict[str, str]) -> st.SearchStrategy[dict[str, object]]:
    """The valid data with any field kept, replaced, repeated or missing, plus stray fields."""
    value = {
        key: st.one_of(st.just(v), _like(v), hostile, st.lists(hostile, min_size=2, max_size=3))
        for key, v in base.items()
    }
    chosen = st.fixed_dictionaries({}, optional=value)
    stray = st.dictionaries(st.text(min_size=1, max_size=12), hostile, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, chosen, stray)


def edges(base: dict[str, str]) -> list[dict[str, object]]:
    """A few payloads tried for every view: every date at one end of the calendar (with a time
    that crosses midnight in most zones), every text with a NUL or far too long, every number
    too big, every field repeated, and nothing at all."""

    def each(change) -> dict[str, object]:  # noqa: ANN001
        return {key: change(value) for key, value in base.items()}

    def at(day: str, clock: str):  # noqa: ANN202
        return lambda v: day if DAY.fullmatch(v) else clock if CLOCK.fullmatch(v) else v

    return [
        each(at("9999-12-31", "23:30")),
        each(at("0001-01-01", "00:30")),
        each(lambda v: v if DAY.fullmatch(v) or v.isdigit() else f"{v}\x00"),
        each(lambda v: v if DAY.fullmatch(v) or v.isdigit() else v * 3000),
        each(lambda v: "9" * 30 if v.isdigit() else v),
        each(lambda v: [v, "other"]),
        {},
    ]


def _rows() -> dict[str, int]:
    """The number of rows of every Mentorplan model, in one query."""
    models = [m for m in apps.get_models() if m.__module__.startswith("mentorplan.")]
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # noqa: S608  table names from the models
        row = cursor.fetchone()
    return {m._meta.label: n for m, n in zip(models, row, strict=True)}


ERROR_MARKS = ('class="error"', "field-error", "message-error")


def _says_error(content: bytes) -> bool:
    text = content.decode(errors="replace")
    return any(mark in text for mark in ERROR_MARKS)


def _refused(client: Client, response: Any) -> bool:
    """Whether the answer says the input was not taken: an error status, a page with an error
    next to a field or at the top, or a redirect to one."""
    if response.status_code >= 400:
        return True
    if response.status_code == 200:
        return not response.streaming and _says_error(response.content)
    if response.status_code in {301, 302, 303} and response["Location"].startswith("/"):
        return _says_error(client.get(response["Location"]).content)
    return False


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", VIEWS)
def test_hostile_input_never_breaks_a_form_or_half_saves(client, url_name):
    w = world()
    url = reverse(url_name, kwargs=ACCESS_TABLE[url_name](w) if url_name in ACCESS_TABLE else {})
    client.force_login(w.mentor_a)
    if client.post(url).status_code == 405:
        pytest.skip("takes no POST")

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=payloads(_post_data(w)))
    def post(data: dict[str, object]) -> None:
        with transaction.atomic():
            client = Client()  # no cookies, and no messages, left by the example before
            client.force_login(w.mentor_a)
            before = _rows()
            response = client.post(url, data)
            assert response.status_code < 500
            # Rows changed: then the answer must not say the input was refused.
            if _rows() != before:
                assert not _refused(client, response), f"{url} refused {data!r} but saved some"
            transaction.set_rollback(True)

    for payload in edges(_post_data(w)):
        post = example(data=payload)(post)
    post()
