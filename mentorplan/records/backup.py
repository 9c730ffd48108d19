"""Backups of the whole database, and restoring one.

SQLite: the online backup API copies the database page by page while the server keeps running,
and copies a backup back the same way. PostgreSQL: its own tools, `pg_dump` in its custom format
and `pg_restore --clean --if-exists` in one transaction; the connection details go to them through
the environment (PGHOST, PGPASSWORD, ...), never on a command line where other users of the
machine could read them.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE, POSTGRESQL = "SQLite", "PostgreSQL"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_DUMP_MAGIC = b"PGDMP"
# A table every Mentorplan database has: a backup without it is some other program's data.
_MARKER_TABLE = "accounts_user"


class BackupError(Exception):
    """Something the person running the command can act on; nothing was changed."""


def database_kind(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return SQLITE
    if vendor == "postgresql":
        return POSTGRESQL
    raise BackupError(f"Backups work with SQLite and PostgreSQL, not {vendor}.")


def backup(path: Path, alias: str = "default") -> None:
    """Write a backup of the database to `path`."""
    if database_kind(alias) == SQLITE:
        _sqlite_backup(path, alias)
    else:
        _pg_run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path)],
            alias,
        )


def backup_kind(path: Path) -> str:
    """Which database a backup file is from; `BackupError` for a file that is no backup of ours."""
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from None
    if head == _SQLITE_MAGIC:
        with _read_only(path) as source:
            found = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [_MARKER_TABLE]
            ).fetchone()
        if found:
            return SQLITE
    elif head.startswith(_PG_DUMP_MAGIC):
        listing = subprocess.run(
            [_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True
        )
        if listing.returncode == 0 and f" {_MARKER_TABLE} " in listing.stdout:
            return POSTGRESQL
    raise BackupError(f"{path} is not a Mentorplan backup. Nothing was changed.")


def restore(path: Path, alias: str = "default") -> None:
    """Replace everything in the database with the backup in `path`."""
    kind, target = backup_kind(path), database_kind(alias)
    if kind != target:
        raise BackupError(
            f"{path} is a backup of a {kind} database, and this Mentorplan uses {target}. "
            "Nothing was changed."
        )
    if kind == SQLITE:
        _sqlite_restore(path, alias)
    else:
        _pg_run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                # libpq reads the real name, like everything else, from PGDATABASE.
                "postgresql://",
                str(path),
            ],
            alias,
        )
    connections[alias].close()


def _sqlite_connection(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def _sqlite_backup(path: Path, alias: str) -> None:
    target = sqlite3.connect(path)
    try:
        _sqlite_connection(alias).backup(target)
        # One self-contained file, without the -wal and -shm files of a live database.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def _sqlite_restore(path: Path, alias: str) -> None:
    with _read_only(path) as source:
        source.backup(_sqlite_connection(alias))


class _read_only:
    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.close()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL client tools of the same major "
            "version as the server (on Debian: apt-get install postgresql-client)."
        )
    return found


def _pg_environment(alias: str) -> dict[str, str]:
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    sslmode = settings.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_run(command: list[str], alias: str) -> None:
    result = subprocess.run(
        [_tool(command[0]), *command[1:]],
        env=_pg_environment(alias),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed:\n{result.stderr.strip()}")
