"""A new resource during wrap-up: added to the mentor's library and shared in one step, without
leaving the live session."""

import pytest
from bs4 import Tag
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import (
    HTMX,
    field_errors,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
    parse,
)
from mentorplan.wrapup.models import Resource, ResourceShare

pytestmark = pytest.mark.django_db


def _one(html: Tag, selector: str) -> Tag:
    """The one element `selector` finds in `html`; the test fails if there is none."""
    found = html.select_one(selector)
    assert found is not None, f"nothing matches {selector}"
    return found


def _url(call: Call) -> str:
    return reverse("wrapup:resource_add", args=[call.key])


def _data(**fields: str) -> dict[str, str]:
    data = {"title": "Array katas", "url": "https://example.org/katas", "tags": "arrays"}
    data.update(fields)
    return {f"resource-{name}": value for name, value in data.items()}


def _shares(call: Call) -> list[tuple[str, str]]:
    return [
        (s.resource.title, s.trainee.name if s.trainee else s.topic.title if s.topic else "all")
        for s in ResourceShare.objects.filter(call=call)
    ]


def _own(mentor) -> list[str]:
    return list(Resource.objects.filter(owner=mentor).values_list("title", flat=True))


def test_the_resource_joins_the_library_and_is_shared(client, mentor, call, amal):
    response = client.post(_url(call), _data(target=f"t:{amal.key}"))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _own(mentor) == ["Array katas"]
    assert _shares(call) == [("Array katas", "Amal")]
    page = client.get(response["Location"])
    assert "“Array katas” is shared and in your library." in page_text(page)
    assert "Array katas for Amal" in page_text(page)
    library = client.get(reverse("wrapup:resources"))
    assert "Array katas" in page_text(library)


def test_htmx_gets_the_wrap_up_tool_back_with_the_share_and_an_empty_form(client, call, amal):
    topic = make_topic(call, "Returning values", amal)

    response = client.post(_url(call), _data(target=f"p:{topic.key}"), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<section class="tool" id="wrapup-tool"')
    assert "Array katas for “Returning values”" in page_text(response)
    form = _one(parse(response), "form[id^=resource-new-]")
    assert form is not None
    assert not _one(form, "#id_resource-title").get("value")  # ready for the next one
    # Now in the library, so the share list offers it too.
    options = [o.get_text() for o in parse(response).select("select[name=resource] option")]
    assert "Array katas (arrays)" in options


def test_the_same_link_twice_is_one_resource_and_one_share(client, mentor, call):
    for _ in range(2):
        client.post(_url(call), _data(target="group"), headers=HTMX)

    assert _own(mentor) == ["Array katas"]
    assert _shares(call) == [("Array katas", "all")]


@pytest.mark.parametrize(
    ("fields", "auto_id", "message"),
    [
        ({"title": ""}, "id_resource-title", "Give the resource a title."),
        ({"url": "not a link at all"}, "id_resource-url", "Give a full web address"),
        ({"url": "ftp://example.org/x"}, "id_resource-url", "Only web links"),
        ({"target": "x:whatever"}, "id_resource-target", "Choose someone or a topic"),
    ],
)
def test_bad_input_is_explained_keeps_what_was_typed_and_changes_nothing(
    client, mentor, call, amal, fields, auto_id, message
):
    data = _data(**{"target": "group", **fields})

    response = client.post(_url(call), data, headers=HTMX)

    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, auto_id)), page_text(response)
    form = _one(parse(response), "form[id^=resource-new-]")
    details = form.find_parent("details")
    assert details is not None and details.has_attr("open")
    assert _one(form, "#id_resource-tags")["value"] == "arrays"
    assert _own(mentor) == []
    assert _shares(call) == []
    plain = client.post(_url(call), data)
    assert message in page_text(client.get(plain["Location"]))
    assert _own(mentor) == []


def test_a_trainee_or_topic_of_another_group_is_refused(client, mentor, call):
    other_group = make_group(make_mentor())
    stranger = make_trainee(other_group, name="Stranger")
    their_topic = make_topic(make_call(other_group), "Their topic", stranger)

    for target in (f"t:{stranger.key}", f"p:{their_topic.key}"):
        response = client.post(_url(call), _data(target=target), headers=HTMX)
        errors = field_errors(response, "id_resource-target")
        assert errors == ["Choose someone or a topic of this group."], target
        assert "Stranger" not in page_text(response)
    assert _own(mentor) == []
    assert _shares(call) == []


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal, outsider):
    response = client.post(_url(call), _data(target=f"t:{amal.key}"))

    assert response.status_code == 404
    assert not Resource.objects.filter(url="https://example.org/katas").exists()
    assert _shares(call) == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405
