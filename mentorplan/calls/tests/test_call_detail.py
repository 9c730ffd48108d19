"""The session page: planned (agenda, start times), live (the runner) or finished."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import Action, Attendance, AttendanceStatus, Call, Note, NoteLevel
from mentorplan.groups.models import Group, Membership, Role
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    start_call,
)

pytestmark = pytest.mark.django_db

# A Tuesday in January: London on GMT (UTC+0), Cairo on EET (UTC+2), New York on EST (UTC-5).
T0 = datetime(2030, 1, 15, 19, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(T0 - timedelta(days=5), tick=False) as traveller:
        yield traveller


@pytest.fixture
def call(frozen, group) -> Call:
    return make_call(group, scheduled_at=T0)


def _url(call: Call) -> str:
    return reverse("calls:detail", args=[call.key])


def _current(response) -> str:
    """The agenda line marked as the current step."""
    match = re.search(
        r'aria-current="step">\s*<span class="grow">([^<]*)', response.content.decode()
    )
    assert match, "no segment is marked current"
    return match[1].strip().replace("&amp;", "&")


def _data(response, name: str) -> str:
    match = re.search(rf'data-{name}="([^"]*)"', response.content.decode())
    assert match, f"no data-{name} on the page"
    return match[1]


def _planned_and_actual(response) -> list[tuple[str, int, int]]:
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>(\d+) min</td><td>(\d+) min</td></tr>",
        response.content.decode(),
    )
    return [(title.replace("&amp;", "&"), int(p), int(a)) for title, p, a in rows]


def test_a_planned_session_shows_the_agenda_and_a_start_button(client, call):
    response = client.get(_url(call))

    assert response.status_code == 200
    text = page_text(response)
    assert "Session on Tuesday 15 January, 19:00" in text
    assert "Standard mentoring session · 70 minutes" in text
    assert "Technical mentoring flexible 30 min" in text
    assert 'value="start"' in response.content.decode()
    assert response["Cache-Control"] == "no-store, private"


def test_the_start_time_is_shown_in_each_trainees_time_zone(client, call):
    make_trainee(call.group, name="Amal", timezone="Africa/Cairo")
    make_trainee(call.group, name="Ben", timezone="Europe/London")
    make_trainee(call.group, name="Cleo", timezone="Europe/London")
    make_trainee(call.group, name="Dev", timezone="America/New_York")
    make_trainee(call.group, name="Gone", timezone="Asia/Tokyo", is_active=False)

    text = page_text(client.get(_url(call)))

    assert "Tue 15 Jan, 21:00 for Amal (Africa/Cairo)" in text
    assert "Tue 15 Jan, 19:00 for Ben, Cleo (Europe/London)" in text
    assert "Tue 15 Jan, 14:00 for Dev (America/New_York)" in text
    assert "Gone" not in text


def test_each_mentor_sees_the_start_in_their_own_time_zone(client, call):
    co_mentor = make_mentor(timezone="Africa/Cairo")
    Membership.objects.create(group=call.group, user=co_mentor, role=Role.CO_MENTOR)
    client.force_login(co_mentor)

    assert "Session on Tuesday 15 January, 21:00" in page_text(client.get(_url(call)))


def test_the_runner_shows_the_current_segment_and_the_clock(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)
    frozen.move_to(T0 + timedelta(minutes=4))

    response = client.get(_url(call))

    assert response.status_code == 200
    assert not is_partial(response)
    assert _current(response) == "Welcome & chit chat"
    assert _data(response, "remaining") == str(6 * 60)
    assert _data(response, "active") == str(4 * 60)
    assert _data(response, "running") == "true"
    text = page_text(response)
    assert "Now · 1 of 6" in text
    assert "planned end 20:10" in text
    assert "Who is here" in text  # the welcome segment's tool
    assert response["Cache-Control"] == "no-store, private"


def test_an_overrun_is_said_in_words(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)
    frozen.move_to(T0 + timedelta(minutes=14))

    response = client.get(_url(call))

    assert _data(response, "remaining") == str(-4 * 60)
    assert "is-over" in response.content.decode()
    assert "4:00 over — 56 min left for the remaining 5 segments" in page_text(response)


def test_a_quick_look_at_the_next_segment_leaves_the_overrun_sentence_right(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)
    control = reverse("calls:control", args=[call.key])
    frozen.move_to(T0 + timedelta(seconds=10))
    client.post(control, {"action": "next"})
    frozen.move_to(T0 + timedelta(seconds=13))
    client.post(control, {"action": "previous"})
    frozen.move_to(T0 + timedelta(seconds=600 + 3 + 65))

    text = page_text(client.get(_url(call)))

    assert "1:05 over" in text
    # All five other segments are still to come; the look at the catch-up took none of them.
    assert "1:05 over — 58 min left for the remaining 5 segments if you move on now." in text


def test_a_paused_session_says_so(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)
    call.control(Action.PAUSE, now=T0 + timedelta(minutes=2))
    frozen.move_to(T0 + timedelta(minutes=30))

    response = client.get(_url(call))

    assert _data(response, "running") == "false"
    assert _data(response, "remaining") == str(8 * 60)
    assert "Paused" in page_text(response)
    assert "Resume" in page_text(response)


def test_htmx_gets_only_the_runner(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)

    response = client.get(_url(call), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<div id="runner"')
    assert _current(response) == "Welcome & chit chat"


def test_an_htmx_poll_of_a_finished_session_loads_the_whole_page(client, call, frozen):
    frozen.move_to(T0)
    end_call(call)

    response = client.get(_url(call), headers=HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == _url(call)


@pytest.mark.parametrize("finish", [end_call, lambda call: None], ids=["finished", "planned"])
def test_an_htmx_poll_of_a_session_not_running_reads_only_the_session(client, call, finish):
    """The answer only sends the runner to the page: what a runner shows is not read for it."""
    finish(call)
    client.get(_url(call), headers=HTMX)  # the sign-in is read (and kept) on the first request

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(call), headers=HTMX)

    assert response.status_code == 204
    assert len(queries) <= 2, [query["sql"] for query in queries]


def test_a_finished_session_shows_planned_and_actual_minutes(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)
    call.control(Action.JUMP, position=1, now=T0 + timedelta(minutes=12))
    call.control(Action.JUMP, position=2, now=T0 + timedelta(minutes=15))
    call.control(Action.END, now=T0 + timedelta(minutes=27))

    response = client.get(_url(call))

    assert response.status_code == 200
    assert _planned_and_actual(response) == [
        ("Welcome & chit chat", 10, 12),
        ("Goal catch-up", 5, 3),
        ("Recap & orientation", 10, 12),
        ("Technical mentoring", 30, 0),
        ("Goal setting", 10, 0),
        ("Wrap up", 5, 0),
    ]
    text = page_text(response)
    assert "ran from 19:00 to 19:27 · 27 minutes of session time" in text
    assert "No notes were taken." in text


def _room_part(call: Call) -> str:
    return f"{_url(call)}?part=room"


def _parts(response) -> dict[str, str]:
    """The room's panel and the tool as drawn, each form's CSRF token (masked afresh for every
    answer) left out."""
    page = parse(response)
    for token in page.select("[name=csrfmiddlewaretoken]"):
        token.decompose()
    parts = {name: page.find(id=name) for name in ["room-panel", "tool"]}
    assert all(parts.values()), parts
    return {name: str(part) for name, part in parts.items()}


def test_a_redraw_of_the_room_gets_the_panel_and_the_tool_as_the_runner_draws_them(
    client, call, frozen
):
    """What another screen asks for when a trainee or a co-mentor changed something: the clock,
    the notes and the agenda on that screen are current already."""
    frozen.move_to(T0)
    start_call(call)
    runner = client.get(_url(call), headers=HTMX)

    response = client.get(_room_part(call), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response["X-Session-Version"] == str(call.version) == runner["X-Session-Version"]
    assert "no-store" in response["Cache-Control"]
    page = parse(response)
    assert page.find(id="runner") is None
    assert not page.select("[data-countdown], .notes, .agenda")
    assert _parts(response) == _parts(runner)
    assert "Who is here" in page_text(response)


def test_the_room_part_is_asked_of_htmx_alone_and_of_a_live_session(client, call, frozen):
    frozen.move_to(T0)
    start_call(call)

    assert "Agenda" in page_text(client.get(_room_part(call)))  # a plain GET: the page
    end_call(call)
    finished = client.get(_room_part(call), headers=HTMX)
    assert finished.status_code == 204
    assert finished["HX-Redirect"] == _url(call)


@pytest.mark.parametrize("state", ["planned", "live", "finished"])
def test_an_outsider_gets_404(client, call, state):
    if state != "planned":
        start_call(call)
    if state == "finished":
        end_call(call)
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)

    assert client.get(_url(call)).status_code == 404
    assert client.get(_url(call), headers=HTMX).status_code == 404
    assert client.get(_room_part(call), headers=HTMX).status_code == 404


def test_an_unknown_session_is_404(client, group):
    assert client.get(reverse("calls:detail", args=[Call().key])).status_code == 404


def test_wrong_method(client, call):
    assert client.post(_url(call)).status_code == 405
    assert client.delete(_url(call)).status_code == 405
    assert client.post(_room_part(call), headers=HTMX).status_code == 405


# --- Query counts: constant in the length of the group's history ---------------------------------


def _past_calls(group: Group, count: int, start: datetime) -> None:
    """`count` finished sessions, one a week before `start`, with notes and attendance."""
    mentor = group.memberships.get().user
    trainees = list(group.trainees.all())
    for weeks in range(1, count + 1):
        when = start - timedelta(weeks=weeks)
        past = make_call(group, scheduled_at=when)
        start_call(past, when)
        welcome = past.segments.get(position=0)
        for trainee in trainees:
            Attendance.objects.create(call=past, trainee=trainee, status=AttendanceStatus.PRESENT)
            Note.objects.create(
                call=past,
                segment=welcome,
                trainee=trainee,
                level=NoteLevel.PRIVATE,
                author=mentor,
                body=f"How {trainee.name} was doing",
            )
        Note.objects.create(
            call=past, segment=welcome, level=NoteLevel.MENTORS, author=mentor, body="All well"
        )
        end_call(past, when + timedelta(minutes=70))


def _queries(client, url: str) -> int:
    """The queries of a page drawn afresh: the parts a page keeps are kept until what they show
    changes, and more history changes it."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_runner_and_finished_pages_do_not_grow_with_the_history(client, frozen, group):
    for name in ("Amal", "Ben", "Cleo"):
        make_trainee(group, name=name)
    frozen.move_to(T0)
    live = start_call(make_call(group, scheduled_at=T0))
    finished = make_call(group, scheduled_at=T0 - timedelta(days=2))
    start_call(finished, T0 - timedelta(days=2))
    end_call(finished, T0 - timedelta(days=2) + timedelta(minutes=70))
    _past_calls(group, 1, T0 - timedelta(days=2))
    client.get(_url(live))  # the first visit picks a thinking game

    runner, report = _queries(client, _url(live)), _queries(client, _url(finished))
    _past_calls(group, 19, T0 - timedelta(weeks=2))

    assert Call.objects.filter(group=group, ended_at__isnull=False).count() == 21
    assert _queries(client, _url(live)) == runner
    assert _queries(client, _url(finished)) == report
