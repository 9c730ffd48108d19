"""The CSV for the course tracker's mentoring sheet: Name, Region, Date, Staff, Status, Notes,
then the three PEA parts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Group
from mentorplan.testing import (
    end_call,
    make_call,
    make_feedback,
    make_group,
    make_history,
    make_mentor,
    make_trainee,
)

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
HEADER = ["Name", "Region", "Date", "Staff", "Status", "Notes", "Precise", "Evidence", "Actionable"]


@pytest.fixture
def group(client) -> Group:
    mentor = make_mentor(display_name="Sam Mentor")
    client.force_login(mentor)
    group = make_group(mentor, name="Evening group", region="North West")
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return group


@pytest.fixture
def call(group) -> Call:
    when = timezone.now() - timedelta(days=3)
    return end_call(make_call(group, scheduled_at=when), when)


def _url(group: Group) -> str:
    return reverse("feedback:export", args=[group.key])


def _rows(response) -> list[list[str]]:
    """The rows as a spreadsheet reads them: UTF-8, with the byte order mark Excel looks for."""
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_export(client, group, call):
    make_feedback(
        call,
        group.trainees.get(name="Amal"),
        status="concern",
        reasons=["falling_behind"],
        precise="Returning a value from a function",
        evidence="Could not return a value in last week's homework",
        actionable="Functions need another session",
    )
    make_feedback(
        call,
        group.trainees.get(name="Ben"),
        status="beyond",
        reasons=[],
        precise="Async",
        evidence="",
        actionable="",
    )

    response = client.get(_url(group))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mentoring-')
    date = timezone.localdate(call.scheduled_at).isoformat()
    assert _rows(response) == [
        HEADER,
        [
            "Amal",
            "North West",
            date,
            "Sam Mentor",
            "Concern",
            "Falling behind — Returning a value from a function — Could not return a value in "
            "last week's homework — Functions need another session",
            "Returning a value from a function",
            "Could not return a value in last week's homework",
            "Functions need another session",
        ],
        [
            "Ben",
            "North West",
            date,
            "Sam Mentor",
            "Beyond — needs extension work",
            "Async",
            "Async",
            "",
            "",
        ],
    ]


def test_the_header_starts_with_the_trackers_columns(client, group):
    header = _rows(client.get(_url(group)))[0]

    assert header[:6] == ["Name", "Region", "Date", "Staff", "Status", "Notes"]
    assert header[6:] == ["Precise", "Evidence", "Actionable"]


def test_the_file_opens_in_a_spreadsheet_with_names_as_typed(client, group, call):
    """Excel reads a CSV without a byte order mark in the computer's old code page: "ZoÃ«"."""
    make_feedback(call, make_trainee(group, name="Zoë Ñúñez"), precise="Café — “naïve” 日本")

    response = client.get(_url(group))

    content = response.content
    assert content.startswith(BOM) and content.count(BOM) == 1
    assert "Zoë Ñúñez".encode() in content
    rows = _rows(response)
    assert rows[0] == HEADER
    assert rows[1][0] == "Zoë Ñúñez" and rows[1][6] == "Café — “naïve” 日本"


def test_an_empty_export_has_the_header_only(client, group):
    assert _rows(client.get(_url(group))) == [HEADER]


def test_oldest_first_one_row_per_trainee_per_session(client, group):
    make_history(group, 3)

    rows = _rows(client.get(_url(group)))[1:]

    assert [row[0] for row in rows] == ["Amal", "Ben"] * 3
    dates = [row[2] for row in rows]
    assert dates == sorted(dates)


def test_htmx_gets_the_same_file(client, group, call):
    make_feedback(call, group.trainees.get(name="Amal"))

    plain = client.get(_url(group))
    htmx = client.get(_url(group), headers={"HX-Request": "true"})

    assert _rows(htmx) == _rows(plain)


def test_an_outsider_gets_404(client, group, call):
    make_feedback(call, group.trainees.get(name="Amal"))
    client.force_login(make_mentor())

    response = client.get(_url(group))

    assert response.status_code == 404
    assert "Amal" not in response.content.decode()


def test_wrong_method(client, group):
    assert client.post(_url(group)).status_code == 405


def test_private_and_mentors_notes_are_in_no_cell(client, group, call):
    amal = group.trainees.get(name="Amal")
    make_feedback(call, amal, status="concern", reasons=["personal"])
    author = group.memberships.get().user
    for level, position in [(NoteLevel.PRIVATE, 0), (NoteLevel.MENTORS, 3), (NoteLevel.PRIVATE, 3)]:
        for trainee in [amal, None]:
            Note.objects.get_or_create(
                call=call,
                segment=call.segments.get(position=position),
                trainee=trainee,
                level=level,
                author=author,
                defaults={"body": f"Zebra {level}: moving house, money worries"},
            )

    rows = _rows(client.get(_url(group)))

    assert len(rows) == 2
    for row in rows:
        for cell in row:
            assert "Zebra" not in cell
            assert "money" not in cell


def test_another_groups_feedback_is_not_exported(client, group, call):
    other = make_group(group.memberships.get().user, name="Morning group", region="Scotland")
    dana = make_trainee(other, name="Dana")
    make_feedback(end_call(make_call(other)), dana, precise="Morning group's recursion")
    make_feedback(call, group.trainees.get(name="Amal"))

    rows = _rows(client.get(_url(group)))

    assert [row[0] for row in rows[1:]] == ["Amal"]
    assert not any(
        "Morning" in cell or "Dana" in cell or "Scotland" in cell for row in rows for cell in row
    )


@pytest.mark.parametrize(
    "formula",
    ["=1+1", '=HYPERLINK("http://evil.example","click")', "+1", "-1", "@SUM(A1)"]
    + ["\t=1+1", "\r=1+1", "\r\n=1+1"],
)
def test_a_cell_that_looks_like_a_formula_stays_text(client, group, call, formula):
    trainee = make_trainee(group, name=formula)
    make_feedback(call, trainee, reasons=[], precise=formula, evidence=formula, actionable=formula)

    rows = [row for row in _rows(client.get(_url(group)))[1:] if formula in row[0]]

    assert len(rows) == 1
    row = rows[0]
    for column in ["Name", "Notes", "Precise", "Evidence", "Actionable"]:
        cell = row[HEADER.index(column)]
        assert cell[0] not in "=+-@\t\r", f"{column} would run as a formula: {cell!r}"
        assert formula in cell


@pytest.mark.parametrize("evil", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_markup_is_exported_as_plain_text_in_a_file_that_is_not_a_page(client, group, call, evil):
    make_feedback(
        call, make_trainee(group, name=evil), precise=evil, evidence=evil, actionable=evil
    )

    response = client.get(_url(group))

    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    row = next(row for row in _rows(response) if row[0] == evil)
    assert row[6:] == [evil, evil, evil]


def test_multiline_notes_stay_in_their_cell(client, group, call):
    make_feedback(
        call,
        group.trainees.get(name="Amal"),
        precise='Loops\nand, "quotes"',
        evidence="",
        actionable="",
    )

    rows = _rows(client.get(_url(group)))

    assert len(rows) == 2
    assert rows[1][6] == 'Loops\nand, "quotes"'


def test_the_number_of_queries_does_not_grow_with_history(client, group):
    few = make_group(group.memberships.get().user)
    make_trainee(few, name="Amal")
    make_trainee(few, name="Ben")
    make_history(few, 1)
    make_history(group, 15)

    counts = []
    for target in [few, group]:
        with CaptureQueriesContext(connection) as captured:
            rows = _rows(client.get(_url(target)))
        counts.append(len(captured))
        assert len(rows) > 1

    assert counts[0] == counts[1]
