"""Setting a goal, from the goals board or in a session's goal setting part."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.groups.models import Group, Role
from mentorplan.testing import (
    HTMX,
    field_errors,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
SOMEONE_ELSE = "Choose someone in this group."


@pytest.fixture
def trainee(group):
    return make_trainee(group, name="Amal")


def _url(group: Group) -> str:
    return reverse("goals:create", args=[group.key])


def _form(owner: str, **overrides: str) -> dict[str, str]:
    data = {
        "owner": owner,
        "text": "Finish 3 katas on arrays",
        "measure": "All tests pass on Codewars",
        "deadline": "2030-01-21",
        "topic": "JavaScript arrays",
        "link": "",
    }
    data.update(overrides)
    return data


def test_setting_a_goal_for_a_trainee(client, mentor, trainee):
    response = client.post(_url(trainee.group), _form(f"t:{trainee.key}"))

    assert response.status_code == 302
    assert response["Location"] == reverse("goals:board", args=[trainee.group.key])
    goal = Goal.objects.get()
    assert (goal.trainee, goal.mentor, goal.group) == (trainee, None, trainee.group)
    assert (goal.text, goal.measure, goal.topic) == (
        "Finish 3 katas on arrays",
        "All tests pass on Codewars",
        "JavaScript arrays",
    )
    assert goal.deadline == TODAY + timedelta(days=7)
    assert (goal.status, goal.proposal, goal.set_in) == ("open", False, None)
    event = goal.events.get()
    assert (event.outcome, event.by, event.at) == ("set", mentor, NOW)
    assert "Goal set for Amal." in page_text(client.get(response["Location"]))


def test_a_mentor_sets_a_goal_for_themselves(client, mentor, group):
    client.post(_url(group), _form(f"m:{mentor.pk}", text="Review 2 pull requests"))

    goal = Goal.objects.get()
    assert (goal.mentor, goal.trainee) == (mentor, None)


def test_a_link_without_a_scheme_is_read_as_https(client, trainee):
    client.post(_url(trainee.group), _form(f"t:{trainee.key}", link="codewars.com/kata/1"))

    assert Goal.objects.get().link == "https://codewars.com/kata/1"


def test_in_a_session_htmx_gets_the_goal_setting_tool_back(client, trainee):
    call = make_call(trainee.group, scheduled_at=NOW)

    response = client.post(
        _url(trainee.group), {**_form(f"t:{trainee.key}"), "call": str(call.key)}, headers=HTMX
    )

    assert response.status_code == 200
    assert is_partial(response)
    assert 'id="goal-setting"' in response.content.decode()
    text = page_text(response)
    assert "Set in this session Finish 3 katas on arrays Amal · due Mon 21 Jan" in text
    assert Goal.objects.get().set_in == call
    assert GoalEvent.objects.get().call == call


def test_in_a_session_without_javascript_it_goes_back_to_the_session(client, trainee):
    call = make_call(trainee.group, scheduled_at=NOW)

    response = client.post(_url(trainee.group), {**_form(f"t:{trainee.key}"), "call": call.key})

    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert Goal.objects.get().set_in == call


def test_an_outsider_gets_404_and_nothing_is_saved(client, trainee):
    client.force_login(make_mentor())

    response = client.post(_url(trainee.group), _form(f"t:{trainee.key}"))

    assert response.status_code == 404
    assert not Goal.objects.exists()


def test_wrong_method_is_405(client, group):
    assert client.get(_url(group)).status_code == 405


def _refused(client, group: Group, data: dict[str, str], **headers: str):
    response = client.post(_url(group), data, headers=headers)
    assert response.status_code == 200
    assert not Goal.objects.exists()
    assert not GoalEvent.objects.exists()
    return response


def test_a_deadline_in_the_past_is_refused(client, trainee):
    response = _refused(client, trainee.group, _form(f"t:{trainee.key}", deadline="2030-01-13"))

    assert field_errors(response, "id_deadline") == [
        "The deadline has already passed. Choose today or a later date."
    ]
    assert 'value="Finish 3 katas on arrays"' in response.content.decode()  # nothing is lost


def test_today_is_not_in_the_past(client, trainee):
    client.post(_url(trainee.group), _form(f"t:{trainee.key}", deadline="2030-01-14"))

    assert Goal.objects.get().deadline == TODAY


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "", "Say what the goal is."),
        ("text", "   ", "Say what the goal is."),
        ("deadline", "", "Every goal needs a deadline."),
        ("deadline", "next friday", "Give a date like 2026-12-14."),
        ("link", "javascript:alert(1)", "Give a full web address starting with https://."),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(client, trainee, field, value, message):
    response = _refused(client, trainee.group, _form(f"t:{trainee.key}", **{field: value}))

    assert field_errors(response, f"id_{field}") == [message]


def test_a_trainee_of_another_group_is_refused(client, trainee):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    response = _refused(client, trainee.group, _form(f"t:{stranger.key}"))

    assert field_errors(response, "id_owner") == [SOMEONE_ELSE]


def test_a_mentor_of_another_group_is_refused(client, trainee):
    other = make_mentor()
    make_group(other)

    response = _refused(client, trainee.group, _form(f"m:{other.pk}"))

    assert field_errors(response, "id_owner") == [SOMEONE_ELSE]


@pytest.mark.parametrize("owner", ["", "t:not-a-key", "m:", "x:1", "t:1"])
def test_an_owner_no_form_offers_is_refused(client, trainee, owner):
    response = _refused(client, trainee.group, _form(owner))

    assert field_errors(response, "id_owner")


def test_a_trainee_who_left_is_refused(client, group):
    gone = make_trainee(group, name="Gone", is_active=False)

    response = _refused(client, group, _form(f"t:{gone.key}"))

    assert field_errors(response, "id_owner") == [SOMEONE_ELSE]


def test_a_co_mentor_can_own_a_goal(client, group):
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)

    client.post(_url(group), _form(f"m:{co_mentor.pk}"))

    assert Goal.objects.get().mentor == co_mentor


def test_errors_in_a_session_show_in_the_goal_setting_tool(client, trainee):
    call = make_call(trainee.group, scheduled_at=NOW)
    data = {**_form(f"t:{trainee.key}", text=""), "call": str(call.key)}

    response = _refused(client, trainee.group, data, **HTMX)

    assert is_partial(response)
    assert 'id="goal-setting"' in response.content.decode()
    assert field_errors(response, "id_text") == ["Say what the goal is."]


def test_a_session_of_another_group_is_404(client, trainee):
    other = make_call(make_group(make_mentor()), scheduled_at=NOW)

    response = client.post(_url(trainee.group), {**_form(f"t:{trainee.key}"), "call": other.key})

    assert response.status_code == 404
    assert not Goal.objects.exists()


def test_a_session_key_that_is_not_a_key_is_404(client, trainee):
    response = client.post(_url(trainee.group), {**_form(f"t:{trainee.key}"), "call": "nope"})

    assert response.status_code == 404
    assert not Goal.objects.exists()
