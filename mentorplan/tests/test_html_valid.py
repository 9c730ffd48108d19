"""Every kind of page is valid HTML, as the Nu HTML checker (the W3C's validator) reads it.

The pages are rendered with the test client and checked by one run of the checker (Java starts
slowly, so all files go in one batch). htmx's hx-* attributes are not in the HTML standard; the
checker's complaints about them are the only ones allowed.

The checker comes from npm (`npm ci` installs vnu-jar) and runs on Java. Without them this test
is skipped, except in CI, where it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mentorplan.testing.pages import FRAGMENT, every_page

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true"}


def _checker() -> list[str]:
    java = shutil.which("java")
    missing = ""
    if not java:
        missing = "Java is not installed (apt-get install default-jre-headless)."
    elif not VNU.is_file():
        missing = "The Nu HTML checker is not installed: run `npm ci` at the top of the project."
    if missing:
        if IN_CI:
            pytest.fail(missing)
        pytest.skip(missing)
    return [str(java), "-jar", str(VNU), "--errors-only", "--format", "json"]


def _is_htmx_attribute(message: dict) -> bool:
    return "Attribute “hx-" in message.get("message", "")


@pytest.fixture
def pages(client) -> dict[str, str]:
    return every_page(client)


# A page with a known error: if the checker does not report it, it did not read the files.
BROKEN = FRAGMENT.format("<span><div>a block in a line</div></span>")


def test_every_page_is_valid_html(pages, tmp_path):
    command = _checker()
    names = {}
    for n, (name, html) in enumerate({**pages, "known error": BROKEN}.items()):
        path = tmp_path / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name

    run = subprocess.run(
        [*command, *(str(tmp_path / file) for file in names)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors: dict[str, list[str]] = {}
    for m in messages:
        if not _is_htmx_attribute(m):
            name = names.get(Path(m.get("url", "")).name, m.get("url", "?"))
            errors.setdefault(name, []).append(
                f"line {m.get('lastLine')}: {m['message']}\n      {m.get('extract', '').strip()}"
            )
    assert errors.pop("known error", None), "the checker did not report the known error"
    report = "\n".join(f"{name}:\n    " + "\n    ".join(lines) for name, lines in errors.items())
    assert not errors, f"HTML errors on {len(errors)} page(s):\n{report}"
