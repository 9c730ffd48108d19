"""What every screen of a live session asks for again and again costs the database the same after
one past session or five: the poll, the note autosave and the runner in each segment."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import Call, NoteLevel
from mentorplan.groups.models import Group
from mentorplan.plans.models import SegmentKind
from mentorplan.room.models import TraineeLink
from mentorplan.room.presence import Hand, HandKind
from mentorplan.testing import at_segment, make_call, make_mentor, make_trainee, start_call
from mentorplan.testing.history import group_with_past, poll_address, queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(client) -> tuple[Group, Group]:
    """Two groups of one signed-in mentor: one with a single past session, one with five."""
    mentor = make_mentor()
    client.force_login(mentor)
    return group_with_past(mentor, 1), group_with_past(mentor, 5)


def _live(group: Group) -> Call:
    return start_call(make_call(group))


def _state(call: Call) -> str:
    return reverse("calls:state", args=[call.key])


def test_an_unchanged_poll_asks_one_question(client, groups):
    for group in groups:
        call = _live(group)
        url = poll_address(client, call)
        etag = client.get(url)["ETag"]

        queries = queries_of(client, "GET", url, headers={"If-None-Match": etag})

        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert len(queries) == 1


def test_a_poll_that_brings_a_change_costs_the_same_after_one_session_or_five(client, groups):
    short, long = (len(queries_of(client, "GET", _state(_live(group)))) for group in groups)

    assert short == long


def _save(client, call: Call, version: int, body: str) -> int:
    """An autosave of the mentors' note on the session's first segment, as notes.js sends it;
    the number of queries it took."""
    segment = call.segments.get(position=0)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("calls:note_save", args=[segment.key]),
            {"level": NoteLevel.MENTORS, "body": body, "version": version},
            headers={"Accept": "application/json"},
        )
    assert response.status_code == 200
    assert response.json()["version"] == version + 1
    return len(captured)


def test_an_autosave_costs_the_same_after_one_session_or_five(client, groups):
    counts = []
    for group in groups:
        call = _live(group)
        _save(client, call, 0, "Amal has a new job")  # the first save makes the note
        counts.append(_save(client, call, 1, "Amal has a new job and studies at night"))

    assert counts[0] == counts[1]


def test_an_autosave_of_a_note_that_exists_is_one_update_besides_the_sign_in(client, groups):
    call = _live(groups[0])
    _save(client, call, 0, "Amal has a new job")
    segment = call.segments.get(position=0)

    with CaptureQueriesContext(connection) as captured:
        client.post(
            reverse("calls:note_save", args=[segment.key]),
            {"level": NoteLevel.MENTORS, "body": "Amal has a new job", "version": 1},
            headers={"Accept": "application/json"},
        )

    sign_in = re.compile(r"FROM \"?accounts_signinsession\"? ")
    queries = [q["sql"] for q in captured.captured_queries]
    assert len(queries) == 2
    assert sign_in.search(queries[0])
    assert queries[1].startswith("UPDATE")


@pytest.mark.parametrize("kind", [kind for kind in SegmentKind if kind != SegmentKind.OTHER])
def test_the_runner_costs_the_same_in_each_segment_after_one_session_or_five(client, groups, kind):
    runners = [reverse("calls:detail", args=[at_segment(_live(g), kind).key]) for g in groups]

    short, long = (len(queries_of(client, "GET", url)) for url in runners)

    assert short == long


@pytest.mark.parametrize("kind", [SegmentKind.WELCOME, SegmentKind.TECHNICAL])
def test_a_runner_drawn_afresh_costs_the_same_after_one_session_or_five(client, groups, kind):
    """The segments whose tools are kept, drawn with nothing kept (the first screen after a
    change)."""
    runners = [reverse("calls:detail", args=[at_segment(_live(g), kind).key]) for g in groups]

    def afresh(url: str) -> int:
        client.get(url)  # what a first visit does once (a game picked) is not counted
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert afresh(runners[0]) == afresh(runners[1])


@pytest.mark.parametrize("kind", [SegmentKind.WELCOME, SegmentKind.TECHNICAL])
def test_the_runner_and_its_room_redraw_ask_once_for_everything_the_segment_shows(
    client, groups, kind
):
    """In the segments whose tools are kept, besides who is signed in and the session: the
    reader's notes, the room (with a trainee in it and a raised hand) and what the tools are
    drawn from, in one trip."""
    call = at_segment(_live(groups[1]), kind)
    amal = make_trainee(groups[1], name="Amal")
    TraineeLink.issue(amal)[0].record_open()
    Hand.raise_for(call, amal, HandKind.STUCK)
    runner = reverse("calls:detail", args=[call.key])

    for url, headers in ((runner, {}), (f"{runner}?part=room", {"HX-Request": "true"})):
        queries = queries_of(client, "GET", url, headers=headers)
        page = client.get(url, headers=headers).content.decode()

        assert len(queries) == 3, queries
        assert "Amal" in page and "stuck" in page
