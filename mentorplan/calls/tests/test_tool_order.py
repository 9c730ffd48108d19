"""A segment shows its tools in their registered order, not in the order the apps are installed."""

from collections.abc import Iterator

import pytest
from django.urls import reverse

from mentorplan.calls.segment_tools import welcome_context
from mentorplan.calls.tools import TOOLS, register
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import at_segment, make_call, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendance_first() -> Iterator[None]:
    """An app that puts "who is here" before the topics of technical mentoring."""
    register(
        "attendance_first",
        SegmentKind.TECHNICAL,
        "calls/tools/welcome.html",
        welcome_context,
        order=5,
    )
    yield
    TOOLS.remove("attendance_first")


def _tool_headings(client, call) -> list[str]:
    page = parse(client.get(reverse("calls:detail", args=[call.key])))
    return [h2.get_text(" ", strip=True) for h2 in page.select("#tool h2")]


def test_technical_mentoring_shows_the_topics_then_the_feedback(client, group):
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)

    assert _tool_headings(client, call) == [
        "Topics to work on",
        "Feedback for the course team (optional)",
    ]


def test_a_tool_registered_with_an_earlier_order_comes_first(client, group, attendance_first):
    call = at_segment(make_call(group), SegmentKind.TECHNICAL)

    assert _tool_headings(client, call) == [
        "Who is here",
        "Topics to work on",
        "Feedback for the course team (optional)",
    ]
