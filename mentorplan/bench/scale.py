"""Two app servers, one PostgreSQL: a session started through one server and run through the
other reads the same everywhere, and the two servers' throughput together against one's.

App servers keep nothing of a session in memory: every answer comes from the database, so any
server can take any request. This step shows it with real servers, the way a load balancer
would spread one mentor's clicks, a co-mentor's notes and everyone's polls over them.
"""

import json
import threading
from typing import Any

from django.db import connections
from django.urls import reverse

from mentorplan.bench.load import Run, fetch, wrk
from mentorplan.bench.shape import SECONDS
from mentorplan.bench.targets import Visitor, poll
from mentorplan.calls.models import Call, Note, NoteLevel, Status


class Mismatch(AssertionError):
    """The two servers, or a server and the database, told different stories."""


def two_servers(first: int, second: int, visitor: Visitor, call: Call) -> dict[str, Any]:
    steps = _run_across(first, second, visitor, call)
    state = reverse("calls:state", args=[call.key])
    target = poll(first, visitor, state)
    one = wrk(first, target, SECONDS)
    both = _at_once([(first, target), (second, target)])
    together = sum(run.rps for run in both)
    return {
        "checks": f"{steps} steps, the same on both servers",
        "one_server_rps": round(one.rps, 1),
        "two_servers_rps": round(together, 1),
        "ratio": round(together / one.rps, 2),
        "errors": one.errors + sum(run.errors for run in both),
    }


def _run_across(first: int, second: int, visitor: Visitor, call: Call) -> int:
    """Start `call` through the first server and drive it through the second, checking after
    each step that both servers and the database agree. Returns the number of steps."""
    control = reverse("calls:control", args=[call.key])
    steps = [
        (first, {"action": "start"}, Status.LIVE, 0),
        (second, {"action": "next"}, Status.LIVE, 1),
        (second, {"action": "pause"}, Status.PAUSED, 1),
        (first, {"action": "resume"}, Status.LIVE, 1),
        (second, {"action": "next"}, Status.LIVE, 2),
    ]
    for port, press, status, position in steps:
        seen = _state(first if port == second else second, visitor, call)
        _expect(visitor.post(port, control, expected=seen["version"], **press)[0], 302)
        _agree(first, second, visitor, call, status, position)
    _notes_across(first, second, visitor, call)
    _expect(visitor.post(second, control, action="end")[0], 302)
    _agree(first, second, visitor, call, Status.ENDED, None)
    return len(steps) + 2


def _notes_across(first: int, second: int, visitor: Visitor, call: Call) -> None:
    """A note saved through one server is what the other server's save is checked against."""
    connections.close_all()
    segment = call.segments.get(position=2)
    path = reverse("calls:note_save", args=[segment.key])
    saved = visitor.post(second, path, level=NoteLevel.MENTORS, version=0, body="Second")
    _expect(saved[0], 200)
    # The first server knows the note is at version 1 now: a save on version 0 is a conflict.
    _expect(visitor.post(first, path, level=NoteLevel.MENTORS, version=0, body="x")[0], 409)
    again = visitor.post(first, path, level=NoteLevel.MENTORS, version=1, body="First")
    _expect(json.loads(again[2])["version"], 2)
    note = Note.objects.get(segment=segment, level=NoteLevel.MENTORS)
    _expect((note.body, note.version), ("First", 2))
    connections.close_all()


def _agree(
    first: int, second: int, visitor: Visitor, call: Call, status: str, position: int | None
) -> None:
    one, other = _state(first, visitor, call), _state(second, visitor, call)
    _expect(one["version"], other["version"])
    _expect(one["status"], status)
    _expect(other["status"], status)
    connections.close_all()
    call.refresh_from_db()
    _expect((call.version, call.current_position), (one["version"], position))
    # A screen that is up to date gets "not modified" from either server.
    state = reverse("calls:state", args=[call.key])
    for port in (first, second):
        etag = fetch(port, "GET", state, visitor.headers())[1]["ETag"]
        headers = visitor.headers({"If-None-Match": etag})
        _expect(fetch(first if port == second else second, "GET", state, headers)[0], 304)


def _state(port: int, visitor: Visitor, call: Call) -> dict[str, Any]:
    status, _, body = fetch(port, "GET", reverse("calls:state", args=[call.key]), visitor.headers())
    _expect(status, 200)
    return dict(json.loads(body))


def _expect(found: object, wanted: object) -> None:
    if found != wanted:
        raise Mismatch(f"expected {wanted!r}, found {found!r}")


def _at_once(loads: list[tuple[int, dict[str, Any]]]) -> list[Run]:
    runs: list[Run] = []

    def one(port: int, target: dict[str, Any]) -> None:
        runs.append(wrk(port, target, SECONDS))

    threads = [threading.Thread(target=one, args=load) for load in loads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return runs
