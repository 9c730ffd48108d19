"""`python -m mentorplan.bench`: the whole bench, on SQLite and (when configured) PostgreSQL.

Each database is benched by a process of its own (`--database NAME`), since Django reads its
settings once per process; this one collects their figures, prints the table and writes
bench.json at the project root.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from mentorplan.bench.load import LOGS, ROOT
from mentorplan.bench.shape import (
    CONNECTIONS,
    DATA_VERSION,
    LEAD_EMAIL,
    MENTORS,
    PATHS,
    ROUNDS,
    SECONDS,
    STALE,
    WORKERS,
)

OUTPUT = ROOT / "bench.json"
BENCH_DATABASE = "mentorplan_bench"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mentorplan.bench")
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database:
        from mentorplan.bench.database import bench

        sys.exit(bench(args.database, Path(args.out)))
    if shutil.which("wrk") is None:
        sys.exit("The bench needs wrk, the HTTP load generator: apt-get install wrk (Debian).")
    started, loaded = time.monotonic(), round(os.getloadavg()[0], 1)
    results: dict[str, Any] = {"run": _about_the_run()}
    for name, url in _databases():
        print(f"\n{name}: ", end="", flush=True)
        results[name] = _bench_database(name, url)
    results["run"]["minutes"] = round((time.monotonic() - started) / 60, 1)
    # Anything else busy on the machine shows here; the ratios are meant to cancel it out.
    results["run"]["load_average"] = {"start": loaded, "end": round(os.getloadavg()[0], 1)}
    OUTPUT.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    load = results["run"]["load_average"]
    print(
        f"\nWritten to {OUTPUT.name} in {results['run']['minutes']} minutes; the machine's load"
        f" average went from {load['start']} to {load['end']} (other work slows both the floor"
        " and the paths, and the ratios mostly cancel it out)."
    )


def _databases() -> list[tuple[str, str]]:
    """SQLite always; PostgreSQL when BENCH_DATABASE_URL, or DATABASE_URL, points at a server.
    The bench fills a database of its own, never the one DATABASE_URL names."""
    LOGS.mkdir(exist_ok=True)
    for old in LOGS.glob("bench-v*.sqlite3*"):
        if not old.name.startswith(f"bench-v{DATA_VERSION}.sqlite3"):
            old.unlink()
    found = [("sqlite", f"sqlite:///{LOGS / f'bench-v{DATA_VERSION}.sqlite3'}")]
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{BENCH_DATABASE}"))
    if url:
        found.append(("postgresql", url))
    else:
        print("PostgreSQL: skipped (set BENCH_DATABASE_URL or DATABASE_URL to bench it too).")
    return found


def _bench_database(name: str, url: str) -> dict[str, Any]:
    out = LOGS / f"result-{name}.json"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mentorplan.bench.settings"}
    command = [sys.executable, "-m", "mentorplan.bench", "--database", name, "--out", str(out)]
    if name == "postgresql":
        _create_postgres_database(url)
    code = subprocess.run(command, env=env, cwd=ROOT).returncode
    if code == STALE:  # built by another version of the bench: start again from empty
        print(f"{name}: rebuilding the bench's data.", flush=True)
        _wipe(name, url)
        code = subprocess.run(command, env=env, cwd=ROOT).returncode
    if code != 0:
        sys.exit(f"The bench on {name} failed (exit {code}); see .bench/*.log.")
    return json.loads(out.read_text())


def _create_postgres_database(url: str, *, drop: bool = False) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if drop:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _wipe(name: str, url: str) -> None:
    if name == "postgresql":
        _create_postgres_database(url, drop=True)
    else:
        for file in LOGS.glob(f"bench-v{DATA_VERSION}.sqlite3*"):
            file.unlink()


def _about_the_run() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "server": f"gunicorn, {WORKERS} sync workers, DEBUG off",
        "load": f"wrk, {CONNECTIONS} connections, {SECONDS:g} s per run, {ROUNDS} rounds",
        "data": f"{MENTORS} mentors ({LEAD_EMAIL} is the one signed in)",
    }


def table(results: dict[str, Any]) -> str:
    """The figures as a table to read in a terminal: one row per path, one column group per
    database."""
    databases = [name for name in ("sqlite", "postgresql") if name in results]
    head = f"{'path':18}" + "".join(
        f" | {name + ': rps':>16} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}" for name in databases
    )
    lines = [head, "-" * len(head)]
    for path in ["floor", *PATHS]:
        row = f"{path:18}"
        for name in databases:
            figures = results[name]["paths"].get(path)
            if figures is None:
                row += f" | {'skipped':>39}"
                continue
            row += (
                f" | {figures['rps']:16.0f} {figures['p50_ms']:7.1f} {figures['p99_ms']:7.1f}"
                f" {figures['ratio']:6.2f}"
            )
        lines.append(row)
    for name in databases:
        for path, why in results[name].get("skipped", {}).items():
            lines.append(f"{name}, {path}: skipped, {why}")
        for path, count in results[name].get("errors", {}).items():
            lines.append(f"{name}, {path}: {count} failed requests")
        scale = results[name].get("two_servers")
        if scale:
            lines.append(
                f"{name}, two app servers on one database: {scale['checks']}; "
                f"{scale['two_servers_rps']:.0f} polls/s together against "
                f"{scale['one_server_rps']:.0f} on one ({scale['ratio']:.2f}x)"
            )
    return "\n".join(lines)
