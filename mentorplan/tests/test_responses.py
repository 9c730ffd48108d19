"""What every response says about caching and compression: pages with someone's data are kept
by nobody else, and HTML travels compressed."""

import gzip

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from mentorplan.testing import (
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    start_call,
)

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


@pytest.fixture
def pages(client):
    mentor = make_mentor()
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    client.force_login(mentor)
    return {
        "group page": reverse("groups:detail", args=[group.key]),
        "feedback for the team": reverse("feedback:team", args=[group.key]),
        "the team's CSV": reverse("feedback:export", args=[group.key]),
        "summary": reverse("wrapup:summary", args=[call.key]),
        "invite": reverse("wrapup:invite", args=[call.key]),
        "calendar settings": reverse("wrapup:feed_settings"),
        "profile": reverse("accounts:profile"),
        "group export": reverse("records:group_export", args=[group.key]),
        "runner": reverse("calls:detail", args=[call.key]),
        "live state": reverse("calls:state", args=[call.key]),
    }


def test_pages_with_private_data_are_not_stored_by_anyone(client, pages):
    pages.pop("live state")  # revalidated with its ETag: see below
    for name, url in pages.items():
        response = client.get(url)

        assert response.status_code == 200, name
        assert {"private", "no-store"} <= _directives(response), name


def test_a_logged_out_page_with_a_form_is_not_stored_either(client):
    response = client.get(reverse("accounts:login"))

    assert {"private", "no-store"} <= _directives(response)


def test_a_view_that_allows_some_caching_keeps_it_but_only_for_its_reader(client, pages):
    # The live state: the browser keeps it and asks again with its ETag (304 when unchanged).
    response = client.get(pages["live state"])

    assert "private" in _directives(response)
    assert "no-store" not in _directives(response)
    assert "public" not in _directives(response)


def test_pages_carry_the_content_security_policy_and_an_unchanged_poll_needs_none(client, pages):
    """A 304 has no body: the browser keeps its copy, and that copy's policy. The poll answers
    most requests so, every few seconds from every open screen."""
    for name in ["runner", "group page", "live state"]:
        assert "script-src 'self'" in client.get(pages[name])["Content-Security-Policy"], name

    etag = client.get(pages["live state"])["ETag"]
    unchanged = client.get(pages["live state"], headers={"If-None-Match": etag})

    assert unchanged.status_code == 304
    assert "Content-Security-Policy" not in unchanged
    assert unchanged["ETag"] == etag


def test_static_files_stay_publicly_cacheable(client):
    response = client.get("/static/css/mentorplan.css")

    assert response.status_code == 200
    assert "private" not in _directives(response)
    assert "no-store" not in _directives(response)
    assert (get_max_age(response) or 0) > 0


def test_html_is_compressed_when_the_browser_accepts_it(client, pages):
    plain = client.get(pages["runner"])
    compressed = client.get(pages["runner"], headers=GZIP)

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    page = gzip.decompress(compressed.content).decode()
    assert "<h1" in page
    assert len(compressed.content) < len(plain.content) / 2
