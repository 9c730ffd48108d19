"""Two first saves of a retro, or of the notes on a topic, at once (a double click, or two mentors)
keep one row and answer both without an error; on PostgreSQL the requests run side by side."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Method, RetroAnswer, Topic, TopicWork
from mentorplan.testing import (
    at_segment,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
)
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql


@pytest.fixture
def mentor() -> User:
    return make_mentor()


@pytest.fixture
def call(mentor) -> Call:
    group = make_group(mentor)
    call = at_segment(make_call(group), SegmentKind.RECAP)
    make_topic(call, "Returning values", make_trainee(group, name="Amal"))
    return call


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _retro(client: Client, call: Call, trainee: Trainee, lesson: str) -> int:
    data = {"last_lesson": lesson, "homework": "The calculator kata", "homework_done": "partly"}
    url = reverse("recap:retro", args=[call.key, trainee.key])
    response = client.post(url, {f"r{trainee.pk}-{k}": v for k, v in data.items()})
    return response.status_code


def _work(client: Client, call: Call, topic: Topic, gap: str, version: int = 0) -> int:
    method = Method.objects.get(owner=None, name="Extend & Explain")
    data = {"gap": gap, "method": method.pk, "outcome": "Explained her code", "version": version}
    url = reverse("recap:work", args=[call.key, topic.key])
    response = client.post(url, {f"w{topic.pk}-{k}": v for k, v in data.items()})
    return response.status_code


@pytest.mark.django_db
def test_saving_notes_on_a_topic_twice_keeps_one_row_with_the_last_text(mentor, call):
    client = _client(mentor)
    topic = Topic.objects.get()
    assert _work(client, call, topic, "Printed the result") == 302
    assert _work(client, call, topic, "Printed the result instead of returning it", 1) == 302

    assert list(TopicWork.objects.values_list("gap", flat=True)) == [
        "Printed the result instead of returning it"
    ]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_a_retro_at_once_keep_one_retro(mentor, call, amal):
    first, second = _client(mentor), _client(mentor)

    with meeting_before_save(RetroAnswer):
        answers = at_once(
            lambda: _retro(first, call, amal, "Functions"),
            lambda: _retro(second, call, amal, "Functions and scope"),
        )

    assert answers == [302, 302]
    assert RetroAnswer.objects.filter(call=call, trainee=amal).count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_topic_notes_at_once_keep_one_row(mentor, call):
    first, second = _client(mentor), _client(mentor)
    topic = Topic.objects.get()

    with meeting_before_save(TopicWork):
        answers = at_once(
            lambda: _work(first, call, topic, "Printed the result"),
            lambda: _work(second, call, topic, "Printed instead of returning"),
        )

    assert answers == [302, 302]
    assert TopicWork.objects.filter(call=call, topic=topic).count() == 1
