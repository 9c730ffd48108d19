"""Adding a topic by hand during technical mentoring, for one or more trainees."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import TopicPerson
from mentorplan.recap.tests.pages import runner, topic_queue
from mentorplan.testing import (
    HTMX,
    at_segment,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return at_segment(make_call(group), SegmentKind.TECHNICAL)


def _url(call: Call) -> str:
    return reverse("recap:topic_add", args=[call.key])


def _keys(call: Call, *names: str) -> list[str]:
    return [str(call.group.trainees.get(name=name).key) for name in names]


def _topics() -> list[tuple[str, str, str]]:
    return sorted(TopicPerson.objects.values_list("topic__title", "trainee__name", "status"))


def test_adding_a_topic_for_two_trainees(client, call):
    response = client.post(
        _url(call), {"title": "Git rebase", "trainees": _keys(call, "Amal", "Ben")}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _topics() == [("Git rebase", "Amal", "open"), ("Git rebase", "Ben", "open")]
    assert topic_queue(runner(client, call)) == {
        "Git rebase": {"carried": False, "people": {"Amal": "Not yet", "Ben": "Not yet"}}
    }


def test_the_same_words_join_the_existing_topic(client, call):
    make_topic(call, "Git rebase", call.group.trainees.get(name="Amal"))

    client.post(_url(call), {"title": "git Rebase?", "trainees": _keys(call, "Ben")})

    assert _topics() == [("Git rebase", "Amal", "open"), ("Git rebase", "Ben", "open")]


def test_htmx_gets_the_technical_tool_back(client, call):
    response = client.post(
        _url(call), {"title": "Git rebase", "trainees": _keys(call, "Amal")}, headers=HTMX
    )

    assert response.status_code == 200
    assert is_partial(response)
    assert (
        response.content.decode().lstrip().startswith('<section class="tool" id="technical-tool"')
    )
    assert list(topic_queue(response)) == ["Git rebase"]


def test_an_outsider_gets_404_and_nothing_changes(client, call):
    keys = _keys(call, "Amal")
    client.force_login(make_mentor())

    assert client.post(_url(call), {"title": "Git rebase", "trainees": keys}).status_code == 404
    assert _topics() == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "trainees": ["Amal"]}, "title", "Name the topic."),
        (
            {"title": "x" * 201, "trainees": ["Amal"]},
            "title",
            "Keep the topic under 200 characters.",
        ),
        (
            {"title": "x" * 20_001, "trainees": ["Amal"]},
            "title",
            "Keep the topic under 200 characters.",
        ),
        ({"title": "Git rebase", "trainees": []}, "trainees", "Tick at least one trainee."),
        (
            {"title": "Git rebase", "trainees": ["nobody"]},
            "trainees",
            "Choose trainees of this group.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(client, call, data, field, message):
    data = {**data, "trainees": [k for name in data["trainees"] for k in _keys_or(call, name)]}

    response = client.post(_url(call), data)

    assert _topics() == []
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call), data, headers=HTMX)
    assert htmx.status_code == 200
    assert message in page_text(htmx)
    assert _topics() == []


def _keys_or(call: Call, name: str) -> list[str]:
    return _keys(call, name) if name != "nobody" else ["00000000-0000-4000-8000-000000000000"]


def test_a_trainee_of_another_group_is_refused_and_nothing_is_added(client, call):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    response = client.post(
        _url(call),
        {"title": "Git rebase", "trainees": [*_keys(call, "Amal"), str(stranger.key)]},
        headers=HTMX,
    )

    assert "Choose trainees of this group." in page_text(response)
    assert "Stranger" not in response.content.decode()
    assert _topics() == []


@pytest.mark.parametrize("evil", [SCRIPT, IMG])
def test_markup_in_a_title_is_stored_as_text_and_shown_inert(client, call, evil):
    client.post(_url(call), {"title": evil, "trainees": _keys(call, "Amal")})

    assert _topics() == [(evil, "Amal", "open")]
    response = runner(client, call)
    assert evil not in response.content.decode()
    assert list(topic_queue(response)) == [evil]
