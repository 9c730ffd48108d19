"""What one mentor does in a segment's tool reaches the other screens of the session: the change
moves the session's room version, which every runner's poll reads, so a co-mentor's screen draws
the tool again. What the server refused changes nothing, and moves nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.calls.tools import ROOM_HEADER
from mentorplan.goals import actions
from mentorplan.goals.models import ReviewOutcome
from mentorplan.groups.models import Role, Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.room.models import TraineeLink
from mentorplan.testing import (
    HTMX,
    at_segment,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    parse,
    start_call,
    status_press,
)
from mentorplan.testing.history import poll_address
from mentorplan.wrapup.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client) -> Call:
    lead = make_mentor(display_name="Lena")
    client.force_login(lead)
    group = make_group(lead)
    make_trainee(group, name="Amal")
    return start_call(make_call(group))


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _mark(browser: Client, call: Call, trainee: Trainee, status: str) -> int:
    url = reverse("calls:attendance", args=[call.key, trainee.key])
    return browser.post(url, {"status": status}, headers=HTMX).status_code


def test_a_co_mentor_s_click_in_a_tool_tells_the_other_screen_to_draw_it(
    client, call, co_mentor_client, amal
):
    poll = poll_address(client, call)
    first = client.get(poll)
    etag, room = first["ETag"], first.json()["room"]

    assert _mark(co_mentor_client, call, amal, "present") == 200

    after = client.get(poll, headers={"If-None-Match": etag})
    assert after.status_code == 200
    assert after.json()["room"] > room
    assert after.json()["version"] == first.json()["version"]  # the live state did not move
    redrawn = parse(client.get(reverse("calls:detail", args=[call.key]), headers=HTMX))
    pressed = redrawn.select('[aria-label="Attendance of Amal"] [aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["present"]


def test_a_change_in_another_segment_s_tool_is_told_too(client, call, co_mentor_client):
    at_segment(call, SegmentKind.TECHNICAL)
    poll = poll_address(client, call)
    before = client.get(poll).json()["room"]

    response = co_mentor_client.post(
        reverse("recap:topic_add", args=[call.key]),
        {"title": "Recursion", "trainees": [str(call.group.trainees.get().key)]},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert client.get(poll).json()["room"] == before + 1


def test_the_answer_tells_the_screen_that_clicked_which_room_version_it_left(client, call, amal):
    """So that screen, which shows its own change already, does not draw the tool again for it."""
    poll = poll_address(client, call)
    before = client.get(poll).json()["room"]
    url = reverse("calls:attendance", args=[call.key, amal.key])

    answered = client.post(url, {"status": "present"}, headers=HTMX)

    assert answered[ROOM_HEADER] == str(before + 1) == str(client.get(poll).json()["room"])
    refused = client.post(url, {"status": "asleep"}, headers=HTMX)
    assert refused.status_code == 200 and ROOM_HEADER not in refused


def test_a_refused_click_changes_nothing_and_tells_nobody(client, call, co_mentor_client, amal):
    poll = poll_address(client, call)
    first = client.get(poll)

    assert _mark(co_mentor_client, call, amal, "asleep") == 200  # the tool again, with the error

    assert client.get(poll, headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert not call.attendance.exists()


def test_the_room_part_always_names_the_module_that_draws_such_changes(client, call, amal):
    def panel():
        page = parse(client.get(reverse("calls:detail", args=[call.key])))
        return page.select_one("#room-panel")

    # Without trainee links the module is fetched only once a change comes (poll.js)...
    assert "room-runner" in panel()["data-room-module"]
    assert not panel().has_attr("data-module")

    TraineeLink.issue(amal)

    # ...with them it comes with the page, for the people in the room.
    assert panel()["data-module"] == panel()["data-room-module"]


def _goal_answers(call: Call, amal: Trainee) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Goal tools' answers that change nothing: a refused outcome, a refused goal, and the
    goal-setting tool drawn with a goal's edit form open, then closed."""
    goal = make_goal(amal, text="Finish 3 katas", measure="they show as done")
    edit = reverse("goals:edit", args=[goal.key])
    as_it_is = {"text": goal.text, "measure": goal.measure, "deadline": str(goal.deadline)}
    return {
        "a miss without a note": (
            "post",
            reverse("goals:review", args=[goal.key]),
            {"outcome": "missed", "note": "", "call": str(call.key)},
        ),
        "a goal without its text": (
            "post",
            reverse("goals:create", args=[call.group.key]),
            {"owner": f"t:{amal.key}", "text": "", "call": str(call.key)},
        ),
        "opening a goal's edit form": ("get", edit, {"call": str(call.key)}),
        "closing it": ("get", edit, {"call": str(call.key), "close": "1"}),
        "saving it unchanged": (
            "post",
            edit,
            {"call": str(call.key), **{f"edit-{name}": value for name, value in as_it_is.items()}},
        ),
    }


