"""The load side of the bench: app servers as production runs them, and `wrk` runs against them."""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentorplan.bench.shape import CONNECTIONS, WORKERS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LOGS = ROOT / ".bench"

# What every request says: it came through the HTTPS proxy on this machine (127.0.0.1 is a
# trusted proxy by default), and it takes compressed answers, as browsers do.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, deflate, br"}


@dataclass
class Run:
    """One wrk run: complete screens (or saves) per second and the latency of one request."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    @staticmethod
    def median(runs: "list[Run]", ratios: list[float]) -> dict[str, float]:
        return {
            "rps": round(statistics.median(run.rps for run in runs), 1),
            "p50_ms": round(statistics.median(run.p50_ms for run in runs), 2),
            "p99_ms": round(statistics.median(run.p99_ms for run in runs), 2),
            "ratio": round(statistics.median(ratios), 3) if ratios else 1.0,
            "errors": sum(run.errors for run in runs),
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def app_server(env: dict[str, str], name: str) -> Iterator[int]:
    """gunicorn with the bench settings on a free loopback port, stopped on the way out."""
    port = free_port()
    LOGS.mkdir(exist_ok=True)
    log = LOGS / f"{name}.log"
    log.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "mentorplan.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--backlog=2048",
        f"--error-logfile={log}",
        "--log-level=warning",
    ]
    output = log.with_suffix(".out")
    with output.open("w") as printed:  # what Django itself logs, warnings and errors
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=printed, stderr=printed)
    try:
        _wait_until_up(port, server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The app server stopped at start (exit {server.returncode}).")
        try:
            if fetch(port, "GET", "/bench/floor/")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("The app server did not answer within a minute.")


def server_errors(name: str) -> list[str]:
    """Lines of the app server's log that tell of an error."""
    words = ("Traceback", "ERROR", "Internal Server Error", "database is locked")
    found = []
    for log in (LOGS / f"{name}.log", LOGS / f"{name}.out"):
        if log.exists():
            found += [
                line for line in log.read_text().splitlines() if any(w in line for w in words)
            ]
    return found


def fetch(
    port: int, method: str, path: str, headers: dict[str, str] | None = None, body: str = ""
) -> tuple[int, dict[str, str], bytes]:
    """One request through the (pretend) proxy: status, headers and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        sent = {**PROXY_HEADERS, **(headers or {}), "Accept-Encoding": "identity"}
        connection.request(method, path, body=body.encode() or None, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wrk(port: int, target: dict[str, Any], seconds: int) -> Run:
    """Load `port` with `target` (see load.lua) from CONNECTIONS people at once, for `seconds`."""
    config = _lua({**target, "threads": CONNECTIONS})
    script = f"config = {config}\n" + (HERE / "load.lua").read_text()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=LOGS, delete=False) as file:
        file.write(script)
    try:
        command = [
            "wrk",
            f"--threads={CONNECTIONS}",
            f"--connections={CONNECTIONS}",
            f"--duration={seconds}s",
            "--timeout=30s",
            f"--script={file.name}",
            f"http://127.0.0.1:{port}",
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(file.name)
    # Requests still queued when wrk stops are answered before the next run starts, so that
    # they do not count against it: the server is idle once a request sent now comes back.
    fetch(port, "GET", "/bench/floor/")
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    if not figures["requests"]:
        raise RuntimeError(f"No request was answered in {seconds} s:\n{output}")
    per_set = figures["per_set"]
    return Run(
        # A screen of several requests counts once, and its latency is that of its requests.
        rps=figures["requests"] / per_set / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] * per_set / 1000,
        p99_ms=figures["p99_us"] * per_set / 1000,
        errors=figures["errors"] + figures["status_errors"],
    )


def _lua(value: object) -> str:
    """`value` (dicts, lists, text, numbers, None) written as a Lua value."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        assert value.isascii(), value
        return json.dumps(value)  # plain ASCII in double quotes reads the same in Lua
    if isinstance(value, list | tuple):
        return "{" + ", ".join(_lua(item) for item in value) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))
