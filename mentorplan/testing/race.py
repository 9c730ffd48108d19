"""Two people at once: helpers for tests of races, which need PostgreSQL.

A race test runs each request in its own thread, with its own database connection, and mark
them `django_db(transaction=True)` so that each thread sees what the others commit. SQLite lets
one writer in at a time, so there these tests are skipped.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import Model
from django.db.models.signals import pre_save

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL"
)


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run each callable in its own thread, all released together; their results, in order.
    An exception in a thread is raised here."""
    start = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            start.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # handed to the test thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


@contextmanager
def meeting_before_save(
    model: type[Model], parties: int = 2, timeout: float = 2.0
) -> Iterator[None]:
    """Hold the first save of `model` in each thread until `parties` threads have got there:
    every request has read and none has written yet, the moment a read-then-write race needs.

    Code that takes a lock before it reads never brings two threads here at once; the one that
    waits gives up after `timeout` seconds and goes on, so such code passes the test."""
    barrier = threading.Barrier(parties)
    arrived: set[int] = set()

    def wait(sender: type[Model], **kwargs: Any) -> None:
        me = threading.get_ident()
        if me in arrived:
            return
        arrived.add(me)
        with suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=timeout)

    uid = f"meeting-before-save-{id(barrier)}"
    pre_save.connect(wait, sender=model, weak=False, dispatch_uid=uid)
    try:
        yield
    finally:
        pre_save.disconnect(sender=model, dispatch_uid=uid)
