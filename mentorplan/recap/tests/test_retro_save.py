"""Saving a trainee's three-minute retro; each line of what did not make sense becomes a topic."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import RetroAnswer, Topic, TopicPerson
from mentorplan.recap.tests.pages import runner, topic_queue
from mentorplan.testing import (
    HTMX,
    at_segment,
    field_errors,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = pytest.mark.django_db

LONG = "This is far too long for a retro. " * 600  # over 20,000 characters
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FIELDS = ["last_lesson", "homework", "not_understood"]


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return at_segment(make_call(group), SegmentKind.RECAP)


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _url(call: Call, trainee: Trainee) -> str:
    return reverse("recap:retro", args=[call.key, trainee.key])


def _data(trainee: Trainee, **fields: str) -> dict[str, str]:
    values = {
        "last_lesson": "Functions and scope",
        "homework": "The calculator kata",
        "homework_done": "partly",
        "not_understood": "Returning values from functions\nArrow functions",
    }
    values.update(fields)
    return {f"r{trainee.pk}-{name}": value for name, value in values.items()}


def _retros() -> list[tuple[str, str, str, str, str]]:
    return list(
        RetroAnswer.objects.order_by("trainee__name").values_list(
            "trainee__name", "last_lesson", "homework", "homework_done", "not_understood"
        )
    )


def _topics() -> list[tuple[str, str]]:
    return sorted(TopicPerson.objects.values_list("topic__title", "trainee__name"))


def test_saving_a_retro(client, call, amal):
    response = client.post(_url(call, amal), _data(amal))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _retros() == [
        (
            "Amal",
            "Functions and scope",
            "The calculator kata",
            "partly",
            "Returning values from functions\nArrow functions",
        )
    ]
    assert RetroAnswer.objects.get().updated_by == call.created_by
    assert _topics() == [("Arrow functions", "Amal"), ("Returning values from functions", "Amal")]
    page = runner(client, call).content.decode()
    assert "Functions and scope" in page
    assert "Open topics:" in page_text(runner(client, call))


def test_saving_again_changes_the_one_retro(client, call, amal):
    client.post(_url(call, amal), _data(amal))
    client.post(
        _url(call, amal),
        _data(amal, homework_done="yes", not_understood="Arrow functions", version="1"),
    )

    assert RetroAnswer.objects.count() == 1
    assert _retros()[0][3:] == ("yes", "Arrow functions")


def test_two_trainees_with_one_problem_share_the_topic(client, call, amal):
    ben = call.group.trainees.get(name="Ben")
    client.post(_url(call, amal), _data(amal, not_understood="Returning values from functions"))
    client.post(_url(call, ben), _data(ben, not_understood="returning values from functions."))

    assert _topics() == [
        ("Returning values from functions", "Amal"),
        ("Returning values from functions", "Ben"),
    ]


def test_htmx_gets_the_recap_tool_back(client, call, amal):
    response = client.post(_url(call, amal), _data(amal), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="tool" id="recap-tool"')
    assert "Functions and scope" in content
    assert len(_retros()) == 1


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal):
    client.force_login(make_mentor())

    assert client.post(_url(call, amal), _data(amal)).status_code == 404
    assert client.post(_url(call, amal), _data(amal), headers=HTMX).status_code == 404
    assert _retros() == []
    assert not Topic.objects.exists()


def test_a_trainee_of_another_group_is_404(client, call):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    assert client.post(_url(call, stranger), _data(stranger)).status_code == 404
    assert _retros() == []
    assert not Topic.objects.exists()


def test_wrong_method(client, call, amal):
    assert client.get(_url(call, amal)).status_code == 405
    assert _retros() == []


@pytest.mark.parametrize("field", FIELDS)
def test_a_20_kb_answer_is_refused_and_nothing_is_saved(client, call, amal, field):
    client.post(_url(call, amal), _data(amal))
    before = (_retros(), _topics())

    response = client.post(
        _url(call, amal), _data(amal, **{"not_understood": "A brand new topic", field: LONG})
    )

    assert (_retros(), _topics()) == before, "nothing half-saved"
    assert not Topic.objects.filter(title__startswith="A brand new").exists()
    assert not Topic.objects.filter(title__startswith="This is far").exists()
    message = "Keep it under 4,000 characters"
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, amal), _data(amal, **{field: LONG}), headers=HTMX)
    assert htmx.status_code == 200
    assert is_partial(htmx)
    assert any(message in e for e in field_errors(htmx, f"id_r{amal.pk}-{field}"))
    assert (_retros(), _topics()) == before


def test_a_first_retro_that_is_too_long_creates_no_topic(client, call, amal):
    client.post(_url(call, amal), _data(amal, homework=LONG))

    assert _retros() == []
    assert not Topic.objects.exists()


def test_an_unknown_homework_answer_is_refused(client, call, amal):
    response = client.post(_url(call, amal), _data(amal, homework_done="maybe"), headers=HTMX)

    assert field_errors(response, f"id_r{amal.pk}-homework_done")
    assert _retros() == []
    assert not Topic.objects.exists()


@pytest.mark.parametrize("evil", [SCRIPT, IMG])
def test_markup_is_stored_as_text_and_shown_inert(client, call, amal, evil):
    client.post(_url(call, amal), _data(amal, **dict.fromkeys(FIELDS, evil)))

    assert _retros() == [("Amal", evil, evil, "partly", evil)]
    assert [t.title for t in Topic.objects.all()] == [evil]
    recap = runner(client, call).content.decode()
    assert evil not in recap
    assert evil.replace("<", "&lt;").replace(">", "&gt;") in recap
    technical = at_segment(call, SegmentKind.TECHNICAL)
    response = runner(client, technical)
    assert evil not in response.content.decode()
    assert evil in topic_queue(response)
