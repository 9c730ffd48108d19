import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.records.export import group_data
from mentorplan.records.tests.records import NAME
from mentorplan.testing import make_goal, make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db


def _archive(response) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def test_a_mentor_downloads_the_group_as_json_and_each_session_as_markdown(client, story):
    client.force_login(story.lead)

    response = client.get(reverse("records:group_export", args=[story.group.key]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mentorplan-group-')
    files = _archive(response)
    assert sorted(files) == [
        "group.json",
        "sessions/001-" + _day(story.past),
        "sessions/002-" + _day(story.next),
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
    session = files["sessions/001-" + _day(story.past)]
    assert session.startswith("# Mentoring session, ")
    assert f"**Who was there:** Bob Other, {NAME}" in session
    assert "Shared note for her" in session
    assert "## Notes for mentors only" in session
    assert "Mentors' note about her" in session


def _day(call) -> str:
    from django.utils import timezone

    return f"{timezone.localdate(call.held_at, call.group.zone()).isoformat()}.md"


def test_private_notes_go_only_to_their_author(client, story):

    client.force_login(story.lead)
    lead_files = _archive(client.get(reverse("records:group_export", args=[story.group.key])))
    client.force_login(story.co_mentor)
    co_files = _archive(client.get(reverse("records:group_export", args=[story.group.key])))

    lead_text = "".join(lead_files.values())
    co_text = "".join(co_files.values())
    assert "Lena's own private note" in lead_text
    assert "Cato's private note" not in lead_text
    assert "Cato's private note" in co_text
    assert "Lena's own private note" not in co_text
    assert "your private note" in lead_files["sessions/001-" + _day(story.past)]


def test_the_group_page_links_to_the_export(client, story):
    client.force_login(story.co_mentor)

    response = client.get(reverse("groups:detail", args=[story.group.key]))

    assert "Export this group" in page_text(response)
    assert reverse("records:group_export", args=[story.group.key]) in response.content.decode()


def test_more_notes_and_goals_cost_no_more_queries(story):
    with CaptureQueriesContext(connection) as few:
        group_data(story.group, story.lead)
    for n, segment in enumerate(story.past.segments.all()):
        for level in [NoteLevel.PRIVATE, NoteLevel.MENTORS]:
            Note.objects.create(
                call=story.past,
                segment=segment,
                trainee=story.other,
                level=level,
                author=story.lead,
                body="…",
            )
        make_goal(story.other, text=f"Another goal {n}")

    with CaptureQueriesContext(connection) as many:
        data = group_data(story.group, story.lead)

    assert len(data["goals"]) == 7
    assert len(many) == len(few)


def test_a_mentor_of_another_group_gets_404(client, story):
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)

    response = client.get(reverse("records:group_export", args=[story.group.key]))

    assert response.status_code == 404
    assert NAME not in response.content.decode()


def test_post_is_refused(client, story):
    client.force_login(story.lead)

    response = client.post(reverse("records:group_export", args=[story.group.key]))

    assert response.status_code == 405
