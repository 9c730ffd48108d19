"""Unpicking a moment of progress."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    start_call,
)
from mentorplan.wrapup.models import Win

pytestmark = pytest.mark.django_db


def _url(call: Call, win: Win) -> str:
    return reverse("wrapup:win_remove", args=[call.key, win.key])


@pytest.fixture
def win(call, amal) -> Win:
    return Win.objects.create(call=call, trainee=amal, text="Explained her loop")


def test_unpicking(client, call, win):
    response = client.post(_url(call, win))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert not Win.objects.exists()
    assert "Explained her loop" not in page_text(client.get(response["Location"]))


def test_htmx_gets_the_tool_back(client, call, win):
    response = client.post(_url(call, win), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert "Explained her loop" not in page_text(response)
    assert not Win.objects.exists()


def test_a_moment_of_another_session_is_404(client, call, win):
    other_group = make_group(make_mentor())
    theirs = Win.objects.create(
        call=start_call(make_call(other_group)),
        trainee=make_trainee(other_group, name="Stranger"),
        text="Theirs",
    )

    assert client.post(_url(call, theirs)).status_code == 404
    assert Win.objects.count() == 2


def test_an_outsider_gets_404_and_nothing_changes(client, call, win, outsider):
    assert client.post(_url(call, win)).status_code == 404
    assert Win.objects.filter(pk=win.pk).exists()


def test_wrong_method(client, call, win):
    assert client.get(_url(call, win)).status_code == 405
    assert Win.objects.filter(pk=win.pk).exists()
