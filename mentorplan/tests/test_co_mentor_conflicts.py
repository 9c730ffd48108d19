"""Two co-mentors writing the same feedback, retro or notes on a topic: the second save, based on
an older version, replaces nothing. The writer keeps their text, sees the other one, and chooses:
keep mine, use theirs, or keep both. The same with htmx and with JavaScript off."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Role, Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Method, RetroAnswer, Topic, TopicWork
from mentorplan.testing import (
    HTMX,
    at_segment,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
    parse,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Tool:
    name: str
    kind: str
    model: type[Model]
    text: str  # the free-text field both mentors write in

    def url(self, call: Call, amal: Trainee, topic: Topic) -> str:
        if self.name == "work":
            return reverse("recap:work", args=[call.key, topic.key])
        name = "feedback:save" if self.name == "feedback" else "recap:retro"
        return reverse(name, args=[call.key, amal.key])

    def data(self, amal: Trainee, topic: Topic, text: str, **extra: object) -> dict[str, Any]:
        if self.name == "feedback":
            prefix = f"f{amal.pk}"
            values: dict[str, Any] = {"status": "concern", "precise": text}
        elif self.name == "retro":
            prefix = f"r{amal.pk}"
            values = {"last_lesson": text, "homework_done": "partly"}
        else:
            prefix = f"w{topic.pk}"
            method = Method.objects.get(owner=None, name="Extend & Explain")
            values = {"gap": text, "method": method.pk}
        values.update(extra)
        return {f"{prefix}-{name}": value for name, value in values.items()}

    def saved(self) -> list[str]:
        return list(self.model._default_manager.values_list(self.text, flat=True))


TOOLS = [
    Tool("feedback", SegmentKind.TECHNICAL, Feedback, "precise"),
    Tool("retro", SegmentKind.RECAP, RetroAnswer, "last_lesson"),
    Tool("work", SegmentKind.TECHNICAL, TopicWork, "gap"),
]
LENA = "Could not return a value from a function"
KOFI = "Printed the result instead of returning it"


@pytest.fixture(params=TOOLS, ids=lambda tool: tool.name)
def tool(request) -> Tool:
    return request.param


@pytest.fixture
def setting(tool) -> dict[str, Any]:
    lena = make_mentor(display_name="Lena")
    kofi = make_mentor(display_name="Kofi")
    group = make_group(lena)
    group.memberships.create(user=kofi, role=Role.CO_MENTOR)
    amal = make_trainee(group, name="Amal")
    call = at_segment(make_call(group), tool.kind)
    topic = make_topic(call, "Returning values", amal)
    clients = {}
    for name, user in [("lena", lena), ("kofi", kofi)]:
        clients[name] = Client()
        clients[name].force_login(user)
    return {"call": call, "amal": amal, "topic": topic, **clients}


def _post(tool: Tool, s: dict[str, Any], who: str, text: str, headers=None, **extra: object):
    url = tool.url(s["call"], s["amal"], s["topic"])
    return s[who].post(url, tool.data(s["amal"], s["topic"], text, **extra), headers=headers)


def _choice(response) -> dict[str, Any]:
    box = parse(response).select_one("[data-conflict]")
    says = box and box.select_one("p")
    assert box is not None and says is not None, "no choice offered"
    return {
        "says": " ".join(says.get_text(" ").split()),
        "theirs": [pre.get_text().removeprefix("\n") for pre in box.select("[data-their-text]")],
        "buttons": [button.get_text(strip=True) for button in box.select("button")],
        "version": box["data-version"],
    }


def test_the_second_writer_sees_the_first_text_and_keeps_their_own(tool, setting):
    assert _post(tool, setting, "lena", LENA).status_code == 302

    response = _post(tool, setting, "kofi", KOFI, headers=HTMX, version=0)

    assert response.status_code == 200
    assert tool.saved() == [LENA]  # nothing overwritten
    choice = _choice(response)
    assert choice["says"].startswith("Lena changed ")
    assert LENA in choice["theirs"]
    assert choice["buttons"] == ["Keep my text", "Use their text", "Keep both"]
    assert choice["version"] == "1"
    assert KOFI in response.content.decode()  # Kofi's own text is still in his form


def test_without_javascript_the_page_shows_both_texts_and_says_why(tool, setting):
    _post(tool, setting, "lena", LENA)

    response = _post(tool, setting, "kofi", KOFI, version=0)

    assert response.status_code == 409
    text = page_text(response)
    assert "Not saved yet: Lena saved" in text
    assert LENA in _choice(response)["theirs"]
    assert KOFI in response.content.decode()
    assert tool.saved() == [LENA]


@pytest.mark.parametrize(
    ("choice", "kept"),
    [("mine", KOFI), ("theirs", LENA), ("both", f"{LENA}\n\n{KOFI}")],
)
def test_each_choice_keeps_what_it_says(tool, setting, choice, kept):
    _post(tool, setting, "lena", LENA)
    _post(tool, setting, "kofi", KOFI, version=0)

    response = _post(tool, setting, "kofi", KOFI, version=0, their_version=1, resolve=choice)

    assert response.status_code == 302
    assert tool.saved() == [kept]


def test_a_choice_made_on_a_version_that_moved_on_asks_again(tool, setting):
    _post(tool, setting, "lena", LENA)
    _post(tool, setting, "lena", LENA + " again", version=1)

    response = _post(tool, setting, "kofi", KOFI, version=0, their_version=1, resolve="mine")

    assert response.status_code == 409
    assert tool.saved() == [LENA + " again"]


def test_sending_what_is_already_saved_is_no_conflict(tool, setting):
    _post(tool, setting, "lena", "Line one\r\nLine two")

    again = _post(tool, setting, "kofi", "Line one\nLine two", version=0)

    assert again.status_code == 302
    assert tool.saved() == ["Line one\nLine two"]


def test_keep_both_does_not_repeat_a_text_that_differs_only_in_line_endings(tool, setting):
    _post(tool, setting, "lena", "Line one\r\nLine two")
    extra = {"version": 0, "their_version": 1, "resolve": "both"}

    _post(tool, setting, "kofi", "Line one\nLine two", **extra)

    assert tool.saved() == ["Line one\nLine two"]
