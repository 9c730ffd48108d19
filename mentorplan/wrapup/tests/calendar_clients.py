"""Read an invite the way other calendar programs do: Thunderbird (ical.js, run by node) and
Python's vobject. Each returns every event's start as a UTC instant, by UID.

Locally a missing parser skips the test with a note on how to install it; in CI it fails."""

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[3]
ICALJS_SCRIPT = Path(__file__).with_name("ical_instants.mjs")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true"}


def _missing(message: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"{message} CI checks invites with every calendar parser.")
    pytest.skip(message)


def starts_by_vobject(body: bytes) -> dict[str, datetime]:
    try:
        import vobject
    except ImportError:
        _missing("vobject is not installed: run `make install`.")
    calendar = vobject.readOne(body.decode())
    return {
        str(event.uid.value): event.dtstart.value.astimezone(UTC) for event in calendar.vevent_list
    }


def starts_by_icaljs(body: bytes) -> dict[str, datetime]:
    node = shutil.which("node")
    if node is None:
        _missing("node is not installed (apt-get install nodejs npm), so ical.js cannot run.")
    if not (ROOT / "node_modules" / "ical.js").is_dir():
        _missing("ical.js is not installed: run `npm ci` at the top of the project.")
    result = subprocess.run(
        [node, str(ICALJS_SCRIPT)], input=body, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return {uid: datetime.fromisoformat(start) for uid, start in json.loads(result.stdout)}


PARSERS = {"ical.js": starts_by_icaljs, "vobject": starts_by_vobject}

# Sessions on both sides of each clock change, as (zone, local wall time, the UTC instant).
SESSIONS_AROUND_CLOCK_CHANGES = {
    # British Summer Time runs from 29 March to 25 October 2026.
    "Europe/London": [
        (datetime(2026, 3, 28, 18, 0), datetime(2026, 3, 28, 18, 0, tzinfo=UTC)),
        (datetime(2026, 3, 30, 18, 0), datetime(2026, 3, 30, 17, 0, tzinfo=UTC)),
        (datetime(2026, 10, 24, 18, 0), datetime(2026, 10, 24, 17, 0, tzinfo=UTC)),
        (datetime(2026, 12, 17, 18, 0), datetime(2026, 12, 17, 18, 0, tzinfo=UTC)),
        (datetime(2027, 7, 1, 18, 0), datetime(2027, 7, 1, 17, 0, tzinfo=UTC)),
    ],
    # New Zealand's summer time ends on 5 April 2026 and starts again on 27 September 2026.
    "Pacific/Auckland": [
        (datetime(2026, 4, 4, 19, 0), datetime(2026, 4, 4, 6, 0, tzinfo=UTC)),
        (datetime(2026, 4, 6, 19, 0), datetime(2026, 4, 6, 7, 0, tzinfo=UTC)),
        (datetime(2026, 9, 26, 19, 0), datetime(2026, 9, 26, 7, 0, tzinfo=UTC)),
        (datetime(2026, 9, 28, 19, 0), datetime(2026, 9, 28, 6, 0, tzinfo=UTC)),
        (datetime(2027, 6, 1, 19, 0), datetime(2027, 6, 1, 7, 0, tzinfo=UTC)),
    ],
}
