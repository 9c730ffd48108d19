"""Two first saves of a retro, or of the notes on a topic, at once (a double click, or two mentors)
keep one row and answer both without an error; the one that lost is shown both texts to choose
from, so nothing is silently lost. On PostgreSQL the requests run side by side."""

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


def _retro(client: Client, call: Call, trainee: Trainee, lesson: str):
    data = {"last_lesson": lesson, "homework": "The calculator kata", "homework_done": "partly"}
    url = reverse("recap:retro", args=[call.key, trainee.key])
    return client.post(url, {f"r{trainee.pk}-{k}": v for k, v in data.items()})


def _work(client: Client, call: Call, topic: Topic, gap: str, version: int = 0):
    method = Method.objects.get(owner=None, name="Extend & Explain")
    data = {"gap": gap, "method": method.pk, "outcome": "Explained her code", "version": version}
    url = reverse("recap:work", args=[call.key, topic.key])
    return client.post(url, {f"w{topic.pk}-{k}": v for k, v in data.items()})


@pytest.mark.django_db
def test_saving_notes_on_a_topic_twice_keeps_one_row_with_the_last_text(mentor, call):
    client = _client(mentor)
    topic = Topic.objects.get()
    assert _work(client, call, topic, "Printed the result").status_code == 302
    second = _work(client, call, topic, "Printed the result instead of returning it", 1)
    assert second.status_code == 302

    assert list(TopicWork.objects.values_list("gap", flat=True)) == [
        "Printed the result instead of returning it"
    ]


def _nothing_lost(answers: list, kept: str, texts: list[str]) -> None:
    """One answer saved; the other is the page with both texts, the one kept and its own."""
    assert sorted(answer.status_code for answer in answers) == [302, 409]
    loser = next(answer for answer in answers if answer.status_code == 409)
    page = loser.content.decode()
    assert kept in texts
    assert all(text in page for text in texts)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_a_retro_at_once_keep_one_retro_and_lose_nothing(mentor, call, amal):
    first, second = _client(mentor), _client(mentor)
    texts = ["Functions", "Functions and scope"]

    with meeting_before_save(RetroAnswer):
        answers = at_once(
            lambda: _retro(first, call, amal, texts[0]),
            lambda: _retro(second, call, amal, texts[1]),
        )

    kept = RetroAnswer.objects.get(call=call, trainee=amal)
    assert kept.version == 1
    _nothing_lost(answers, kept.last_lesson, texts)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_topic_notes_at_once_keep_one_row_and_lose_nothing(mentor, call):
    first, second = _client(mentor), _client(mentor)
    topic = Topic.objects.get()
    texts = ["Printed the result", "Printed instead of returning"]

    with meeting_before_save(TopicWork):
        answers = at_once(
            lambda: _work(first, call, topic, texts[0]),
            lambda: _work(second, call, topic, texts[1]),
        )

    kept = TopicWork.objects.get(call=call, topic=topic)
    assert kept.version == 1
    _nothing_lost(answers, kept.gap, texts)
