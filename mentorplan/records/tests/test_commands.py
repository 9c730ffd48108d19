import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mentorplan.__main__ import main
from mentorplan.groups.models import Trainee
from mentorplan.records.models import ErasureRecord
from mentorplan.records.tests.records import EMAIL, NAME

pytestmark = pytest.mark.django_db


def test_a_group_export_from_the_command_line_has_no_private_notes(tmp_path, story):
    path = tmp_path / "group.zip"

    call_command("export", "--group", str(story.group.key), "--output", str(path))

    with zipfile.ZipFile(path) as archive:
        text = "".join(archive.read(name).decode() for name in archive.namelist())
        data = json.loads(archive.read("group.json"))
    assert data["exported_by"] == "command line"
    assert "Mentors' note about her" in text
    assert "Shared note for her" in text
    assert "Lena's own private note" not in text
    assert "Cato's private note" not in text


def test_a_trainee_export_goes_to_standard_output_as_json(story):
    out = io.StringIO()

    call_command("export", "--trainee", str(story.trainee.key), stdout=out)

    data = json.loads(out.getvalue())
    assert data["trainee"]["name"] == NAME
    assert data["trainee"]["email"] == EMAIL
    assert {n["body"] for n in data["notes"]} == {"Mentors' note about her", "Shared note for her"}


def test_a_trainee_export_as_a_page_to_read(tmp_path, story):
    path = tmp_path / "record.html"

    call_command("export", "--trainee", str(story.trainee.key), "--format", "html", "-o", str(path))

    page = path.read_text()
    assert f"What Mentorplan holds about {NAME}" in page
    assert "Lena&#x27;s own private note" not in page and "Lena's own private note" not in page


@pytest.mark.parametrize(
    "args",
    [
        ["--trainee", "not-a-key"],
        ["--group", "00000000-0000-4000-8000-000000000000"],
        ["--group", "00000000-0000-4000-8000-000000000000", "--format", "html"],
    ],
)
@pytest.mark.usefixtures("story")
def test_a_wrong_key_or_format_says_so(args):
    with pytest.raises(CommandError):
        call_command("export", *args, stdout=io.StringIO())


def test_the_help_says_the_command_line_exports_no_private_notes(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])

    help_text = " ".join(capsys.readouterr().out.split())
    assert "Private notes are never exported from the command line" in help_text


def test_mentorplan_help_lists_both_commands(capsys):
    main(["--help"])

    out = capsys.readouterr().out
    assert "\n  export " in out
    assert "\n  erase-trainee KEY " in out


def test_erase_with_yes_records_the_operator(story):
    out = io.StringIO()

    call_command("erase-trainee", str(story.trainee.key), "--yes", "--by", "Priya", stdout=out)

    assert not Trainee.objects.filter(name=NAME).exists()
    record = ErasureRecord.objects.get()
    assert record.by == "command line (Priya)"
    assert record.erased_by is None
    assert str(record.key) in out.getvalue()


def test_erase_asks_for_the_name_and_a_wrong_one_erases_nothing(monkeypatch, story):
    monkeypatch.setattr("builtins.input", lambda prompt: "Bob Other")

    with pytest.raises(CommandError, match="Nothing was erased"):
        call_command("erase-trainee", str(story.trainee.key), stdout=io.StringIO())

    assert Trainee.objects.filter(pk=story.trainee.pk).exists()
    assert not ErasureRecord.objects.exists()


def test_erase_with_the_right_name_typed(story):
    out = io.StringIO()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("builtins.input", lambda prompt: NAME.lower())
        call_command("erase-trainee", str(story.trainee.key), stdout=out)

    assert f"This erases {NAME} of Thursday buddies for good" in out.getvalue()
    assert not Trainee.objects.filter(pk=story.trainee.pk).exists()
    assert ErasureRecord.objects.get().by == "command line"
