"""Changing a goal set earlier in the call without leaving the live session: the goal-setting tool
opens the goal's form in place and answers with the tool again."""

from datetime import UTC, date, datetime, timedelta

import pytest
from bs4 import Tag
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.goals.models import Goal, ReviewOutcome
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    HTMX,
    at_segment,
    field_errors,
    is_partial,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _one(html: Tag, selector: str) -> Tag:
    """The one element `selector` finds in `html`; the test fails if there is none."""
    found = html.select_one(selector)
    assert found is not None, f"nothing matches {selector}"
    return found


NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)


@pytest.fixture
def call(group) -> Call:
    return at_segment(make_call(group, scheduled_at=NOW), SegmentKind.GOAL_SETTING, NOW)


@pytest.fixture
def goal(call) -> Goal:
    amal = make_trainee(call.group, name="Amal")
    return make_goal(amal, text="Finish the quiz", set_in=call, deadline=date(2030, 1, 28))


def _url(goal: Goal) -> str:
    return reverse("goals:edit", args=[goal.key])


def _data(call: Call, **fields: str) -> dict[str, str]:
    data = {"text": "Finish the quiz app's scoring", "measure": "a pull request is open"}
    data.update(deadline="2030-01-28", topic="", link="")
    data.update(fields)
    return {"call": str(call.key), **{f"edit-{name}": value for name, value in data.items()}}


def test_the_tool_offers_to_change_each_goal_set_here_in_place(client, call, goal):
    page = client.get(reverse("calls:detail", args=[call.key]))

    link = _one(parse(page), "#goal-setting a[hx-get]")
    assert link["hx-get"] == f"{_url(goal)}?call={call.key}"
    assert link["href"] == reverse("goals:detail", args=[goal.key])  # without JavaScript
    assert " ".join(link.get_text().split()) == "Edit “Finish the quiz”"


def test_htmx_opens_the_form_inside_the_tool(client, call, goal):
    response = client.get(_url(goal), {"call": call.key}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    html = parse(response)
    _one(html, "section#goal-setting")
    form = _one(html, f"#goal-edit-{goal.key}")
    assert form["hx-post"] == _url(goal)
    assert _one(form, "#id_edit-text")["value"] == "Finish the quiz"
    assert "Change Amal's goal" in page_text(response)
    _one(html, "#id_text")  # the form for a new goal is still there
    closed = client.get(_url(goal), {"call": call.key, "close": "1"}, headers=HTMX)
    assert parse(closed).select_one(f"#goal-edit-{goal.key}") is None


def test_a_plain_link_goes_to_the_goal_s_page(client, call, goal):
    response = client.get(_url(goal), {"call": call.key})

    assert response.status_code == 302
    assert response["Location"] == reverse("goals:detail", args=[goal.key])


def test_saving_changes_the_goal_and_answers_with_the_tool(client, mentor, call, goal):
    response = client.post(_url(goal), _data(call, deadline="2030-01-30"), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    goal.refresh_from_db()
    assert (goal.text, goal.measure, goal.deadline) == (
        "Finish the quiz app's scoring",
        "a pull request is open",
        date(2030, 1, 30),
    )
    assert "Finish the quiz app's scoring" in page_text(response)
    assert parse(response).select_one(f"#goal-edit-{goal.key}") is None  # closed again
    event = goal.events.get(outcome=ReviewOutcome.EDITED)
    assert (event.by, event.new_deadline) == (mentor, date(2030, 1, 30))


def test_a_plain_form_comes_back_to_the_session(client, call, goal):
    response = client.post(_url(goal), _data(call))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    page = client.get(response["Location"])
    assert "Goal saved." in page_text(page)
    goal.refresh_from_db()
    assert goal.text == "Finish the quiz app's scoring"


@pytest.mark.parametrize(
    ("fields", "auto_id", "message"),
    [
        ({"text": ""}, "id_edit-text", "Say what the goal is."),
        ({"deadline": "2030-01-01"}, "id_edit-deadline", "The deadline has already passed."),
        ({"deadline": "soon"}, "id_edit-deadline", "Give a date like"),
        ({"link": "javascript:alert(1)"}, "id_edit-link", "Give a full web address"),
    ],
)
def test_bad_input_is_explained_keeps_what_was_typed_and_changes_nothing(
    client, call, goal, fields, auto_id, message
):
    response = client.post(_url(goal), _data(call, **fields), headers=HTMX)

    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, auto_id)), page_text(response)
    form = _one(parse(response), f"#goal-edit-{goal.key}")
    assert _one(form, "#id_edit-measure")["value"] == "a pull request is open"
    assert "The goal was not changed" in page_text(response)
    goal.refresh_from_db()
    assert (goal.text, goal.measure, goal.deadline) == ("Finish the quiz", "", date(2030, 1, 28))
    assert not goal.events.filter(outcome=ReviewOutcome.EDITED).exists()


def test_an_outsider_gets_404_and_nothing_changes(client, call, goal):
    client.force_login(make_mentor())

    assert client.get(_url(goal), {"call": call.key}, headers=HTMX).status_code == 404
    assert client.post(_url(goal), _data(call), headers=HTMX).status_code == 404
    goal.refresh_from_db()
    assert goal.text == "Finish the quiz"


def test_a_session_of_another_group_is_404(client, mentor, call, goal):
    other = make_call(make_group(mentor), scheduled_at=NOW + timedelta(days=1))

    response = client.post(_url(goal), _data(other), headers=HTMX)

    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.text == "Finish the quiz"


def test_wrong_method(client, goal):
    assert client.put(_url(goal)).status_code == 405
    assert client.delete(_url(goal)).status_code == 405
