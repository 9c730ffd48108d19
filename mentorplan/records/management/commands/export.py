import sys
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string

from mentorplan.groups.models import Group, Trainee
from mentorplan.records.export import group_archive, group_data, to_json, trainee_data


class Command(BaseCommand):
    help = (
        "Export a group (--group KEY) or one trainee (--trainee KEY), for the course team. A "
        "group is a zip file with group.json and each session as Markdown (--format json gives "
        "the JSON alone); a trainee is JSON (--format html gives a page to read). Written to "
        "--output FILE, or to standard output. Private notes are never exported from the command "
        "line: they belong to the mentor who wrote them, who can export them on the website. "
        "Keys are on the group's and the trainee's pages (the long id in the address)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--group", metavar="KEY", help="the group's key")
        which.add_argument("--trainee", metavar="KEY", help="the trainee's key")
        parser.add_argument(
            "--format",
            choices=["zip", "json", "html"],
            help="zip or json for a group (zip by default), json or html for a trainee (json "
            "by default)",
        )
        parser.add_argument("--output", "-o", metavar="FILE", help="write here, not to stdout")

    def handle(self, *args: object, **options: Any) -> None:
        fmt = options["format"]
        body: str | bytes
        if options["group"]:
            group = _find(Group, options["group"], "group")
            if fmt not in (None, "zip", "json"):
                raise CommandError("A group exports as zip or json.")
            body = to_json(group_data(group, None)) if fmt == "json" else group_archive(group, None)
        else:
            trainee = _find(Trainee, options["trainee"], "trainee")
            if fmt not in (None, "json", "html"):
                raise CommandError("A trainee exports as json or html.")
            data = trainee_data(trainee, None)
            body = (
                render_to_string("records/trainee_record_file.html", {"data": data})
                if fmt == "html"
                else to_json(data)
            )
        if options["output"]:
            path = Path(options["output"])
            path.write_bytes(body if isinstance(body, bytes) else body.encode())
            self.stderr.write(f"Written to {path}.")
        elif isinstance(body, bytes):
            if sys.stdout.isatty():
                raise CommandError("A zip file is not for the screen: add --output FILE.zip.")
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body, ending="")


def _find(model: type[Group] | type[Trainee], key: str, what: str) -> Any:
    try:
        found = model.objects.filter(key=uuid.UUID(key)).first()
    except ValueError:
        found = None
    if found is None:
        raise CommandError(f"No {what} has the key {key!r}.")
    return found
