"""Changing a planned session: its day, time, length, plan and video-call link."""

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Action, Call, Status
from mentorplan.testing import (
    HTMX,
    field_errors,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_plan,
    page_text,
    start_call,
)
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql

pytestmark = pytest.mark.django_db

# A Thursday in January: the mentor's London is on GMT, so local times read as UTC.
NOW = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
PLANNED_FOR = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(frozen):
    return frozen


@pytest.fixture
def call(group) -> Call:
    return make_call(group, scheduled_at=PLANNED_FOR)


def _url(call: Call) -> str:
    return reverse("calls:reschedule", args=[call.key])


def _form(call: Call, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "date": "2030-01-17",
        "time": "18:30",
        "length_minutes": "90",
        "plan": "",
        "video_url": "",
        "sequence": call.sequence,
    }
    data.update(overrides)
    return data


def _fresh(call: Call) -> Call:
    return Call.objects.get(pk=call.pk)


def _unchanged(call: Call) -> bool:
    now = _fresh(call)
    return (now.scheduled_at, now.length_minutes, now.video_url, now.sequence) == (
        PLANNED_FOR,
        70,
        "",
        0,
    )


def test_the_form_shows_the_session_as_it_is(client, call):
    response = client.get(_url(call))

    assert response.status_code == 200
    assert "Change the session" in page_text(response)
    assert 'value="2030-01-15"' in response.content.decode()
    assert 'value="19:00"' in response.content.decode()
    assert "Keep this session's agenda (Standard mentoring session)" in page_text(response)


def test_moving_a_session_changes_its_time_length_and_edition(client, call):
    response = client.post(_url(call), _form(call, video_url="https://meet.example/abc-defg"))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    now = _fresh(call)
    assert now.scheduled_at == datetime(2030, 1, 17, 18, 30, tzinfo=UTC)
    assert now.length_minutes == 90
    assert now.video_url == "https://meet.example/abc-defg"
    assert now.sequence == 1
    assert now.version == 0  # the live state is untouched: a start pressed now still works
    page = client.get(response["Location"])
    assert "Session on Thursday 17 January, 18:30" in page_text(page)
    assert "90 minutes" in page_text(page)
    assert "Session changed." in page_text(page)
    # Flexible parts take the extra 20 minutes: the agenda fills the new length.
    assert sum(now.segments.values_list("planned_minutes", flat=True)) == 90


def test_choosing_another_plan_replaces_the_agenda(client, call, mentor):
    short = make_plan(mentor, (10, 20, 15), title="Short catch-up")

    client.post(_url(call), _form(call, plan=short.pk, length_minutes="45"))

    now = _fresh(call)
    assert now.plan_title == "Short catch-up"
    assert list(now.segments.values_list("position", "title", "planned_minutes")) == [
        (0, "Part 1", 10),
        (1, "Part 2", 20),
        (2, "Part 3", 15),
    ]


def test_saving_without_a_change_changes_nothing(client, call):
    response = client.post(
        _url(call), _form(call, date="2030-01-15", time="19:00", length_minutes=70)
    )

    assert _unchanged(call)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Nothing changed, so no one was sent anything."]


def test_htmx_gets_the_form_as_a_partial_and_the_page_after_saving(client, call):
    form = client.get(_url(call), headers=HTMX)
    assert form.status_code == 200
    assert is_partial(form)
    assert 'id="reschedule-form"' in form.content.decode()

    bad = client.post(_url(call), _form(call, date=""), headers=HTMX)
    assert is_partial(bad)
    assert field_errors(bad, "id_date") == ["Choose a date."]

    saved = client.post(_url(call), _form(call), headers=HTMX)
    assert saved.status_code == 204
    assert saved["HX-Redirect"] == reverse("calls:detail", args=[call.key])


@pytest.mark.parametrize(
    ("field", "value", "auto_id", "message"),
    [
        ("date", "2030-01-01", "id_date", "That time has already passed."),
        ("date", "next tuesday", "id_date", "Give a date like 2026-12-01."),
        ("length_minutes", "5", "id_length_minutes", "A session lasts from 15 to 240 minutes."),
        ("length_minutes", "", "id_length_minutes", "A session lasts from 15 to 240 minutes."),
        ("video_url", "javascript:alert(1)", "id_video_url", "Give a full web address"),
        ("video_url", "ftp://files.example/call", "id_video_url", "Give a full web address"),
        ("plan", "999999", "id_plan", "Choose one of your plans."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_changes_nothing(
    client, call, field, value, auto_id, message
):
    response = client.post(_url(call), _form(call, **{field: value}))

    assert response.status_code == 200
    errors = field_errors(response, auto_id)
    assert errors and errors[0].startswith(message)
    assert _unchanged(call)


def test_another_mentors_plan_cannot_be_chosen(client, call):
    theirs = make_plan(make_mentor(), title="Someone else's plan")

    response = client.post(_url(call), _form(call, plan=theirs.pk))

    assert field_errors(response, "id_plan") == ["Choose one of your plans."]
    assert _unchanged(call)


def test_a_change_made_meanwhile_is_not_overwritten(client, call):
    call.reschedule(scheduled_at=PLANNED_FOR, length_minutes=80, video_url="", expected_sequence=0)

    response = client.post(_url(call), _form(call, sequence=0), follow=True)

    assert "Someone changed this session while you were looking at it." in page_text(response)
    assert _fresh(call).length_minutes == 80


def test_a_started_session_can_no_longer_be_moved(client, call):
    start_call(call, NOW)

    for response in (
        client.get(_url(call), follow=True),
        client.post(_url(call), _form(call), follow=True),
    ):
        assert "The session has already started, so it can no longer be changed." in page_text(
            response
        )
    assert _fresh(call).scheduled_at == PLANNED_FOR
    assert _fresh(call).status == Status.LIVE


def test_another_mentor_gets_404_and_changes_nothing(client, call):
    client.force_login(make_mentor())

    assert client.get(_url(call)).status_code == 404
    assert client.post(_url(call), _form(call)).status_code == 404
    assert _unchanged(call)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_not_allowed(client, call, method):
    assert getattr(client, method)(_url(call)).status_code == 405


def test_the_planned_page_links_to_the_change_and_cancel_pages(client, call):
    response = client.get(reverse("calls:detail", args=[call.key]))

    content = response.content.decode()
    assert f'href="{_url(call)}"' in content
    assert f'href="{reverse("calls:cancel", args=[call.key])}"' in content


@needs_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", range(3))
def test_a_move_racing_a_start_never_leaves_a_started_session_moved(rounds):
    """Either the start comes first and the move is refused with a message, or the move comes
    first and the start still starts the session (the move leaves the live version alone)."""
    mentor = make_mentor(timezone="UTC")
    call = make_call(make_group(mentor), scheduled_at=datetime(2030, 1, 15, 19, 0, tzinfo=UTC))
    seen = call.version

    def press_start():
        client = Client()
        client.force_login(mentor)
        data = {"action": Action.START, "expected": seen}
        return client.post(reverse("calls:control", args=[call.key]), data).status_code

    def move():
        client = Client()
        client.force_login(mentor)
        response = client.post(_url(call), _form(call))
        return client.get(response["Location"]).content.decode()

    with meeting_before_save(Call):
        started, moved_page = at_once(press_start, move)

    assert started == 302
    now = _fresh(call)
    assert now.status == Status.LIVE  # the start always wins
    if now.scheduled_at == PLANNED_FOR:
        assert "The session has already started, so it can no longer be changed." in moved_page
    else:
        assert "Session changed." in moved_page
