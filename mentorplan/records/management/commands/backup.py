from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorplan.records.backup import BackupError, backup, database_kind


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database to FILE. Safe while Mentorplan is running. "
        "SQLite uses its online backup; PostgreSQL uses pg_dump, which must be installed in the "
        "same major version as the server. Bring it back with `mentorplan restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="where to write the backup; an existing file is replaced")

    def handle(self, *args: object, **options: Any) -> None:
        path = Path(options["file"])
        try:
            backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up the {database_kind()} database to {path}.")
