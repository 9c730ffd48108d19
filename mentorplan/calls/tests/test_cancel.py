"""Cancelling a planned session: a confirm step, then a session kept and marked cancelled."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from mentorplan.calls.models import Action, Call, Status
from mentorplan.goals.queries import next_session_date
from mentorplan.testing import HTMX, is_partial, make_call, make_mentor, page_text, start_call

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
PLANNED_FOR = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(frozen):
    return frozen


@pytest.fixture
def call(group) -> Call:
    return make_call(group, scheduled_at=PLANNED_FOR)


def _url(call: Call) -> str:
    return reverse("calls:cancel", args=[call.key])


def _fresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def test_the_confirm_step_asks_first_and_cancels_nothing(client, call):
    response = client.get(_url(call))

    assert response.status_code == 200
    assert "Cancel the session on Tuesday 15 January, 19:00" in page_text(response)
    assert _fresh(call).status == Status.PLANNED


def test_cancelling_keeps_the_session_marked_cancelled(client, call):
    response = client.post(_url(call), {"sequence": 0}, follow=True)

    now = _fresh(call)
    assert now.status == Status.CANCELLED
    assert now.cancelled_at == NOW
    assert now.sequence == 1
    text = page_text(response)
    assert "Session cancelled." in text
    assert "Cancelled: session on Tuesday 15 January, 19:00" in text
    assert "Start the session" not in text
    assert "Download the cancellation for your calendar" in text
    # It leaves the upcoming sessions for the cancelled ones.
    panel = page_text(client.get(reverse("calls:group_calls", args=[call.group.key])))
    assert "Nothing planned yet." in panel
    assert "Cancelled Tue 15 Jan 2030, 19:00" in panel


def test_a_cancelled_session_cannot_be_started(client, call):
    call.cancel(now=NOW)

    client.post(reverse("calls:control", args=[call.key]), {"action": Action.START})

    assert _fresh(call).started_at is None
    assert call.control(Action.START, now=NOW) is False


def test_a_second_cancel_changes_nothing(client, call):
    call.cancel(now=NOW)

    response = client.post(_url(call), {"sequence": 1}, follow=True)

    assert "This session was cancelled, so it can no longer be changed." in page_text(response)
    assert _fresh(call).sequence == 1


def test_a_started_session_cannot_be_cancelled(client, call):
    start_call(call, NOW)

    response = client.post(_url(call), {"sequence": 0}, follow=True)

    assert "The session has already started, so it can no longer be changed." in page_text(response)
    assert _fresh(call).status == Status.LIVE


def test_a_stale_confirm_page_cancels_nothing(client, call):
    call.reschedule(scheduled_at=PLANNED_FOR, length_minutes=90, video_url="")

    response = client.post(_url(call), {"sequence": 0}, follow=True)

    assert "Someone changed this session while you were looking at it." in page_text(response)
    assert _fresh(call).status == Status.PLANNED


def test_a_broken_button_cancels_nothing(client, call):
    response = client.post(_url(call), {"sequence": "x"}, follow=True)

    assert "That button did not send what we expected." in page_text(response)
    assert _fresh(call).status == Status.PLANNED


def test_htmx_gets_the_confirm_step_as_a_partial_and_the_page_after(client, call):
    confirm = client.get(_url(call), headers=HTMX)
    assert is_partial(confirm)
    assert 'id="cancel-confirm"' in confirm.content.decode()

    done = client.post(_url(call), {"sequence": 0}, headers=HTMX)
    assert done.status_code == 204
    assert done["HX-Redirect"] == reverse("calls:detail", args=[call.key])
    assert _fresh(call).status == Status.CANCELLED


def test_another_mentor_gets_404_and_cancels_nothing(client, call):
    client.force_login(make_mentor())

    assert client.get(_url(call)).status_code == 404
    assert client.post(_url(call), {"sequence": 0}).status_code == 404
    assert _fresh(call).status == Status.PLANNED


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, call, method):
    assert getattr(client, method)(_url(call)).status_code == 405
    assert _fresh(call).status == Status.PLANNED


def test_the_state_says_cancelled_so_a_watching_planned_page_reloads(client, call):
    call.cancel(now=NOW)

    state = client.get(reverse("calls:state", args=[call.key])).json()

    assert state["status"] == "cancelled"


def test_goals_set_now_are_not_due_on_a_cancelled_session(call):
    call.cancel(now=NOW)

    # Goals are then due two weeks on, not on the day of a session that will not happen.
    assert next_session_date(None, call.group) == datetime(2030, 1, 24).date()
