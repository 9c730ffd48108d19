"""The `mentorplan` command: `mentorplan serve`, `mentorplan migrate`, `mentorplan creatementor`,
`mentorplan demo`, and every other Django management command."""

import os
import sys

USAGE = """usage: mentorplan COMMAND [options]

  serve [ADDRESS:PORT]   serve Mentorplan (default 127.0.0.1:8000)
  migrate                create or update the database
  creatementor           create a mentor account (add --staff for the admin site)
  demo                   add a demo mentor with a group of three trainees
  export                 export a group or one trainee (--group KEY / --trainee KEY)
  erase-trainee KEY      erase a trainee and everything about them, for good
  backup FILE            back up the whole database to FILE (safe while serving)
  restore FILE           replace the database with a backup (asks first; --yes to skip)
  help                   list every command
"""


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorplan.settings")
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return
    if args[0] == "serve":
        serve(args[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mentorplan", *args])


def serve(args: list[str]) -> None:
    """The development server when DEBUG is on; otherwise gunicorn with collected static files."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    address = args[0] if args else "127.0.0.1:8000"
    if settings.DEBUG:
        call_command("runserver", address)
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    os.execvp(
        sys.executable,
        [sys.executable, "-m", "gunicorn", "mentorplan.wsgi", "--bind", address, "--workers", "3"],
    )


if __name__ == "__main__":
    main()
