"""Each tool on the runner is drawn with the session's own context and its own, so two tools that
use the same name for different things do not see each other's values."""

from collections.abc import Iterator

import pytest
from django.urls import reverse

from mentorplan.calls.segment_tools import welcome_context
from mentorplan.calls.tools import TOOLS, register
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import at_segment, make_call, make_topic, make_trainee, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendance_in_technical() -> Iterator[None]:
    """An app that adds "who is here" to technical mentoring. The attendance tool and the topics
    tool both call their buttons' choices `statuses`: attendance (here, late, away) and where a
    trainee stands with a topic (not yet, working on it, ...)."""
    register(
        "attendance_in_technical",
        SegmentKind.TECHNICAL,
        "calls/tools/welcome.html",
        welcome_context,
        order=5,
    )
    yield
    TOOLS.remove("attendance_in_technical")


def _buttons(page, label: str) -> list[str]:
    group = page.select_one(f'[aria-label="{label}"]')
    assert group is not None, f"no buttons for {label!r}"
    return [button.get_text(strip=True) for button in group.select("button")]


def test_two_tools_with_the_same_name_in_their_context_each_see_their_own(
    client, group, attendance_in_technical
):
    amal = make_trainee(group, name="Amal")
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)
    make_topic(call, "Loops", amal)

    page = parse(client.get(reverse("calls:detail", args=[call.key])))

    assert _buttons(page, "Attendance of Amal") == ["Here", "Late", "Away"]
    assert _buttons(page, "Where Amal stands with Loops") == [
        "Not yet",
        "Working on it",
        "Understood",
        "Needs the course team",
    ]
