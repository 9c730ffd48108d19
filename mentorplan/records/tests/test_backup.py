"""`mentorplan backup FILE` and `mentorplan restore FILE` on the database the tests run on: a
restore gives back exactly the data of the backup."""

import io
import re
import shutil
import sqlite3
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.conftest import IN_CI
from mentorplan.groups.models import Group, Trainee
from mentorplan.groups.tests.two_mentors import two_mentors, write_note
from mentorplan.testing import make_trainee

# The backup and restore connect on their own (pg_dump, pg_restore) or copy the whole file
# (SQLite): the test's data must be committed, not held in a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_tools() -> None:
    """On PostgreSQL the commands need pg_dump and pg_restore of the server's major version."""
    if connection.vendor != "postgresql":
        return
    server = connection.cursor().connection.info.server_version // 10000
    problem = None
    for tool in ["pg_dump", "pg_restore"]:
        path = shutil.which(tool)
        if path is None:
            problem = f"{tool} is not installed (apt-get install postgresql-client-{server})"
            break
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
        found = re.search(r"(\d+)\.", version)
        if found is None or int(found.group(1)) != server:
            problem = f"{tool} is not of PostgreSQL {server}: {version.strip()}"
            break
    if problem:
        if IN_CI:
            pytest.fail(problem)
        pytest.skip(problem)


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", indent=1, stdout=out)
    return out.getvalue()


def _some_data() -> Group:
    w = two_mentors()
    write_note(w.call, w.lead, NoteLevel.SHARED, "Well done everyone ✨", position=3)
    return w.group


def test_backup_then_restore_gives_the_same_data_back(tmp_path):
    group = _some_data()
    backup = tmp_path / "mentorplan.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    before = _dump()

    group.name = "Renamed after the backup"
    group.save(update_fields=["name"])
    make_trainee(group, name="Added after the backup")
    Note.objects.filter(level=NoteLevel.SHARED).delete()
    assert _dump() != before
    out = io.StringIO()
    call_command("restore", str(backup), "--yes", stdout=out)

    assert "Restored the database" in out.getvalue()
    assert _dump() == before
    assert Group.objects.get(pk=group.pk).name == "Thursday group"
    assert not Trainee.objects.filter(name="Added after the backup").exists()


def test_restore_asks_first_and_changes_nothing_without_a_yes(tmp_path, monkeypatch):
    group = _some_data()
    backup = tmp_path / "mentorplan.backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    make_trainee(group, name="Added after the backup")
    after = _dump()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    out = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(backup), stdout=out)

    assert "replaces everything in the database" in out.getvalue()
    assert _dump() == after


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    _some_data()
    before = _dump()
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    other = tmp_path / "other-program.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")

    for path in [text, other, tmp_path / "missing.backup"]:
        with pytest.raises(CommandError, match=r"not a Mentorplan backup|Cannot read"):
            call_command("restore", str(path), "--yes", stdout=io.StringIO())

    assert _dump() == before
