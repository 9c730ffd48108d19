"""On PostgreSQL, times are read by psycopg's own loader rather than Django's, which is written in
Python and costs about fifteen times as much: they are the same instants, in UTC, that Django's
loader gives, across zones and clock changes."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from mentorplan.calls.models import Call
from mentorplan.lib.postgresql.base import PSYCOPG_LOADER, TIMESTAMPTZ, UtcTimes
from mentorplan.testing import make_call

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="how PostgreSQL's times are read"),
]

INSTANTS = [
    "2026-03-29 00:59:59.999999+00",  # the last moment before London's clocks go forward
    "2026-03-29 02:30:00+01",  # London, just after
    "2026-04-05 02:30:00+13",  # Auckland, as its clocks go back
    "2026-10-25 01:30:00-03",  # São Paulo
    "2026-12-04 21:00:00.5+01",  # Lagos, half a second past
    "1900-01-01 00:00:00+00:19:32",  # an old local time, offset in seconds
    "0001-01-01 00:00:00+00",
    "9999-12-31 23:59:59.999999+00",
]
READ = "SELECT " + ", ".join(["%s::timestamptz"] * len(INSTANTS))


def test_times_are_the_instants_django_s_loader_reads_in_utc():
    with connection.cursor() as cursor:
        cursor.execute(READ, INSTANTS)
        read = cursor.fetchone()
    with connection.cursor() as cursor:
        register_tzloader(UTC, cursor.cursor)  # Django's own loader, on this cursor only
        cursor.execute(READ, INSTANTS)
        by_django = cursor.fetchone()

    assert read == by_django
    assert all(time.tzinfo is UTC for time in read)


def test_a_session_s_time_comes_back_as_it_was_saved(group):
    # Half past two in Auckland, the first time round as its clocks go back (fold 0: NZDT).
    auckland = datetime(2026, 4, 5, 2, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    call = make_call(group, scheduled_at=auckland)

    read = Call.objects.get(pk=call.pk).scheduled_at

    assert read == auckland.astimezone(UTC) == datetime(2026, 4, 4, 13, 30, tzinfo=UTC)
    assert read.tzinfo is UTC


def test_psycopg_s_compiled_loader_reads_them():
    connection.ensure_connection()

    assert connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT) is UtcTimes
    # Compiled: psycopg's binary package (psycopg_binary), not its pure Python code.
    assert PSYCOPG_LOADER is not None and PSYCOPG_LOADER.__module__.startswith("psycopg_")
