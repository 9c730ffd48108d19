"""The bench's figures in one place. `BENCH_SECONDS`, `BENCH_ROUNDS` and `BENCH_PATHS` (names
separated by commas) in the environment shorten a trial run; the README quotes runs with the
defaults."""

import os

# Bump when the shape of the data changes: a database built for another version is rebuilt.
DATA_VERSION = 1
LEAD_EMAIL = f"bench-lead-v{DATA_VERSION}@example.org"
MENTORS = 1000
STALE = 75  # a database process's exit code: its data is from another version, rebuild it
SESSIONS = 26  # a year of fortnightly sessions in each of the lead's groups
OPEN_TOPICS = 3  # topics still not understood: what the runner's topic queue shows
# Mentors who each ask for their own group's page in turn (group_page_many): more than Django's
# cache keeps unless told otherwise (300), as on a busy evening.
READERS = 400

SECONDS = int(os.environ.get("BENCH_SECONDS", "2"))  # one wrk run
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
# People waiting on the server at once: enough to keep both workers busy all the time, few
# enough that the latency is mostly the server's work rather than a queue, and that the
# requests still queued when a run stops are answered quickly.
CONNECTIONS = 16
WORKERS = 2  # gunicorn sync workers per app server

# The paths, in the order they run in each round. A path whose screen needs several requests
# (a page and the panels it loads) counts one complete set as one.
ALL_PATHS = [
    "poll_304",
    "poll_200",
    "autosave",
    "runner",
    "runner_technical",
    "group_page",
    "group_page_many",
    "goals_board",
    "sessions",
    "finished",
    "summary",
    "trainee_poll",
    "trainee_page",
    "trainee_between",
]
CHOSEN = [name.strip() for name in os.environ.get("BENCH_PATHS", "").split(",") if name.strip()]
PATHS = [name for name in ALL_PATHS if name in CHOSEN] if CHOSEN else ALL_PATHS
if unknown := sorted(set(CHOSEN) - set(ALL_PATHS)):
    raise SystemExit(
        f"BENCH_PATHS names no such path: {', '.join(unknown)}. The paths: {', '.join(ALL_PATHS)}."
    )
