from django.core.management.base import BaseCommand

from mentorplan.wrapup.reminders import send_due


class Command(BaseCommand):
    help = (
        "Send the e-mail reminders that are due: to mentors a day before a session, to trainees "
        "with an e-mail address a day before a goal is due (their goal and its deadline, nothing "
        "else). Each reader gets dates and times in their own time zone, whatever the server's. "
        "Run it every hour or so (cron, a systemd timer); running it twice never sends a "
        "reminder twice."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = send_due()
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
