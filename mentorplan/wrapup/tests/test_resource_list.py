"""The resource library: the starter set and the mentor's own links, and adding one."""

import pytest
from django.urls import reverse

from mentorplan.testing import field_errors, make_mentor, page_text
from mentorplan.wrapup.models import Resource

pytestmark = pytest.mark.django_db

URL = reverse("wrapup:resources")


def _add(client, **fields: str):
    data = {"title": "Flexbox froggy", "url": "https://flexboxfroggy.com/", "tags": "css"} | fields
    return client.post(URL, data)


def test_the_library_lists_the_starter_set_and_my_own_links_only(client, mentor):
    Resource.objects.create(owner=mentor, title="My favourite kata", url="https://example.org/k")
    Resource.objects.create(owner=make_mentor(), title="Not yours", url="https://example.org/n")

    response = client.get(URL)

    assert response.status_code == 200
    text = page_text(response)
    assert "My favourite kata" in text
    assert "How to ask a good question" in text  # the starter set
    assert "Not yours" not in text
    assert 'rel="noopener noreferrer"' in response.content.decode()


def test_adding_a_resource(client, mentor):
    response = _add(client)

    assert response.status_code == 302
    assert response["Location"] == URL
    resource = Resource.objects.get(title="Flexbox froggy")
    assert (resource.owner, resource.url, resource.tag_list) == (
        mentor,
        "https://flexboxfroggy.com/",
        ["css"],
    )
    assert "“Flexbox froggy” is in your library." in page_text(client.get(URL))


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JAVASCRIPT://example.org/%0aalert(1)",
        "ftp://example.org/file",
    ],
)
def test_a_link_that_is_not_a_web_address_is_refused(client, mentor, url):
    response = _add(client, url=url)

    assert response.status_code == 200
    assert field_errors(response, "id_url") in (
        ["Give a full web address starting with https://."],
        ["Only web links (http or https) can be shared."],
    )
    assert not Resource.objects.filter(owner=mentor).exists()


def test_an_empty_title_is_refused(client, mentor):
    response = _add(client, title="  ")

    assert response.status_code == 200
    assert field_errors(response, "id_title") == ["Give the resource a title."]
    assert not Resource.objects.filter(owner=mentor).exists()


def test_a_link_without_a_scheme_becomes_https(client, mentor):
    _add(client, url="developer.mozilla.org/en-US/")

    assert Resource.objects.get(owner=mentor).url == "https://developer.mozilla.org/en-US/"


def test_wrong_method(client, mentor):
    assert client.put(URL).status_code == 405
