from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorplan.records.backup import BackupError, backup_kind, restore


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a backup made by `mentorplan backup`. "
        "Asks you to type 'yes' first unless --yes is given; refuses a file that is not a "
        "Mentorplan backup, or one from the other kind of database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a backup written by `mentorplan backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, **options: Any) -> None:
        path = Path(options["file"])
        try:
            kind = backup_kind(path)
            if not options["yes"]:
                self.stdout.write(
                    f"This replaces everything in the database with the {kind} backup in "
                    f"{path}. Whatever changed since that backup is lost."
                )
                if input("Type 'yes' to restore it: ").strip().lower() != "yes":
                    raise CommandError("Nothing was changed.")
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database from {path}.")
