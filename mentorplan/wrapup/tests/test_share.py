"""Sharing a resource in the wrap-up: with a trainee, for a topic, or with everyone."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
)
from mentorplan.wrapup.models import Resource, ResourceShare

pytestmark = pytest.mark.django_db


def _url(call: Call) -> str:
    return reverse("wrapup:share", args=[call.key])


@pytest.fixture
def resource(mentor) -> Resource:
    return Resource.objects.create(owner=mentor, title="Array katas", url="https://example.org/a")


def _shares(call: Call) -> list[tuple[str, str]]:
    return [
        (s.resource.title, s.trainee.name if s.trainee else s.topic.title if s.topic else "all")
        for s in ResourceShare.objects.filter(call=call)
    ]


def test_sharing_with_a_trainee(client, call, amal, resource):
    response = client.post(_url(call), {"resource": resource.key, "target": f"t:{amal.key}"})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _shares(call) == [("Array katas", "Amal")]
    page = client.get(response["Location"])
    assert "Array katas for Amal" in page_text(page)
    assert 'href="https://example.org/a" target="_blank" rel="noopener noreferrer"' in (
        page.content.decode()
    )


def test_sharing_a_starter_resource_for_a_topic_and_with_everyone(client, call, amal):
    topic = make_topic(call, "Returning values", amal)
    starter = Resource.objects.get(title="How to ask a good question")

    client.post(_url(call), {"resource": starter.key, "target": f"p:{topic.key}"})
    client.post(_url(call), {"resource": starter.key, "target": "group"})

    assert sorted(_shares(call)) == [
        ("How to ask a good question", "Returning values"),
        ("How to ask a good question", "all"),
    ]


def test_htmx_gets_the_tool_back(client, call, amal, resource):
    response = client.post(
        _url(call), {"resource": resource.key, "target": f"t:{amal.key}"}, headers=HTMX
    )

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<section class="tool" id="wrapup-tool"')
    assert "Array katas for Amal" in page_text(response)


def test_sharing_twice_keeps_one_row(client, call, amal, resource):
    for _ in range(2):
        client.post(_url(call), {"resource": resource.key, "target": f"t:{amal.key}"})
        client.post(_url(call), {"resource": resource.key, "target": "group"})

    assert sorted(_shares(call)) == [("Array katas", "Amal"), ("Array katas", "all")]


def test_a_resource_of_another_mentor_is_refused(client, call, amal):
    theirs = Resource.objects.create(owner=make_mentor(), title="Theirs", url="https://x.org")

    response = client.post(
        _url(call), {"resource": theirs.key, "target": f"t:{amal.key}"}, headers=HTMX
    )

    assert "Choose a resource from your library." in page_text(response)
    assert _shares(call) == []
    plain = client.post(_url(call), {"resource": theirs.key, "target": f"t:{amal.key}"})
    assert "Choose a resource from your library." in page_text(client.get(plain["Location"]))
    assert _shares(call) == []


def test_a_trainee_or_topic_of_another_group_is_refused(client, call, resource):
    other_group = make_group(make_mentor())
    stranger = make_trainee(other_group, name="Stranger")
    their_topic = make_topic(make_call(other_group), "Their topic", stranger)

    for target in (f"t:{stranger.key}", f"p:{their_topic.key}", "t:not-a-key", "x:whatever"):
        response = client.post(
            _url(call), {"resource": resource.key, "target": target}, headers=HTMX
        )
        assert "Choose someone or a topic of this group." in page_text(response), target
        assert "Stranger" not in page_text(response)
    assert _shares(call) == []


@pytest.mark.parametrize("data", [{}, {"resource": "nonsense", "target": "group"}])
def test_missing_input_is_refused(client, call, data):
    response = client.post(_url(call), data, headers=HTMX)

    assert "Choose a resource and who it is for." in page_text(response)
    assert _shares(call) == []


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal, outsider):
    starter = Resource.objects.filter(owner__isnull=True).first()
    assert starter is not None

    response = client.post(_url(call), {"resource": starter.key, "target": f"t:{amal.key}"})

    assert response.status_code == 404
    assert _shares(call) == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405
