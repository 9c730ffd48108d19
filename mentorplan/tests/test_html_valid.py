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
from datetime import timedelta
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mentorplan.testing import (
    HTMX,
    at_segment,
    default_plan,
    make_call,
    make_goal,
    make_group,
    make_history,
    make_invitation,
    make_mentor,
    make_trainee,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true"}
FRAGMENT = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Part</title></head><body>{}</body></html>'  # noqa: E501


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
    """The HTML of every kind of page a mentor sees, by name."""
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor, name="Tuesday buddies", course="ITP", region="London")
    trainees = [make_trainee(group, name=name) for name in ["Amal", "Dawit", "Zoë"]]
    history = make_history(group, 3)
    for trainee in trainees:
        make_goal(trainee, group, text=f"{trainee.name} finishes the week's exercises")
    make_goal(mentor, group, text="Share one resource on promises")
    make_invitation(group, "waiting@example.org")
    planned = make_call(group, scheduled_at=timezone.now() + timedelta(days=7))
    live = make_call(group, scheduled_at=timezone.now())
    client.force_login(mentor)

    def get(url: str, **kwargs) -> str:
        response = client.get(url, **kwargs)
        assert response.status_code in {200, 404}, (url, response.status_code)
        html = response.content.decode()
        return html if "<html" in html else FRAGMENT.format(html)

    key = group.key
    found = {
        "groups": get(reverse("groups:list")),
        "group page": get(reverse("groups:detail", args=[key])),
        "add a trainee": get(reverse("groups:trainee_add", args=[key])),
        "add a trainee (htmx)": get(reverse("groups:trainee_add", args=[key]), headers=HTMX),
        "edit a trainee": get(reverse("groups:trainee_edit", args=[trainees[0].key])),
        "sessions": get(reverse("calls:group_calls", args=[key])),
        "sessions (htmx)": get(reverse("calls:group_calls", args=[key]), headers=HTMX),
        "plan a session": get(reverse("calls:plan", args=[key])),
        "planned": get(reverse("calls:detail", args=[planned.key])),
        "finished": get(reverse("calls:detail", args=[history[-1].key])),
        "summary": get(reverse("wrapup:summary", args=[history[-1].key])),
        "goals board": get(reverse("goals:board", args=[key])),
        "follow-through (htmx)": get(reverse("goals:board", args=[key]), headers=HTMX),
        "person": get(reverse("goals:person", args=[trainees[0].key])),
        "feedback team view": get(reverse("feedback:team", args=[key])),
        "check-ins (htmx)": get(reverse("feedback:team", args=[key]), headers=HTMX),
        "progress": get(reverse("wrapup:progress", args=[key])),
        "progress (htmx)": get(reverse("wrapup:progress", args=[key]), headers=HTMX),
        "resources": get(reverse("wrapup:resources")),
        "calendar settings": get(reverse("wrapup:feed_settings")),
        "plans": get(reverse("plans:list")),
        "profile": get(reverse("accounts:profile")),
        "password change": get(reverse("accounts:password_change")),
        "not found": get("/this-page-does-not-exist/"),
        "server error": render_to_string("500.html"),
    }
    found["plan"] = get(reverse("plans:detail", args=[default_plan().key]))
    for kind in dict.fromkeys(live.segments.order_by("position").values_list("kind", flat=True)):
        at_segment(live, kind)
        found[f"runner: {kind}"] = get(reverse("calls:detail", args=[live.key]))
    client.logout()
    found["home"] = get(reverse("home"))
    found["log in"] = get(reverse("accounts:login"))
    found["sign up"] = get(reverse("accounts:signup"))
    found["password reset"] = get(reverse("accounts:password_reset"))
    return found


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
