"""Production settings: `check --deploy` is clean, and a bad environment stops start-up clearly."""

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every variable the settings read is listed in .env.example; none leaks in from the test run,
# nor does the test set-up's own switch (browser tests allow ORM calls in Playwright's loop).
SETTINGS_VARIABLES = {
    *re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE),
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def _environment(settings: str, **variables: str) -> dict[str, str]:
    """The test run's environment without any variable the settings read, plus `variables`."""
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    return env | {"DJANGO_SETTINGS_MODULE": settings, **variables}


def _check(**variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_environment("mentorplan.settings", **variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_variables_come_from_env_example():
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} <= SETTINGS_VARIABLES


def test_the_deployment_check_is_clean_with_production_settings():
    result = _check(DEBUG="false", SECRET_KEY=_secret_key(), ALLOWED_HOSTS="mentorplan.example.org")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_a_server_without_a_secret_key_does_not_start():
    result = _check(DEBUG="false", ALLOWED_HOSTS="mentorplan.example.org")

    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY." in result.stderr


def test_a_short_secret_key_is_refused():
    result = _check(DEBUG="false", SECRET_KEY="too-short", ALLOWED_HOSTS="mentorplan.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters long." in result.stderr


@pytest.mark.parametrize("value", ["maybe", "ture"])
def test_debug_must_be_true_or_false(value):
    result = _check(DEBUG=value, SECRET_KEY=_secret_key(), ALLOWED_HOSTS="mentorplan.example.org")

    assert result.returncode != 0
    assert f"DEBUG must be true or false, not '{value}'." in result.stderr


def test_a_server_process_starts_with_its_views_loaded_and_out_of_the_collector_s_sight():
    """What every process keeps for good is loaded before the first request and frozen, so the
    garbage collector does not walk it again on every collection a request sets off."""
    loaded = (
        "import gc, sys; import mentorplan.wsgi;"
        " print(gc.get_freeze_count(), 'mentorplan.calls.views' in sys.modules)"
    )
    env = _environment("mentorplan.settings_test")
    result = subprocess.run(
        [sys.executable, "-c", loaded], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    frozen, views = result.stdout.split()
    assert int(frozen) > 50_000 and views == "True", result.stdout
