"""Every runner page and redraw says in a header which version of the session it shows, so the
runner's script can keep a redraw that brings nothing newer from replacing what is typed."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import make_call, make_group, make_mentor, parse, start_call

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    return start_call(make_call(make_group(mentor)))


def _shown_version(response) -> str:
    """The version the drawn runner carries: what the screen compares the next redraw with."""
    runner = parse(response).find(id="runner")
    assert runner is not None, "no runner in the answer"
    return str(runner["data-version"])


def test_the_runner_page_says_its_version(client, call):
    response = client.get(reverse("calls:detail", args=[call.key]))

    call.refresh_from_db()
    assert response["X-Session-Version"] == str(call.version) == _shown_version(response)


def test_a_redraw_says_its_version(client, call):
    response = client.get(reverse("calls:detail", args=[call.key]), headers=HTMX)

    call.refresh_from_db()
    assert response["X-Session-Version"] == str(call.version) == _shown_version(response)


def test_a_button_s_answer_says_the_new_version(client, call):
    call.refresh_from_db()
    before = call.version

    response = client.post(
        reverse("calls:control", args=[call.key]),
        {"action": "next", "expected": before},
        headers=HTMX,
    )

    assert response["X-Session-Version"] == str(before + 1) == _shown_version(response)


def test_a_button_on_a_screen_that_was_behind_says_the_version_it_shows(client, call):
    call.refresh_from_db()
    current = call.version

    response = client.post(
        reverse("calls:control", args=[call.key]),
        {"action": "next", "expected": current - 1},
        headers=HTMX,
    )

    assert response["X-Session-Version"] == str(current) == _shown_version(response)
