import json

import pytest
from django.urls import reverse

from mentorplan.records.tests.records import EMAIL, NAME, SLACK
from mentorplan.testing import make_group, make_mentor, page_text

pytestmark = pytest.mark.django_db


def test_the_page_shows_everything_about_the_trainee_in_plain_words(client, story):
    client.force_login(story.lead)

    response = client.get(reverse("records:trainee_export", args=[story.trainee.key]))

    assert response.status_code == 200
    text = page_text(response)
    for expected in [
        f"What Mentorplan holds about {NAME}",
        EMAIL,
        SLACK,
        "she/her",
        "What did not make sense Closures",
        "Arrays: Understood, understood on",
        "Finish the closures kata",
        "What got in the way: Moved house",
        "Closures in callbacks",
        "Lena's own private note",
        "Mentors' note about her",
        "Shared note for her",
        "Explained her loop",
        "Closures guide",
        f"to {EMAIL}",
    ]:
        assert expected in text, expected
    assert "Cato's private note" not in text
    assert "Bob Other" not in text
    assert "Pairs well with" not in text


def test_json_and_a_web_page_to_download(client, story):
    client.force_login(story.lead)
    url = reverse("records:trainee_export", args=[story.trainee.key])

    as_json = client.get(url, {"format": "json"})
    as_html = client.get(url, {"format": "html"})

    assert as_json["Content-Type"] == "application/json"
    assert as_json["Content-Disposition"].endswith('.json"')
    data = json.loads(as_json.content)
    assert data["trainee"]["name"] == NAME
    assert data["trainee"]["email"] == EMAIL
    assert [g["goal"] for g in data["goals"]] == ["Finish the closures kata"]
    assert len(data["reminders_sent"]) == 2
    assert {n["body"] for n in data["notes"]} == {
        "Lena's own private note",
        "Mentors' note about her",
        "Shared note for her",
    }
    assert as_html["Content-Disposition"].endswith('.html"')
    assert "Explained her loop" in page_text(as_html)
    assert "<script" not in as_html.content.decode()


def test_an_unknown_format_says_so(client, story):
    client.force_login(story.lead)

    response = client.get(
        reverse("records:trainee_export", args=[story.trainee.key]), {"format": "pdf"}
    )

    assert response.status_code == 400
    assert "That download format does not exist" in page_text(response)


def test_a_mentor_of_another_group_gets_404(client, story):
    outsider = make_mentor()
    make_group(outsider)
    client.force_login(outsider)
    url = reverse("records:trainee_export", args=[story.trainee.key])

    for response in [client.get(url), client.get(url, {"format": "json"})]:
        assert response.status_code == 404
        assert NAME not in response.content.decode()


def test_post_is_refused(client, story):
    client.force_login(story.lead)

    response = client.post(reverse("records:trainee_export", args=[story.trainee.key]))

    assert response.status_code == 405
