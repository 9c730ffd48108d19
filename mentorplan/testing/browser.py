"""Helpers for browser tests: an axe-core accessibility check and a watch on the console.

Both read what a real Chromium reports, so a test fails with the browser's own words.
"""

from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

# Where browser tests leave screenshots for a person to look at (ignored by git).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

_axe = Axe()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations.

    Playwright evaluates the axe-core source through the DevTools protocol, which the page's
    Content-Security-Policy does not govern, so the strict policy stays on while axe runs.
    """
    return _axe.run(page).response["violations"]


def describe_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """One readable paragraph per violated rule, with every element it found."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(str(t) for t in node['target'])}: {node['html']}")
            if node.get("failureSummary"):
                for summary in node["failureSummary"].splitlines():
                    lines.append(f"      {summary.strip()}")
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    """Fail with axe-core's explanation when the page has any accessibility violation."""
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)


def watch_console(page: Any, errors: list[str] | None = None) -> list[str]:
    """Collect console errors (Content-Security-Policy violations among them) and uncaught
    exceptions from now on, into `errors` or a new list. The list fills in as the page runs."""
    errors = [] if errors is None else errors

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            errors.append(f"console error at {location.get('url', page.url)}: {message.text}")

    def on_page_error(error: Any) -> None:
        errors.append(f"uncaught exception on {page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return errors
