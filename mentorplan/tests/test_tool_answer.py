"""Every runner tool answers the same way (calls.tools.answer): a plain form goes back to the
session's page with a message; htmx gets the tool again while the session runs, and once a
co-mentor has ended it, the whole (finished) page instead of a tool with nowhere to go."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.testing import (
    HTMX,
    at_segment,
    end_call,
    make_call,
    make_trainee,
    page_text,
    parse,
)

pytestmark = pytest.mark.django_db


def _amal(call: Call):
    return call.group.trainees.get(name="Amal")


def _long(prefix: str, field: str):
    """A POST whose text is far too long for `field` of the form with `prefix`, for any trainee."""
    return lambda call: {f"{prefix}{_amal(call).pk}-{field}": "x" * 20000}


# (segment kind, URL name, arguments from the call, an invalid POST, the tool's element id)
TOOLS = [
    ("welcome", "calls:attendance", lambda c: [c.key, _amal(c).key], {"status": "x"}, "tool"),
    (
        "recap",
        "recap:retro",
        lambda c: [c.key, _amal(c).key],
        _long("r", "last_lesson"),
        "recap-tool",
    ),
    ("technical", "recap:topic_add", lambda c: [c.key], {"title": ""}, "technical-tool"),
    ("technical", "recap:method_add", lambda c: [c.key], {"name": ""}, "technical-tool"),
    (
        "technical",
        "feedback:save",
        lambda c: [c.key, _amal(c).key],
        _long("f", "precise"),
        "feedback-tool",
    ),
    ("goal_setting", "goals:create", lambda c: [c.group.key], {"text": ""}, "goal-setting"),
    ("wrap_up", "wrapup:win_add", lambda c: [c.key], {"trainee": "", "text": ""}, "wrapup-tool"),
]


@pytest.fixture
def call(group) -> Call:
    make_trainee(group, name="Amal")
    return make_call(group)


def _post(client, call: Call, name, args, data, **headers):
    payload = data(call) if callable(data) else dict(data)
    payload["call"] = str(call.key)  # the goal forms say which session they were sent from
    return client.post(reverse(name, args=args(call)), payload, headers=headers)


@pytest.mark.parametrize(("kind", "name", "args", "data", "element"), TOOLS)
def test_htmx_gets_the_tool_with_what_went_wrong(client, call, kind, name, args, data, element):
    at_segment(call, kind)

    response = _post(client, call, name, args, data, **HTMX)

    assert response.status_code == 200
    assert parse(response).find(id=element) is not None


# Without JavaScript a goal that is not set shows the goals board with the form and its errors.
@pytest.mark.parametrize(
    ("kind", "name", "args", "data", "element"), [t for t in TOOLS if t[1] != "goals:create"]
)
def test_a_plain_form_goes_back_to_the_session_with_a_message(
    client, call, kind, name, args, data, element
):
    at_segment(call, kind)

    response = _post(client, call, name, args, data)

    session_page = reverse("calls:detail", args=[call.key])
    assert response.status_code == 302
    assert response["Location"] == session_page
    assert "not" in page_text(client.get(session_page)).lower()  # "… was not saved", "Choose …"


@pytest.mark.parametrize(("kind", "name", "args", "data", "element"), TOOLS)
def test_after_a_co_mentor_ended_the_session_htmx_loads_the_finished_page(
    client, call, kind, name, args, data, element
):
    end_call(at_segment(call, kind))

    response = _post(client, call, name, args, data, **HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("calls:detail", args=[call.key])
