"""A tool app can be left out: without `mentorplan.wrapup` in INSTALLED_APPS the runner, the group
page and a finished session's page still work, without the wrap-up panel, tool or button.

Django's apps are set up once per process, so the pages are checked in a process of their own
(mentorplan/tests/without_wrapup.py under mentorplan.settings_without_wrapup)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_pages_work_without_the_wrapup_app():
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "mentorplan/tests/without_wrapup.py",
            "--ds=mentorplan.settings_without_wrapup",
            "-p",
            "no:randomly",
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout
