import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.records.export import group_data
from mentorplan.records.tests.records import NAME, story
from mentorplan.testing import make_goal, make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db


def _archive(response) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_a_mentor_downloads_the_group_as_json_and_each_session_as_markdown(client):
    s = story()
    client.force_login(s.lead)

    response = client.get(reverse("records:group_export", args=[s.group.key]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mentorplan-group-')
    files = _archive(response)
    assert sorted(files) == [
        "group.json",
        "sessions/001-" + _day(s.past),
        "sessions/002-" + _day(s.next),
    ]
    data = json.loads(files["group.json"])
    assert data["group"]["name"] == "Thursday buddies"
    assert [t["name"] for t in data["trainees"]] == ["Bob Other", NAME]
    past = data["sessions"][0]
    assert {a["trainee"] for a in past["attendance"]} == {"Bob Other", NAME}
    assert past["retro"][0]["not_understood"] == "Closures"
    assert {f["precise"] for f in past["feedback"]} >= {"Closures in callbacks"}
    assert past["moments_of_progress"][0]["text"] == "Explained her loop"
    assert data["goals"][0]["history"][0]["what_got_in_the_way"] == "Moved house"
    assert {t["title"] for t in data["topics"]} == {"Closures", "Arrays"}
    session = files["sessions/001-" + _day(s.past)]
    assert session.startswith("# Mentoring session, ")
    assert f"**Who was there:** Bob Other, {NAME}" in session
    assert "Shared note for her" in session
    assert "## Notes for mentors only" in session
    assert "Mentors' note about her" in session


def _day(call) -> str:
    from django.utils import timezone

    return f"{timezone.localdate(call.held_at, call.group.zone()).isoformat()}.md"


def test_private_notes_go_only_to_their_author(client):
    s = story()

    client.force_login(s.lead)
    lead_files = _archive(client.get(reverse("records:group_export", args=[s.group.key])))
    client.force_login(s.co_mentor)
    co_files = _archive(client.get(reverse("records:group_export", args=[s.group.key])))

    lead_text = "".join(lead_files.values())
    co_text = "".join(co_files.values())
    assert "Lena's own private note" in lead_text
    assert "Cato's private note" not in lead_text
    assert "Cato's private note" in co_text
    assert "Lena's own private note" not in co_text
    assert "your private note" in lead_files["sessions/001-" + _day(s.past)]


def test_the_group_page_links_to_the_export(client):
    s = story()
    client.force_login(s.co_mentor)

    response = client.get(reverse("groups:detail", args=[s.group.key]))

    assert "Export this group" in page_text(response)
    assert reverse("records:group_export", args=[s.group.key]) in response.content.decode()


def test_more_notes_and_goals_cost_no_more_queries():
    s = story()
    with CaptureQueriesContext(connection) as few:
        group_data(s.group, s.lead)
    for n, segment in enumerate(s.past.segments.all()):
        for level in [NoteLevel.PRIVATE, NoteLevel.MENTORS]:
            Note.objects.create(
                call=s.past, segment=segment, trainee=s.other, level=level, author=s.lead, body="…"
            )
        make_goal(s.other, text=f"Another goal {n}")

    with CaptureQueriesContext(connection) as many:
        data = group_data(s.group, s.lead)

    assert len(data["goals"]) == 7
    assert len(many) == len(few)


def test_a_mentor_of_another_group_gets_404(client):
    s = story()
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)

    response = client.get(reverse("records:group_export", args=[s.group.key]))

    assert response.status_code == 404
    assert NAME not in response.content.decode()


def test_post_is_refused(client):
    s = story()
    client.force_login(s.lead)

    response = client.post(reverse("records:group_export", args=[s.group.key]))

    assert response.status_code == 405
