"""The bench on one database: its data, an app server, and the rounds of wrk runs.

Runs in a process of its own, with DATABASE_URL pointing at the bench's database and the bench
settings (mentorplan/bench/settings.py).
"""

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import django

from mentorplan.bench.shape import MENTORS, PATHS, READERS, ROUNDS, SECONDS, STALE, WORKERS


def bench(name: str, out: Path) -> int:
    django.setup()
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse

    from mentorplan.accounts.models import User
    from mentorplan.bench import data
    from mentorplan.bench.load import Run, app_server, server_errors, wrk
    from mentorplan.bench.scale import two_servers
    from mentorplan.bench.targets import Visitor, many_readers, poll, targets, trainee
    from mentorplan.calls.models import Note

    call_command("migrate", interactive=False, verbosity=0)
    mentor = data.lead()
    if (mentor is None and User.objects.exists()) or (
        mentor is not None and User.objects.count() < MENTORS
    ):
        return STALE
    if mentor is None:
        print(f"building {MENTORS:,} mentors' history (once) ", end="", flush=True)
        mentor = data.build()
    calls = data.live_sessions(mentor)
    visitor = Visitor(mentor)
    group = {"first": str(calls["welcome"].group.key)}
    # 400 sign-ins, and 1,600 pages to warm up: only for a run that measures them.
    many = "group_page_many" in PATHS
    readers = [
        (Visitor(reader), reverse("groups:detail", args=[their.key]))
        for reader, their in (data.readers(READERS) if many else [])
    ]
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()

    skipped = {}
    links: tuple[str, str] | None = None  # a trainee's in the live session, one's between calls
    if apps.is_installed("mentorplan.room"):
        from mentorplan.room.models import TraineeLink

        amal = calls["welcome"].group.trainees.get(name="Amal")
        other, their_group = data.readers(1)[0]  # a group with no call under way
        links = (
            TraineeLink.issue(amal, by=mentor)[1],
            TraineeLink.issue(their_group.trainees.get(name="Amal"), by=other)[1],
        )
    else:
        for path in ("trainee_poll", "trainee_page", "trainee_between"):
            skipped[path] = "the trainee room (mentorplan/room) is not part of the app"
    measured = [path for path in PATHS if path not in skipped]
    result: dict[str, Any] = {"skipped": skipped}
    with app_server(dict(os.environ), f"server-{name}") as port:
        wanted = targets(port, visitor, calls, group)
        if many:
            wanted["group_page_many"] = many_readers(readers, wanted["group_page"])
        if links is not None:
            wanted.update(trainee(port, *links))
        _warm_up(port, wanted)
        floors: list[Run] = []
        runs: dict[str, list[Run]] = {path: [] for path in measured}
        ratios: dict[str, list[float]] = {path: [] for path in measured}
        for _ in range(ROUNDS):
            for path in measured:
                if path == "autosave":  # every round's writers start on fresh notes
                    Note.objects.filter(call=calls["welcome"]).delete()
                    connections.close_all()
                if path == "poll_304":
                    wanted[path] = poll(port, visitor, wanted[path]["requests"][0]["path"])
                floor = wrk(port, wanted["floor"], SECONDS)
                run = wrk(port, wanted[path], SECONDS)
                floors.append(floor)
                runs[path].append(run)
                ratios[path].append(run.rps / floor.rps)
                print(".", end="", flush=True)
        result["paths"] = {
            "floor": Run.median(floors, []),
            **{path: Run.median(runs[path], ratios[path]) for path in measured},
        }
        if name == "postgresql":
            with app_server(dict(os.environ), f"server-{name}-2") as second:
                result["two_servers"] = two_servers(port, second, visitor, calls["planned"])
    result["server_errors"] = server_errors(f"server-{name}") + server_errors(f"server-{name}-2")
    result["errors"] = {
        path: figures["errors"] for path, figures in result["paths"].items() if figures["errors"]
    }
    out.write_text(json.dumps(result, indent=2))
    return 0


def _warm_up(port: int, wanted: dict[str, dict[str, Any]]) -> None:
    """Every request twice, sent to all workers at once so that each answers it: no worker meets
    a template for the first time, or draws a page it could have kept, while it is timed."""
    from mentorplan.bench.load import fetch

    with ThreadPoolExecutor(WORKERS) as pool:
        for path, target in wanted.items():
            for request in target["requests"] * 2:
                asked = [(port, "GET", request["path"], request["headers"])] * WORKERS
                for status, _, _ in pool.map(lambda args: fetch(*args), asked):
                    if status >= 400:
                        raise RuntimeError(f"{path}: {request['path']} answered {status}.")
