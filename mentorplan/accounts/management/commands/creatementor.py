import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from mentorplan.accounts.models import User


class Command(BaseCommand):
    help = "Create a mentor account. Asks for the password unless --password is given."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--name", help="display name (default: the part of the e-mail before @)"
        )
        parser.add_argument("--password", help="password (asked for when left out)")
        parser.add_argument("--staff", action="store_true", help="may use the admin site")

    def handle(self, *args: object, **options: object) -> None:
        email = str(options["email"]).strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an e-mail address.") from None
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"There is already a mentor with the address {email}.")
        name = str(options["name"] or email.split("@")[0])
        password = options["password"] or getpass.getpass("Password: ")
        user = User(email=email, display_name=name)
        try:
            validate_password(str(password), user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(str(password))
        user.is_staff = user.is_superuser = bool(options["staff"])
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Mentor {email} created."))
