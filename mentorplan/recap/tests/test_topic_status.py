"""Where one trainee stands with one topic: not yet, working on it, understood, needs the team."""

import re

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Topic, TopicPerson, Understanding
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

SAYS = "Choose one of: not yet, working on it, understood, needs the course team."


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)
    make_topic(
        call, "Returning values", make_trainee(group, name="Amal"), make_trainee(group, name="Ben")
    )
    return call


@pytest.fixture
def topic(call) -> Topic:
    return Topic.objects.get()


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _url(call: Call, topic: Topic, trainee: Trainee) -> str:
    return reverse("recap:topic_status", args=[call.key, topic.key, trainee.key])


def _statuses() -> dict[str, str]:
    return dict(TopicPerson.objects.values_list("trainee__name", "status"))


def test_marking_a_topic_understood_for_one_trainee(client, call, topic, amal):
    response = client.post(_url(call, topic, amal), {"status": "understood"})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _statuses() == {"Amal": "understood", "Ben": "open"}
    assert topic_queue(runner(client, call))["Returning values"]["people"] == {
        "Amal": "Understood",
        "Ben": "Not yet",
    }


def test_understood_pressed_again_in_a_later_session_stays_where_it_happened(client, call, amal):
    """The moment of progress counts once, in the session it happened in."""
    topic = Topic.objects.get()
    client.post(_url(call, topic, amal), {"status": "understood"})
    later = at_segment(make_call(call.group), SegmentKind.TECHNICAL)

    client.post(_url(later, topic, amal), {"status": "understood"})

    assert _statuses()["Amal"] == "understood"
    assert list(Understanding.objects.values_list("call", flat=True)) == [call.pk]


@pytest.mark.parametrize("status", ["working", "needs_team", "open"])
def test_every_status_can_be_set(client, call, topic, amal, status):
    client.post(_url(call, topic, amal), {"status": "understood"})

    client.post(_url(call, topic, amal), {"status": status})

    assert _statuses()["Amal"] == status


def test_htmx_gets_the_technical_tool_back(client, call, topic, amal):
    response = client.post(_url(call, topic, amal), {"status": "working"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert (
        response.content.decode().lstrip().startswith('<section class="tool" id="technical-tool"')
    )
    assert topic_queue(response)["Returning values"]["people"]["Amal"] == "Working on it"


def test_an_outsider_gets_404_and_nothing_changes(client, call, topic, amal):
    client.force_login(make_mentor())

    assert client.post(_url(call, topic, amal), {"status": "understood"}).status_code == 404
    assert _statuses() == {"Amal": "open", "Ben": "open"}


def test_a_topic_of_another_group_is_404(client, call, amal):
    other = make_group(make_mentor())
    stranger = make_trainee(other)
    foreign = make_topic(make_call(other), "Their topic", stranger)

    assert client.post(_url(call, foreign, amal), {"status": "understood"}).status_code == 404
    assert client.post(_url(call, foreign, stranger), {"status": "understood"}).status_code == 404
    assert TopicPerson.objects.get(topic=foreign).status == "open"


def test_a_trainee_of_another_group_is_404(client, call, topic):
    stranger = make_trainee(make_group(make_mentor()))

    assert client.post(_url(call, topic, stranger), {"status": "understood"}).status_code == 404
    assert _statuses() == {"Amal": "open", "Ben": "open"}


def test_a_trainee_who_is_not_on_the_topic_is_404(client, call, topic):
    chidi = make_trainee(call.group, name="Chidi")

    assert client.post(_url(call, topic, chidi), {"status": "understood"}).status_code == 404
    assert _statuses() == {"Amal": "open", "Ben": "open"}


def test_wrong_method(client, call, topic, amal):
    assert client.get(_url(call, topic, amal)).status_code == 405


@pytest.mark.parametrize("status", ["done", "", "UNDERSTOOD"])
def test_a_bad_status_is_refused_with_a_message(client, call, topic, amal, status):
    response = client.post(_url(call, topic, amal), {"status": status})

    assert _statuses() == {"Amal": "open", "Ben": "open"}
    assert SAYS in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, topic, amal), {"status": status}, headers=HTMX)
    assert htmx.status_code == 200
    # htmx swaps in only the trainee's own row: the message must be inside it.
    row = re.search(
        rf'<li class="row" id="person-{topic.key}-{amal.key}">.*?</li>',
        htmx.content.decode(),
        re.DOTALL,
    )
    assert row, "the trainee's row is missing"
    assert SAYS in row[0]
    assert topic_queue(htmx)["Returning values"]["people"] == {"Amal": "Not yet", "Ben": "Not yet"}
    assert _statuses() == {"Amal": "open", "Ben": "open"}
