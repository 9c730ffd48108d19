"""Test settings: the real ones, with a fast password hasher and plain static files."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-" + "x7Qm2v9LpR4tZ8wK3nB6yH1cF5jD0sGa" * 2)

from mentorplan.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The live server of browser tests serves static files from the app folders, as in development,
# without a `collectstatic` run first.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Logging is set up once, for the whole run. Django would set it up again on every
# `django.setup()`, which the command-line tests run with a stderr that closes when they end:
# every later log line, the live server's included, would then fail to write.
from django.utils.log import configure_logging  # noqa: E402

configure_logging("logging.config.dictConfig", LOGGING)  # noqa: F405
LOGGING_CONFIG = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production, not SQLite's shared in-memory database: there, a page and an
    # autosave answered at once by the browser tests' live server fail with "table is locked"
    # at once, because shared-cache locks ignore the busy timeout that WAL files honour.
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"mentorplan-test-{os.getpid()}.sqlite3")
    }

# Drawing a page never writes: a GET that changes the database fails its test.
MIDDLEWARE = ["mentorplan.testing.readonly.PagesNeverWriteMiddleware", *MIDDLEWARE]  # noqa: F405
