"""Paused looks paused: the runner of a paused session says so beside the clock, not only in a
small pill, and gives screen readers a polite place to hear "Session paused" and "Session resumed".
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.calls.models import Action, Call
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    parse,
    start_call,
    text_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)


@pytest.fixture
def live(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    return start_call(make_call(make_group(mentor), scheduled_at=NOW), NOW)


def _runner(client, call: Call, **headers: str):
    return client.get(reverse("calls:detail", args=[call.key]), headers=headers)


def _clock(response) -> tuple[bool, str]:
    """Whether the current segment is drawn as paused, and the words beside its clock."""
    page = parse(response)
    current = page.select_one("section.current")
    assert current is not None
    return "is-paused" in current["class"], text_in(current.select_one(".countdown"))


def _status(response) -> str:
    """The status the runner tells its scripts (and so the screen reader's region)."""
    runner = parse(response).select_one("#runner")
    assert runner is not None
    return str(runner["data-status"])


def test_a_running_clock_does_not_say_paused(client, live):
    response = _runner(client, live)

    assert _clock(response) == (False, "10:00 left")
    assert _status(response) == "live"


def test_a_paused_clock_says_paused_beside_the_time(client, live, frozen):
    frozen.shift(timedelta(minutes=2))
    live.control(Action.PAUSE, now=NOW + timedelta(minutes=2))

    response = _runner(client, live)

    assert _clock(response) == (True, "8:00 left Paused")
    assert _status(response) == "paused"


def test_the_page_has_a_polite_region_with_both_sentences(client, live):
    region = parse(_runner(client, live)).select_one("[data-status-said]")

    assert region is not None
    assert region["role"] == "status"  # polite: it waits for the reader to finish
    assert text_in(region) == ""  # nothing is said on arrival
    assert (region["data-paused"], region["data-live"]) == ("Session paused.", "Session resumed.")


def test_pressing_pause_redraws_the_runner_as_paused(client, live):
    live.refresh_from_db()
    url = reverse("calls:control", args=[live.key])

    response = client.post(url, {"action": "pause", "expected": live.version}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert _clock(response) == (True, "10:00 left Paused")
    assert _status(response) == "paused"

    live.refresh_from_db()
    response = client.post(url, {"action": "resume", "expected": live.version}, headers=HTMX)

    assert _clock(response) == (False, "10:00 left")
    assert _status(response) == "live"
