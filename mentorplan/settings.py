"""Settings for Mentorplan. Everything that differs between machines comes from the environment;
`.env.example` lists each variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from mentorplan.accounts.proxy import parse_networks
from mentorplan.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-it-outside-your-own-laptop")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
# The HTTPS proxies in front of the app servers: addresses or networks. Only requests from these
# may say who the visitor is (X-Forwarded-For) and whether they used https (X-Forwarded-Proto).
# The default trusts a proxy on the same machine, as gunicorn does.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
parse_networks(TRUSTED_PROXIES)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "mentorplan.accounts",
    "mentorplan.groups",
    "mentorplan.plans",
    "mentorplan.calls",
    "mentorplan.goals",
    "mentorplan.recap",
    "mentorplan.feedback",
    "mentorplan.wrapup",
    "mentorplan.records",
    "mentorplan.room",
]

MIDDLEWARE = [
    "mentorplan.accounts.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed (the runner's HTML shrinks to about a quarter). BREACH, the attack on
    # compressed secrets, needs a secret that is the same in every response next to text the
    # attacker controls. The CSRF token in forms is masked afresh for every response (Django
    # since 1.10), and Django's GZipMiddleware (4.2+) adds a random number of bytes to every
    # compressed response ("Heal the Breach"), which blurs the sizes the attack measures; ours
    # is Django's, compressing with zlib-ng. Static files are compressed ahead of time by
    # WhiteNoise.
    "mentorplan.lib.middleware.GZipMiddleware",
    # After WhiteNoise, so static files keep their public caching.
    "mentorplan.lib.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentorplan.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mentorplan.lib.middleware.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentorplan.lib.middleware.VaryOnHtmxMiddleware",
    "mentorplan.accounts.middleware.TimezoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentorplan.urls"
WSGI_APPLICATION = "mentorplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's loaders, with the site's own HTML templates read without their
            # indentation (mentorplan/lib/loaders.py), wrapped as django-template-partials
            # would wrap Django's own.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "mentorplan.lib.loaders.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentorplan.lib.http.page_defaults",
                # One masked CSRF token a page, shared with its kept parts (Django's own masks
                # it again for each template drawn).
                "mentorplan.lib.fragments.csrf_token",
            ],
            # {% url %} keeps the addresses it works out (mentorplan/lib/addresses.py).
            "builtins": ["mentorplan.lib.addresses"],
        },
    }
]

# Widgets and field groups drawn in Python, as the templates draw them (mentorplan/lib/widgets.py).
FORM_RENDERER = "mentorplan.lib.widgets.Renderer"

# Database: SQLite on a laptop, PostgreSQL when DATABASE_URL points at one.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
# Connections are kept between requests (a minute), on SQLite too: opening one and setting it up
# costs more than the live-state poll itself.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue for up to 10 s instead of failing with "database is locked";
        # IMMEDIATE takes the write lock at BEGIN so a transaction never has to upgrade it.
        "timeout": 10,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # PostgreSQL plans a query afresh each time it reads its text, and for the short queries of
    # a page that costs several times running them. Values are sent apart from the text, so the
    # text of a query repeats, and a text run a few times on a connection is prepared once and
    # then only executed. (No pooler in transaction mode may sit between app and database:
    # prepared statements belong to one connection.)
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
    # Django's own backend, with psycopg reading the times (mentorplan/lib/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "mentorplan.lib.postgresql"

# Parts of pages kept drawn (mentorplan/lib/fragments.py), in each server process's memory.
# Django keeps 300 by default, fewer than the pages of a busy evening; past that, pages asked for
# by one reader after another are all drawn afresh. Kept compressed, a part takes 1 to 5 kB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("KEPT_PARTS", 5000)},
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "mentorplan.accounts.signin.SignInBackend",
]
# Database sessions, read with one written-out query (mentorplan/accounts/signin.py).
SESSION_ENGINE = "mentorplan.accounts.signin"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# E-mails anyone can ask for (password reset, address confirmation), per hour: counted in the
# database so that every app server sees the same count.
EMAILS_PER_ADDRESS_PER_HOUR = env_int("EMAILS_PER_ADDRESS_PER_HOUR", 5)
EMAILS_PER_CLIENT_PER_HOUR = env_int("EMAILS_PER_CLIENT_PER_HOUR", 20)
# An address confirmation link works for three days.
EMAIL_CONFIRMATION_MAX_AGE = timedelta(days=3)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "groups:list"
LOGOUT_REDIRECT_URL = "home"

# Failed logins (mentorplan/accounts/lockout.py): five wrong passwords for one account from one
# client, or twenty from one client over any accounts, pause that client for fifteen minutes.
# The client is the visitor's address as the trusted proxy reports it.
AXES_HANDLER = "mentorplan.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "mentorplan.accounts.proxy.client_ip"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_CLIENT_FAILURE_LIMIT = env_int("AXES_CLIENT_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production `collectstatic` minifies the project's stylesheets and scripts, names every file
# by a hash of its content (cached by browsers for good) and writes gzip and Brotli copies that
# WhiteNoise serves (mentorplan/lib/staticfiles.py). Development serves static/ as it is.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "mentorplan.lib.staticfiles.MinifiedStaticFilesStorage"
        )
    },
}

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mentorplan <mentorplan@localhost>")

# Security. Pages are small and self-contained: no inline script, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # Behind the HTTPS proxy: it says https → served; it says http → redirected to https; a request
    # no trusted proxy vouches for → refused with an explanation (mentorplan/accounts/proxy.py).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
