from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from mentorplan.records.backup import backup_kind, restore
from mentorplan.records.management.base import BackupFileCommand


class Command(BackupFileCommand):
    help = (
        "Replace everything in the database with a backup made by `mentorplan backup`. "
        "Asks you to type 'yes' first unless --yes is given; refuses a file that is not a "
        "Mentorplan backup, or one from the other kind of database."
    )
    file_help = "a backup written by `mentorplan backup`"

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def act(self, path: Path, options: dict[str, Any]) -> str:
        kind = backup_kind(path)
        if not options["yes"]:
            self.stdout.write(
                f"This replaces everything in the database with the {kind} backup in "
                f"{path}. Whatever changed since that backup is lost."
            )
            if input("Type 'yes' to restore it: ").strip().lower() != "yes":
                raise CommandError("Nothing was changed.")
        restore(path)
        return f"Restored the database from {path}."
