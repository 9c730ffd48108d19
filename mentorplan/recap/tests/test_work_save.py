"""Notes on one topic in one session: what exactly was not grasped, the method, the outcome."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Method, Topic, TopicWork
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

LONG = "She could not see why the function printed instead of returning. " * 320  # > 20,000
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)
    make_topic(call, "Returning values", make_trainee(group, name="Amal"))
    return call


@pytest.fixture
def topic(call) -> Topic:
    return Topic.objects.get()


def _builtin() -> Method:
    return Method.objects.get(owner=None, name="Extend & Explain")


def _url(call: Call, topic: Topic) -> str:
    return reverse("recap:work", args=[call.key, topic.key])


def _data(topic: Topic, **fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "gap": "Printed the result instead of returning it",
        "method": _builtin().pk,
        "outcome": "Explained her code, then changed it to return",
    }
    values.update(fields)
    return {f"w{topic.pk}-{name}": value for name, value in values.items()}


def _work() -> list[tuple[str, str, str | None]]:
    return list(TopicWork.objects.values_list("gap", "outcome", "method__name"))


def test_saving_notes_on_a_topic(client, call, topic):
    response = client.post(_url(call, topic), _data(topic))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _work() == [
        (
            "Printed the result instead of returning it",
            "Explained her code, then changed it to return",
            "Extend & Explain",
        )
    ]
    work = TopicWork.objects.get()
    assert (work.call, work.topic, work.updated_by) == (call, topic, call.created_by)
    page = runner(client, call).content.decode()
    assert "Printed the result instead of returning it" in page
    assert f'<option value="{_builtin().pk}" selected>' in page


def test_saving_again_changes_the_one_record(client, call, topic):
    client.post(_url(call, topic), _data(topic))
    client.post(
        _url(call, topic), _data(topic, outcome="Understood after a kata", method="", version=1)
    )

    assert _work() == [
        ("Printed the result instead of returning it", "Understood after a kata", None)
    ]


def test_a_mentors_own_method(client, call, topic):
    mine = Method.objects.create(name="Rubber duck", owner=call.created_by)

    client.post(_url(call, topic), _data(topic, method=mine.pk))

    assert TopicWork.objects.get().method == mine


def test_htmx_gets_the_technical_tool_back(client, call, topic):
    response = client.post(_url(call, topic), _data(topic), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="tool" id="technical-tool"')
    assert "Printed the result instead of returning it" in content


def test_an_outsider_gets_404_and_nothing_changes(client, call, topic):
    client.force_login(make_mentor())

    assert client.post(_url(call, topic), _data(topic)).status_code == 404
    assert _work() == []


def test_a_topic_of_another_group_is_404(client, call):
    other = make_group(make_mentor())
    foreign = make_topic(make_call(other), "Their topic", make_trainee(other))

    assert client.post(_url(call, foreign), _data(foreign)).status_code == 404
    assert _work() == []


def test_wrong_method(client, call, topic):
    assert client.get(_url(call, topic)).status_code == 405


@pytest.mark.parametrize("field", ["gap", "outcome"])
def test_a_20_kb_note_is_refused_and_nothing_is_saved(client, call, topic, field):
    client.post(_url(call, topic), _data(topic))
    before = _work()

    response = client.post(_url(call, topic), _data(topic, **{field: LONG}))

    assert _work() == before
    message = "Keep it under 4,000 characters"
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, topic), _data(topic, **{field: LONG}), headers=HTMX)
    assert htmx.status_code == 200
    assert any(message in e for e in field_errors(htmx, f"id_w{topic.pk}-{field}"))
    assert _work() == before


def test_another_mentors_own_method_is_refused(client, call, topic):
    theirs = Method.objects.create(name="Their secret method", owner=make_mentor())

    response = client.post(_url(call, topic), _data(topic, method=theirs.pk))

    assert _work() == []
    message = "Choose one of the methods in the list."
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, topic), _data(topic, method=theirs.pk), headers=HTMX)
    assert field_errors(htmx, f"id_w{topic.pk}-method") == [message]
    assert "Their secret method" not in htmx.content.decode()
    assert _work() == []


@pytest.mark.parametrize("method", ["999999", "x", "1; DROP TABLE"])
def test_an_unknown_method_is_refused(client, call, topic, method):
    response = client.post(_url(call, topic), _data(topic, method=method), headers=HTMX)

    assert field_errors(response, f"id_w{topic.pk}-method")
    assert _work() == []


@pytest.mark.parametrize("evil", [SCRIPT, IMG])
def test_markup_is_stored_as_text_and_shown_inert(client, call, topic, evil):
    client.post(_url(call, topic), _data(topic, gap=evil, outcome=evil))

    assert _work() == [(evil, evil, "Extend & Explain")]
    page = runner(client, call).content.decode()
    assert evil not in page
    assert page.count(evil.replace("<", "&lt;").replace(">", "&gt;")) == 2
