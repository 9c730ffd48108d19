"""`make bench`: how fast the hot paths are, side by side with a framework floor.

Builds a mentor with two years of fortnightly sessions in a fresh database, then times each hot
path with Django's test client and prints its median time and its ratio to the floor (a trivial
view on the same stack). Ratios stay comparable across machines; the absolute times do not.
"""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta

ROUNDS = 200


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorplan.settings_test")
    folder = tempfile.TemporaryDirectory()
    # Always a throw-away database: the bench fills it with two years of made-up history.
    os.environ["DATABASE_URL"] = f"sqlite:///{folder.name}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import clear_url_caches, path, reverse
    from django.utils import timezone

    from mentorplan import urls
    from mentorplan.calls.models import Action, NoteLevel
    from mentorplan.testing import (
        check_in,
        make_call,
        make_goal,
        make_group,
        make_mentor,
        make_topic,
        make_trainee,
    )

    setup_test_environment()
    call_command("migrate", verbosity=0)

    def floor(request: object) -> HttpResponse:
        return HttpResponse("ok")

    urls.urlpatterns.append(path("bench-floor/", floor, name="bench_floor"))
    clear_url_caches()

    mentor = make_mentor()
    group = make_group(mentor)
    trainees = [make_trainee(group) for _ in range(3)]
    now = timezone.now()
    for weeks in range(104, 0, -2):  # two years of fortnightly sessions
        call = make_call(group, scheduled_at=now - timedelta(weeks=weeks))
        call.control(Action.START, now=call.scheduled_at)
        for trainee in trainees:
            check_in(call, trainee)
            make_goal(trainee, deadline=timezone.localdate(call.scheduled_at))
        make_topic(call, f"Topic {weeks}", *trainees)
        call.control(Action.END, now=call.scheduled_at + timedelta(minutes=75))
    live = make_call(group)
    live.control(Action.START, now=timezone.now())
    segment = live.segments.first()
    assert segment is not None

    client = Client()
    client.force_login(mentor)
    state_url = reverse("calls:state", args=[live.key])
    etag = client.get(state_url)["ETag"]
    note_url = reverse("calls:note_save", args=[segment.key])
    version = [0]

    def save_note() -> object:
        response = client.post(
            note_url, {"level": NoteLevel.MENTORS, "body": "x", "version": version[0]}
        )
        version[0] += 1
        return response

    cases: list[tuple[str, Callable[[], object]]] = [
        ("floor (trivial view)", lambda: client.get("/bench-floor/")),
        (
            "live state poll, unchanged (304)",
            lambda: client.get(state_url, HTTP_IF_NONE_MATCH=etag),
        ),
        ("note autosave", save_note),
        ("runner page", lambda: client.get(reverse("calls:detail", args=[live.key]))),
        ("group page", lambda: client.get(reverse("groups:detail", args=[group.key]))),
        ("goals board (2 years)", lambda: client.get(reverse("goals:board", args=[group.key]))),
        (
            "sessions list (2 years)",
            lambda: client.get(reverse("calls:group_calls", args=[group.key])),
        ),
    ]
    results = []
    for name, run in cases:
        run()  # warm up
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        results.append((name, statistics.median(times)))
    base = results[0][1]
    print(f"{'path':40} {'median':>10} {'x floor':>8}")
    for name, median in results:
        print(f"{name:40} {median * 1000:8.2f}ms {median / base:8.1f}")
    folder.cleanup()


if __name__ == "__main__":
    main()