@pytest.mark.parametrize(
    "answer",
    [
        "a miss without a note",
        "a goal without its text",
        "opening a goal's edit form",
        "closing it",
        "saving it unchanged",
    ],
)
def test_a_goal_tool_answer_that_changes_nothing_moves_nothing(client, call, amal, answer):
    """Otherwise every other screen draws the tool again for nothing, and may do it while this
    screen waits for its answer, which then lands on a tool no longer shown."""
    method, url, data = _goal_answers(call, amal)[answer]
    poll = poll_address(client, call)
    first = client.get(poll)

    response = getattr(client, method)(url, data, headers=HTMX)

    assert response.status_code == 200
    assert ROOM_HEADER not in response
    assert client.get(poll, headers={"If-None-Match": first["ETag"]}).status_code == 304


def _presses(call: Call, amal: Trainee) -> dict[str, tuple[str, dict[str, str]]]:
    """Presses whose second go finds done what it asks, as after a double click or when two
    mentors press at once."""
    lead = call.group.memberships.get(role=Role.LEAD).user
    topic = make_topic(call, "Recursion", amal)
    resource = Resource.objects.create(owner=lead, title="Katas", url="https://example.org/k")
    proposal = make_goal(amal, text="Build the quiz page", proposal=True)
    reviewed = make_goal(amal, text="Finish the quiz app")
    actions.review(reviewed, outcome=ReviewOutcome.MET, by=lead, call=call)
    wrapup = {name: reverse(f"wrapup:{name}", args=[call.key]) for name in ["share", "win_add"]}
    in_call = {"call": str(call.key)}
    return {
        "attendance": (
            reverse("calls:attendance", args=[call.key, amal.key]),
            {"status": "late"},
        ),
        "a topic's status": status_press(call, topic, amal, "understood"),
        "a checklist tick": (reverse("wrapup:check", args=[call.key, "slack"]), {"done": "1"}),
        "a praise": (wrapup["win_add"], {"trainee": str(amal.key), "text": "Clear questions"}),
        "a share": (wrapup["share"], {"resource": str(resource.key), "target": "group"}),
        "a new resource": (
            reverse("wrapup:resource_add", args=[call.key]),
            {
                "resource-title": "Arrays",
                "resource-url": "https://example.org/a",
                "resource-target": "group",
            },
        ),
        "the follow-up": (
            reverse("wrapup:follow_up", args=[call.key]),
            {"date": str(timezone.localdate() + timedelta(days=14)), "time": "19:00"},
        ),
        "accepting a proposal": (reverse("goals:accept", args=[proposal.key]), in_call),
        "undoing an outcome": (reverse("goals:reopen", args=[reviewed.key]), in_call),
    }


@pytest.mark.parametrize(
    "press",
    [
        "attendance",
        "a topic's status",
        "a checklist tick",
        "a praise",
        "a share",
        "a new resource",
        "the follow-up",
        "accepting a proposal",
        "undoing an outcome",
    ],
)
def test_the_same_press_twice_moves_the_room_once(client, call, amal, press):
    """The second press changes nothing, so it tells nobody: otherwise every other screen of
    the session fetches its whole runner again to draw a tool that looks the same."""
    url, data = _presses(call, amal)[press]
    poll = poll_address(client, call)

    first = client.post(url, data, headers=HTMX)
    assert first.status_code == 200 and ROOM_HEADER in first
    seen = client.get(poll)["ETag"]

    second = client.post(url, data, headers=HTMX)

    assert second.status_code == 200
    assert ROOM_HEADER not in second
    assert client.get(poll, headers={"If-None-Match": seen}).status_code == 304
