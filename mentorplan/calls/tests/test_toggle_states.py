"""Every toggle in the live runner says whether it is on with aria-pressed, from what the server
knows: attendance (Here / Late / Away), a trainee's place on a topic, the catch-up outcomes, the
wrap-up checklist and "Sharing my screen". A screen reader hears "pressed" for exactly the choice
that was made, and for none before it is made."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import AttendanceStatus, Call
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import TopicStatus
from mentorplan.testing import (
    at_segment,
    check_in,
    make_call,
    make_goal,
    make_topic,
    make_trainee,
    parse,
    text_in,
)
from mentorplan.wrapup.models import CheckItem, WrapupCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(group) -> Call:
    make_trainee(group, name="Amal")
    return make_call(group, scheduled_at=timezone.now())


@pytest.fixture
def amal(call):
    return call.group.trainees.get(name="Amal")


def _toggles(client, call: Call, group_label: str) -> dict[str, str]:
    """The buttons of one labelled group of toggles: label → aria-pressed ("" when missing)."""
    page = parse(client.get(reverse("calls:detail", args=[call.key])))
    group = page.select_one(f'[role="group"][aria-label="{group_label}"]')
    assert group is not None, f"no group of buttons labelled {group_label!r}"
    return {text_in(b): str(b.get("aria-pressed", "")) for b in group.find_all("button")}


@pytest.mark.parametrize("status", AttendanceStatus.values)
def test_attendance_presses_the_status_taken_and_only_that(client, call, amal, status):
    at_segment(call, SegmentKind.WELCOME)
    check_in(call, amal, status)

    shown = _toggles(client, call, "Attendance of Amal")

    assert shown == {
        label: "true" if value == status else "false" for value, label in AttendanceStatus.choices
    }


def test_attendance_not_taken_yet_presses_nothing(client, call, amal):
    at_segment(call, SegmentKind.WELCOME)

    assert set(_toggles(client, call, "Attendance of Amal").values()) == {"false"}


@pytest.mark.parametrize("status", TopicStatus.values)
def test_a_topic_presses_where_the_trainee_stands(client, call, amal, status):
    at_segment(call, SegmentKind.TECHNICAL)
    make_topic(call, "Loops", amal, status=status)

    shown = _toggles(client, call, "Where Amal stands with Loops")

    assert shown == {
        label: "true" if value == status else "false" for value, label in TopicStatus.choices
    }


def test_catch_up_outcomes_are_toggles_and_none_is_pressed_before_the_review(client, call, amal):
    goal = make_goal(amal, text="Finish the array katas", deadline=timezone.localdate())
    at_segment(call, SegmentKind.GOAL_CATCHUP)

    shown = _toggles(client, call, f"Outcome for “{goal.text}”")

    assert shown == {"Met": "false", "Partly": "false"}


def test_the_wrap_up_checklist_presses_the_items_done(client, call, mentor):
    at_segment(call, SegmentKind.WRAP_UP)
    WrapupCheck.objects.create(call=call, item=CheckItem.SLACK, done_by=mentor)

    page = parse(client.get(reverse("calls:detail", args=[call.key])))
    items = page.select(".checklist button")

    # The drawn check mark is hidden from screen readers; the label is what counts.
    assert {text_in(b).removeprefix("✓ "): b["aria-pressed"] for b in items} == {
        label: "true" if value == CheckItem.SLACK else "false" for value, label in CheckItem.choices
    }


def test_sharing_my_screen_starts_unpressed(client, call):
    at_segment(call, SegmentKind.WELCOME, at=timezone.now() - timedelta(minutes=1))

    page = parse(client.get(reverse("calls:detail", args=[call.key])))

    button = page.select_one("button[data-share-toggle]")
    assert button is not None
    assert (text_in(button), button["aria-pressed"]) == ("Sharing my screen", "false")
