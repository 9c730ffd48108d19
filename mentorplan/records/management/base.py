"""What the `backup` and `restore` commands share: one backup FILE, and a backup that cannot be
made or read said as a command error, without a traceback."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorplan.records.backup import BackupError


class BackupFileCommand(BaseCommand):
    file_help = ""  # what FILE is, for --help

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=self.file_help)

    def handle(self, *args: object, **options: Any) -> None:
        path = Path(options["file"])
        try:
            done = self.act(path, options)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(done)

    def act(self, path: Path, options: dict[str, Any]) -> str:
        """Do the command's work with the backup at `path`; what to say once it is done."""
        raise NotImplementedError
