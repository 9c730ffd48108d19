import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.mark.skipif(connection.vendor != "sqlite", reason="WAL is SQLite's; PostgreSQL has none")
def test_sqlite_databases_use_write_ahead_logging(tmp_path, django_db_blocker):
    """Readers do not block the writer (and the other way round) with several server workers.

    The test database lives in memory, where WAL does not apply, so this opens a file database
    with the project's connection settings.
    """
    database = DatabaseWrapper({**settings.DATABASES["default"], "NAME": tmp_path / "wal.sqlite3"})
    try:
        with django_db_blocker.unblock(), database.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 5000
    finally:
        database.close()
