import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mentorplan.groups.models import Trainee
from mentorplan.records.erase import confirms, erase_trainee, what_goes
from mentorplan.records.models import COMMAND_LINE


class Command(BaseCommand):
    help = (
        "Erase a trainee for good: every record about them, and their name, e-mail address and "
        "Slack handle wherever the group's notes, feedback, goals and topics mention them. A "
        "record says that a trainee was erased, by whom and when, with nothing about the person. "
        "Asks you to type the trainee's name unless --yes is given. To keep a copy first, run "
        "`mentorplan export --trainee KEY`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="the trainee's key (the long id in their page's address)")
        parser.add_argument(
            "--by", metavar="NAME", default="", help="your name, for the record of the erasure"
        )
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            trainee = Trainee.objects.select_related("group").get(key=uuid.UUID(options["key"]))
        except (ValueError, Trainee.DoesNotExist):
            raise CommandError(f"No trainee has the key {options['key']!r}.") from None
        if not options["yes"]:
            goes = what_goes(trainee)
            self.stdout.write(
                f"This erases {trainee.name} of {trainee.group.name} for good: "
                f"{goes.sessions_attended} attendance records, {goes.goals} goals, "
                f"{goes.feedback} pieces of feedback, {goes.notes} notes, {goes.wins} moments "
                "of progress, their retro answers, topics, shares and reminders."
            )
            answer = input("Type the trainee's name to confirm: ")
            if not confirms(trainee, answer):
                raise CommandError("That is not their name. Nothing was erased.")
        by = f"{COMMAND_LINE} ({options['by']})" if options["by"].strip() else COMMAND_LINE
        try:
            record = erase_trainee(trainee, by=by)
        except Trainee.DoesNotExist:
            raise CommandError("Someone erased this trainee a moment ago.") from None
        self.stdout.write(f"Erased. The erasure is recorded with the reference {record.key}.")
