"""The test settings without the wrap-up app, for the test that shows the other apps do not need it
(mentorplan/tests/test_without_wrapup.py). It runs in its own process on an in-memory SQLite
database, so it never meets the database of the run that started it."""

from mentorplan.settings_test import *  # noqa: F403
from mentorplan.settings_test import INSTALLED_APPS

# Records exports and erases wrap-up data as well (wins, reminders, the summary), and the trainee
# room shows summaries, invites and resources, so apps that build on wrap-up go with it; the apps
# wrap-up builds on must not need it.
LEFT_OUT = {"mentorplan.wrapup", "mentorplan.records", "mentorplan.room"}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in LEFT_OUT]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
