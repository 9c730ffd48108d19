"""Where one trainee stands with one topic: not yet, working on it, understood, needs the team.
A topic's statuses are one form; the button pressed names the trainee and the status."""

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
    parse,
    status_press,
)

pytestmark = pytest.mark.django_db

SAYS = "Choose one of: not yet, working on it, understood, needs the course team."
NOT_ON_IT = "Press a status beside one trainee of this topic."


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


def _press(client, call: Call, topic: Topic, trainee: Trainee, status: str, **headers):
    url, data = status_press(call, topic, trainee, status)
    return client.post(url, data, **headers)


def _url(call: Call, topic: Topic) -> str:
    return reverse("recap:topic_status", args=[call.key, topic.key])


def _statuses() -> dict[str, str]:
    """Where each trainee stands with the call's topic, "Returning values"."""
    people = TopicPerson.objects.filter(topic__title="Returning values")
    return dict(people.values_list("trainee__name", "status"))


def test_marking_a_topic_understood_for_one_trainee(client, call, topic, amal):
    response = _press(client, call, topic, amal, "understood")

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _statuses() == {"Amal": "understood", "Ben": "open"}
    assert topic_queue(runner(client, call))["Returning values"]["people"] == {
        "Amal": "Understood",
        "Ben": "Not yet",
    }


def test_each_trainee_s_buttons_send_what_the_view_reads(client, call, topic, amal):
    """The form as drawn: one per topic, posting to the topic's address, each trainee's
    buttons sending their own field."""
    page = parse(runner(client, call))
    form = page.select_one(f"form#statuses-{topic.key}")
    assert form is not None
    assert form["action"] == _url(call, topic)
    row = next(li for li in form.select("li.row") if "Amal" in li.get_text())
    working = row.select_one('button[value="working"]')
    assert working is not None

    client.post(form["action"], {str(working["name"]): "working"})

    assert _statuses() == {"Amal": "working", "Ben": "open"}


def test_understood_pressed_again_in_a_later_session_stays_where_it_happened(client, call, amal):
    """The moment of progress counts once, in the session it happened in."""
    topic = Topic.objects.get()
    _press(client, call, topic, amal, "understood")
    later = at_segment(make_call(call.group), SegmentKind.TECHNICAL)

    _press(client, later, topic, amal, "understood")

    assert _statuses()["Amal"] == "understood"
    assert list(Understanding.objects.values_list("call", flat=True)) == [call.pk]


@pytest.mark.parametrize("status", ["working", "needs_team", "open"])
def test_every_status_can_be_set(client, call, topic, amal, status):
    _press(client, call, topic, amal, "understood")

    _press(client, call, topic, amal, status)

    assert _statuses()["Amal"] == status


def test_htmx_gets_the_technical_tool_back(client, call, topic, amal):
    response = _press(client, call, topic, amal, "working", headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert (
        response.content.decode().lstrip().startswith('<section class="tool" id="technical-tool"')
    )
    assert topic_queue(response)["Returning values"]["people"]["Amal"] == "Working on it"
    # htmx swaps in the topic's form alone: it is in the answer.
    assert parse(response).select_one(f"form#statuses-{topic.key}") is not None


def test_an_outsider_gets_404_and_nothing_changes(client, call, topic, amal):
    client.force_login(make_mentor())

    assert _press(client, call, topic, amal, "understood").status_code == 404
    assert _statuses() == {"Amal": "open", "Ben": "open"}


def test_a_topic_of_another_group_is_404(client, call, amal):
    other = make_group(make_mentor())
    stranger = make_trainee(other)
    foreign = make_topic(make_call(other), "Their topic", stranger)
    theirs = TopicPerson.objects.get(topic=foreign)

    response = client.post(_url(call, foreign), {theirs.status_field: "understood"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"


def _refused(client, call: Call, topic: Topic, data: dict[str, str], says: str, on: str = ""):
    """`data` sent to the topic's form changes nothing, and says so: on the session's page
    without JavaScript, and with htmx inside the topic's form (beside trainee `on`, if given),
    the part htmx swaps in."""
    response = client.post(_url(call, topic), data)
    assert response.status_code == 302
    assert says in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, topic), data, headers=HTMX)
    assert htmx.status_code == 200
    form = parse(htmx).select_one(f"form#statuses-{topic.key}")
    assert form is not None, "the topic's form is missing"
    if on:
        row = next(li for li in form.select("li.row") if on in li.get_text())
        assert says in row.get_text()
    else:
        assert says in form.get_text()
    assert _statuses() == {"Amal": "open", "Ben": "open"}


def test_a_trainee_of_another_group_is_refused_and_nothing_changes(client, call, topic):
    other = make_group(make_mentor())
    stranger = make_trainee(other)
    theirs = TopicPerson.objects.get(topic=make_topic(make_call(other), "Theirs", stranger))

    _refused(client, call, topic, {theirs.status_field: "understood"}, NOT_ON_IT)
    theirs.refresh_from_db()
    assert theirs.status == "open"


def test_a_trainee_who_is_not_on_the_topic_is_refused(client, call, topic):
    chidi = make_trainee(call.group, name="Chidi")
    elsewhere = make_topic(call, "Loops", chidi)
    chidi_on_loops = TopicPerson.objects.get(topic=elsewhere)

    _refused(client, call, topic, {chidi_on_loops.status_field: "understood"}, NOT_ON_IT)
    chidi_on_loops.refresh_from_db()
    assert chidi_on_loops.status == "open"


@pytest.mark.parametrize(
    "data",
    [{}, {"status": "understood"}, {"s": "understood"}, {"sx": "understood"}, {"s-1": "working"}],
)
def test_a_press_that_names_no_trainee_is_refused(client, call, topic, data):
    _refused(client, call, topic, data, NOT_ON_IT)


def test_two_trainees_at_once_are_refused(client, call, topic, amal):
    ben = call.group.trainees.get(name="Ben")
    people = {p.trainee_id: p.status_field for p in TopicPerson.objects.filter(topic=topic)}

    data = {people[amal.pk]: "understood", people[ben.pk]: "understood"}

    _refused(client, call, topic, data, NOT_ON_IT)


def test_wrong_method(client, call, topic):
    assert client.get(_url(call, topic)).status_code == 405


@pytest.mark.parametrize("status", ["done", "", "UNDERSTOOD"])
def test_a_bad_status_is_refused_with_a_message_beside_the_trainee(
    client, call, topic, amal, status
):
    _, data = status_press(call, topic, amal, status)

    _refused(client, call, topic, data, SAYS, on="Amal")
    assert topic_queue(runner(client, call))["Returning values"]["people"] == {
        "Amal": "Not yet",
        "Ben": "Not yet",
    }
