"""A mentor adds their own way of working through a topic; only they see it in the list."""

import re

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Method
from mentorplan.recap.tests.pages import runner
from mentorplan.testing import (
    HTMX,
    at_segment,
    field_errors,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
)

pytestmark = pytest.mark.django_db

BUILT_IN = [
    "Extend & Explain",
    "Pair on a kata",
    "Point to the docs",
    "Talk it through",
    "Worked example",
]


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)
    make_topic(call, "Returning values", make_trainee(group, name="Amal"))
    return call


def _url(call: Call) -> str:
    return reverse("recap:method_add", args=[call.key])


def _own() -> list[tuple[str, str]]:
    return list(Method.objects.filter(owner__isnull=False).values_list("name", "description"))


def _choices(content: str) -> list[str]:
    """The methods offered for the first topic on the page."""
    select = re.search(r'<select name="w\d+-method".*?</select>', content, re.DOTALL)
    assert select, "no method list on the page"
    options = re.findall(r'<option value="\d+"[^>]*>(.*?)</option>', select[0])
    return [o.replace("&amp;", "&") for o in options]


def test_adding_a_method(client, call):
    response = client.post(
        _url(call), {"name": "Rubber duck", "description": "Explain it to a duck"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _own() == [("Rubber duck", "Explain it to a duck")]
    assert Method.objects.get(name="Rubber duck").owner == call.created_by
    assert sorted(_choices(runner(client, call).content.decode())) == sorted(
        [*BUILT_IN, "Rubber duck"]
    )


def test_another_mentor_does_not_see_it(client, call):
    client.post(_url(call), {"name": "Rubber duck"})
    other = make_mentor()
    group = make_group(other)
    theirs = at_segment(make_call(group), SegmentKind.TECHNICAL)
    make_topic(theirs, "Loops", make_trainee(group))
    client.force_login(other)

    assert sorted(_choices(runner(client, theirs).content.decode())) == sorted(BUILT_IN)


def test_htmx_gets_the_technical_tool_back(client, call):
    response = client.post(_url(call), {"name": "Rubber duck"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="tool" id="technical-tool"')
    assert "Rubber duck" in _choices(content)


def test_an_outsider_gets_404_and_nothing_changes(client, call):
    client.force_login(make_mentor())

    assert client.post(_url(call), {"name": "Rubber duck"}).status_code == 404
    assert _own() == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Name the method."),
        ({"name": "   "}, "name", "Name the method."),
        ({"name": "x" * 81}, "name", "at most 80 characters"),
        ({"name": "Duck", "description": "x" * 20_001}, "description", "at most 300 characters"),
    ],
)
def test_bad_input_is_refused_with_a_message(client, call, data, field, message):
    response = client.post(_url(call), data)

    assert _own() == []
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call), data, headers=HTMX)
    assert any(message in e for e in field_errors(htmx, f"id_{field}"))
    assert _own() == []


def test_markup_in_a_name_is_stored_as_text_and_shown_inert(client, call):
    client.post(_url(call), {"name": "<img src=x onerror=alert(1)>"})

    assert _own() == [("<img src=x onerror=alert(1)>", "")]
    content = runner(client, call).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
