from pathlib import Path
from typing import Any

from mentorplan.records.backup import backup, database_kind
from mentorplan.records.management.base import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Write a backup of the whole database to FILE. Safe while Mentorplan is running. "
        "SQLite uses its online backup; PostgreSQL uses pg_dump, which must be installed in the "
        "same major version as the server. Bring it back with `mentorplan restore FILE`."
    )
    file_help = "where to write the backup; an existing file is replaced"

    def act(self, path: Path, options: dict[str, Any]) -> str:
        backup(path)
        return f"Backed up the {database_kind()} database to {path}."
