"""Fifty people typing at once for ten seconds: every autosave is answered, none with an error
("database is locked" on SQLite, a deadlock on PostgreSQL), and every text the server said it
saved is the one in the database afterwards."""

import threading
import time

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.testing import make_call, make_group, make_mentor, make_trainee, start_call

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 50
SECONDS = 10


def test_fifty_writers_for_ten_seconds_lose_nothing_they_were_told_was_saved():
    mentor = make_mentor()
    group = make_group(mentor)
    trainees = [make_trainee(group) for _ in range(WRITERS)]
    call = start_call(make_call(group))
    url = reverse("calls:note_save", args=[call.segments.get(position=0).key])
    signed_in = Client()
    signed_in.force_login(mentor)
    acknowledged: dict[str, str] = {}  # trainee key -> the last text answered 200
    failures: list[str] = []
    start = threading.Barrier(WRITERS)

    def write(trainee_key: str) -> None:
        client = Client()
        client.cookies = signed_in.cookies
        version, n = 0, 0
        try:
            start.wait(timeout=30)
            stop = time.monotonic() + SECONDS
            while time.monotonic() < stop:
                n += 1
                text = f"{trainee_key} line {n}"
                response = client.post(
                    url,
                    {
                        "level": NoteLevel.MENTORS,
                        "trainee": trainee_key,
                        "body": text,
                        "version": version,
                    },
                    headers={"Accept": "application/json"},
                )
                if response.status_code != 200:
                    failures.append(f"{response.status_code}: {response.content[:200]!r}")
                    return
                version = response.json()["version"]
                acknowledged[trainee_key] = text
        except Exception as error:  # reported below, with the others
            failures.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=[str(t.key)]) for t in trainees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)

    assert failures == []
    saved = dict(Note.objects.filter(call=call).values_list("trainee__key", "body"))
    assert {str(key): body for key, body in saved.items()} == acknowledged
    assert len(acknowledged) == WRITERS
