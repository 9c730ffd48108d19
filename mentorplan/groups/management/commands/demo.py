from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group, Membership, Role, Trainee

DEMO_EMAIL = "demo@mentorplan.example"
DEMO_PASSWORD = "try-mentorplan"
TRAINEES = [
    ("Amal", "she/her", "@amal", "Europe/London"),
    ("Dawit", "he/him", "@dawit", "Europe/London"),
    ("Sara", "she/her", "@sara", "Africa/Cairo"),
]


class Command(BaseCommand):
    help = "Add a demo mentor with a group of three trainees, to look around at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)

    @transaction.atomic
    def handle(self, *args: object, **options: object) -> None:
        user, created = User.objects.get_or_create(
            email=DEMO_EMAIL, defaults={"display_name": "Demo Mentor", "timezone": "Europe/London"}
        )
        user.set_password(str(options["password"]))
        user.save()
        if not Group.objects.filter(memberships__user=user).exists():
            group = Group.objects.create(
                name="Tuesday buddies", course="Intro to Programming", region="London"
            )
            Membership.objects.create(group=group, user=user, role=Role.LEAD)
            for name, pronouns, slack, tz in TRAINEES:
                Trainee.objects.create(
                    group=group, name=name, pronouns=pronouns, slack_handle=slack, timezone=tz
                )
        self.stdout.write(
            self.style.SUCCESS(
                "The demo is ready." if created else "The demo mentor is ready again."
            )
        )
        self.stdout.write(
            f"Log in at http://127.0.0.1:8000/accounts/login/ with\n"
            f"  e-mail:   {DEMO_EMAIL}\n  password: {options['password']}"
        )
