"""Picking a moment of progress to say out loud, or adding one of the mentor's own."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import HTMX, is_partial, make_group, make_mentor, make_trainee
from mentorplan.wrapup.models import Win
from mentorplan.wrapup.tests.pages import text_of

pytestmark = pytest.mark.django_db


def _url(call: Call) -> str:
    return reverse("wrapup:win_add", args=[call.key])


def _wins(call: Call) -> list[tuple[str, str, str]]:
    return [(w.trainee.name, w.text, w.source) for w in Win.objects.filter(call=call)]


def test_adding_a_moment_of_my_own(client, call, amal):
    response = client.post(_url(call), {"trainee": amal.key, "text": " Explained her loop "})

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _wins(call) == [("Amal", "Explained her loop", "mentor")]
    assert "Amal: Explained her loop Unpick" in text_of(client.get(response["Location"]))


def test_htmx_gets_the_tool_back(client, call, amal):
    response = client.post(
        _url(call), {"trainee": amal.key, "text": "Asked a great question"}, headers=HTMX
    )

    assert response.status_code == 200
    assert is_partial(response)
    assert "Amal: Asked a great question Unpick" in text_of(response)


def test_the_same_moment_twice_is_kept_once(client, call, amal):
    for _ in range(2):
        client.post(_url(call), {"trainee": amal.key, "text": "Came on time", "source": "goal"})

    assert _wins(call) == [("Amal", "Came on time", "goal")]


def test_an_unknown_source_counts_as_the_mentors_own(client, call, amal):
    client.post(_url(call), {"trainee": amal.key, "text": "Helped Ben", "source": "<script>"})

    assert _wins(call) == [("Amal", "Helped Ben", "mentor")]


def test_a_trainee_of_another_group_is_refused(client, call):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    response = client.post(_url(call), {"trainee": stranger.key, "text": "Hi"}, headers=HTMX)

    assert "Choose a trainee of this group." in text_of(response)
    assert "Stranger" not in text_of(response)
    assert _wins(call) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Say what they did well."), ("x" * 301, "Keep it under 300 characters.")],
)
def test_bad_input_is_refused_and_changes_nothing(client, call, amal, text, message):
    response = client.post(_url(call), {"trainee": amal.key, "text": text}, headers=HTMX)

    assert message in text_of(response)
    assert _wins(call) == []
    plain = client.post(_url(call), {"trainee": amal.key, "text": text})
    assert message in text_of(client.get(plain["Location"]))
    assert _wins(call) == []


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal, outsider):
    assert client.post(_url(call), {"trainee": amal.key, "text": "Hi"}).status_code == 404
    assert _wins(call) == []


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405
