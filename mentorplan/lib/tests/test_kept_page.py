"""A group's page, its goals board and its list of sessions, a finished session's page and its
summary are kept drawn whole, the site's frame (head, header, footer) with them, not only the part
inside: a second look draws nothing, and still shows a renamed group in the title and a message
exactly once."""

import re
from collections.abc import Callable

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group
from mentorplan.testing import end_call, make_call, make_trainee, parse, start_call, text_in

pytestmark = pytest.mark.django_db


def _group_page(call: Call) -> str:
    return reverse("groups:detail", args=[call.group.key])


def _board(call: Call) -> str:
    return reverse("goals:board", args=[call.group.key])


def _sessions(call: Call) -> str:
    return reverse("calls:group_calls", args=[call.group.key])


def _finished(call: Call) -> str:
    return reverse("calls:detail", args=[call.key])


def _summary(call: Call) -> str:
    return reverse("wrapup:summary", args=[call.key])


PAGES = pytest.mark.parametrize("address", [_group_page, _board, _sessions, _finished, _summary])


@pytest.fixture
def call(group) -> Call:
    """A finished session of the signed-in mentor's group."""
    make_trainee(group, name="Amal")
    return end_call(start_call(make_call(group)))


def _without_tokens(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")\w+', r"\1…", html)


@PAGES
def test_a_second_look_draws_nothing_and_shows_the_same_page(
    client, call, address: Callable[[Call], str]
):
    first = client.get(address(call))
    again = client.get(address(call))

    assert first.templates, "the first look draws the page"
    assert not again.templates
    assert _without_tokens(again.content.decode()) == _without_tokens(first.content.decode())
    tokens = set(
        re.findall(r'(?:csrfmiddlewaretoken" value|"X-CSRFToken": )"(\w+)', again.content.decode())
    )
    assert len(tokens) == 1, "one token for the whole page, this look's own"


@PAGES
def test_a_renamed_group_shows_in_the_title_at_the_next_look(
    client, call, address: Callable[[Call], str]
):
    client.get(address(call))
    Group.objects.filter(pk=call.group_id).update(name="Tuesday buddies")

    title = text_in(parse(client.get(address(call))).title)

    assert "Tuesday buddies" in title


def test_a_message_shows_once_on_a_kept_page(client, call):
    group = call.group
    client.get(_group_page(call))  # the page is kept
    fields = {"name": group.name, "course": group.course, "region": group.region, "video_url": ""}

    saved = client.post(reverse("groups:edit", args=[group.key]), fields, follow=True)
    again = client.get(_group_page(call))

    assert "Group details saved." in saved.content.decode()
    assert "Group details saved." not in again.content.decode()
