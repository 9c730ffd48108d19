"""The wrap-up checklist: one tap to tick an item, another to untick it. Each button says what
the item becomes, so a second press of the same one changes nothing."""

import re

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import HTMX, is_partial
from mentorplan.wrapup.models import WrapupCheck

pytestmark = pytest.mark.django_db


def _url(call: Call, item: str) -> str:
    return reverse("wrapup:check", args=[call.key, item])


def _ticked(content: str) -> list[str]:
    """The checklist items shown as done."""
    return re.findall(
        r'/check/(\w+)/"[^>]*>(?:\s*<input[^>]*>)+\s*<button[^>]*aria-pressed="true"', content
    )


def _done(call: Call) -> set[str]:
    return set(WrapupCheck.objects.filter(call=call).values_list("item", flat=True))


def test_ticking_and_unticking_an_item(client, call):
    response = client.post(_url(call, "slack"), {"done": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _done(call) == {"slack"}
    assert _ticked(client.get(response["Location"]).content.decode()) == ["slack"]

    client.post(_url(call, "slack"), {"done": "0"})

    assert _done(call) == set()
    assert _ticked(client.get(response["Location"]).content.decode()) == []


def test_htmx_gets_the_tool_back(client, call):
    client.post(_url(call, "resources"), {"done": "1"}, headers=HTMX)
    response = client.post(_url(call, "study_group"), {"done": "1"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert _ticked(response.content.decode()) == ["study_group", "resources"]
    assert _done(call) == {"study_group", "resources"}


def test_an_unknown_item_is_404(client, call):
    assert client.post(_url(call, "homework"), {"done": "1"}).status_code == 404
    assert _done(call) == set()


def test_an_outsider_gets_404_and_nothing_changes(client, call, outsider):
    assert client.post(_url(call, "slack"), {"done": "1"}).status_code == 404
    assert _done(call) == set()


def test_wrong_method(client, call):
    assert client.get(_url(call, "slack")).status_code == 405
    assert _done(call) == set()
