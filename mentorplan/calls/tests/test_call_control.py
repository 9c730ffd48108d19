"""The runner's buttons: start, pause, resume, next, previous, jump, add time, end."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from mentorplan.calls.models import Call, Status
from mentorplan.testing import (
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    page_text,
    start_call,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
T0 = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)
BAD_BUTTON = "That button did not send what the runner expected. Try again."


@pytest.fixture
def frozen():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def call(frozen, client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_call(make_group(mentor), scheduled_at=T0)


@pytest.fixture
def live(call) -> Call:
    return start_call(call)


def _url(call: Call) -> str:
    return reverse("calls:control", args=[call.key])


def _post(client, call: Call, action: str, headers=None, **fields: object):
    """Press a button on a screen that shows the session as it is now."""
    call.refresh_from_db()
    data = {"action": action, "expected": call.version, **fields}
    return client.post(_url(call), data, headers=headers or {})


def _state(call: Call) -> tuple[object, ...]:
    call = Call.objects.get(pk=call.pk)
    return (
        call.status,
        call.current_position,
        call.version,
        call.started_at,
        call.ended_at,
        call.paused_at,
        call.paused_seconds,
        [(s.spent_seconds, s.added_seconds) for s in call.segments.all()],
    )


def _fresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def test_start(client, call):
    response = _post(client, call, "start")

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    call = _fresh(call)
    assert call.status == Status.LIVE
    assert call.started_at == T0
    assert call.current_position == 0
    assert call.version == 1


def test_pause_and_resume(client, live, frozen):
    frozen.move_to(T0 + timedelta(minutes=3))
    _post(client, live, "pause")
    assert _fresh(live).status == Status.PAUSED
    assert _fresh(live).paused_at == T0 + timedelta(minutes=3)

    frozen.move_to(T0 + timedelta(minutes=10))
    _post(client, live, "resume")
    call = _fresh(live)
    assert call.status == Status.LIVE
    assert call.paused_at is None
    assert call.paused_seconds == 7 * 60
    assert call.clock(list(call.segments.all())).remaining == 7 * 60


def test_next_previous_and_jump(client, live, frozen):
    frozen.move_to(T0 + timedelta(minutes=8))
    _post(client, live, "next")
    assert _fresh(live).current_position == 1
    assert _fresh(live).segments.get(position=0).spent_seconds == 8 * 60

    frozen.move_to(T0 + timedelta(minutes=9))
    _post(client, live, "previous")
    assert _fresh(live).current_position == 0
    assert _fresh(live).segments.get(position=1).spent_seconds == 60

    frozen.move_to(T0 + timedelta(minutes=10))
    _post(client, live, "jump", position=4)
    assert _fresh(live).current_position == 4
    assert _fresh(live).segments.get(position=0).spent_seconds == 9 * 60

    page = client.get(reverse("calls:detail", args=[live.key]))
    assert "Now · 5 of 6" in page_text(page)


def test_add_time(client, live):
    _post(client, live, "add_time")
    assert _fresh(live).segments.get(position=0).added_seconds == 5 * 60

    _post(client, live, "add_time", minutes=10)
    call = _fresh(live)
    assert call.segments.get(position=0).added_seconds == 15 * 60
    assert call.clock(list(call.segments.all())).remaining == 25 * 60


def test_end(client, live, frozen):
    frozen.move_to(T0 + timedelta(minutes=6))

    response = _post(client, live, "end")

    assert response.status_code == 302
    call = _fresh(live)
    assert call.status == Status.ENDED
    assert call.ended_at == T0 + timedelta(minutes=6)
    assert call.current_position is None
    assert call.segments.get(position=0).spent_seconds == 6 * 60
    assert "Planned and actual" in page_text(client.get(response["Location"]))


def test_htmx_gets_the_runner_back(client, live, frozen):
    frozen.move_to(T0 + timedelta(minutes=2))

    response = _post(client, live, "next", headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert 'id="runner"' in response.content.decode()
    assert "Now · 2 of 6" in page_text(response)
    assert f'name="expected" value="{_fresh(live).version}"' in response.content.decode()


def test_htmx_loads_the_finished_page_after_the_end(client, live):
    response = _post(client, live, "end", headers=HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("calls:detail", args=[live.key])
    assert _fresh(live).status == Status.ENDED


def test_a_second_screen_pressing_next_at_the_same_time_does_nothing(client, live):
    live.refresh_from_db()
    seen = live.version  # both screens show this version

    first = client.post(_url(live), {"action": "next", "expected": seen})
    second = client.post(_url(live), {"action": "next", "expected": seen}, headers=HTMX)

    assert first.status_code == 302
    assert _fresh(live).current_position == 1
    assert _fresh(live).version == seen + 1
    # The late screen gets the session as it is now, one segment on, not two.
    assert second.status_code == 200
    assert "Now · 2 of 6" in page_text(second)


@pytest.mark.parametrize("action", ["pause", "next", "previous", "add_time", "end", "start"])
def test_a_stale_screen_changes_nothing(client, live, action):
    _post(client, live, "next")
    before = _state(live)

    client.post(_url(live), {"action": action, "expected": _fresh(live).version - 1})

    assert _state(live) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"action": "explode"},
        {"action": ""},
        {},
        {"action": "jump", "position": "abc"},
        {"action": "jump", "position": "-1"},
        {"action": "add_time", "minutes": "0"},
        {"action": "add_time", "minutes": "31"},
        {"action": "add_time", "minutes": "many"},
        {"action": "next", "expected": "yesterday"},
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, live, fields):
    before = _state(live)

    response = client.post(_url(live), fields)

    assert response.status_code == 302
    assert _state(live) == before
    assert BAD_BUTTON in page_text(client.get(response["Location"]))
    assert client.post(_url(live), fields, headers=HTMX).status_code == 200
    assert _state(live) == before


@pytest.mark.parametrize(
    ("action", "fields"),
    [("jump", {"position": 6}), ("jump", {}), ("previous", {})],
)
def test_moving_off_the_agenda_changes_nothing(client, live, action, fields):
    before = _state(live)

    _post(client, live, action, **fields)

    assert _state(live) == before


def test_next_on_the_last_segment_changes_nothing(client, live):
    _post(client, live, "jump", position=5)
    before = _state(live)

    _post(client, live, "next")

    assert _state(live) == before


@pytest.mark.parametrize("action", ["pause", "resume", "next", "jump", "add_time", "end"])
def test_nothing_but_start_works_before_the_start(client, call, action):
    before = _state(call)

    _post(client, call, action, position=2)

    assert _state(call) == before


@pytest.mark.parametrize("action", ["start", "pause", "resume", "next", "add_time", "end"])
def test_a_finished_session_stays_finished(client, live, frozen, action):
    frozen.move_to(T0 + timedelta(minutes=5))
    end_call(live)
    before = _state(live)
    frozen.move_to(T0 + timedelta(minutes=50))

    _post(client, live, action)

    assert _state(live) == before


def test_an_outsider_gets_404_and_nothing_changes(client, live):
    before = _state(live)
    client.force_login(make_mentor())

    assert _post(client, live, "next").status_code == 404
    assert _post(client, live, "explode").status_code == 404
    assert _state(live) == before


def test_wrong_method(client, live):
    assert client.get(_url(live)).status_code == 405
