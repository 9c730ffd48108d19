"""The segment tool registry: each segment kind can show tools in the runner.

The app that owns a tool's data registers it here (in its AppConfig.ready), so the runner knows
segment kinds but never imports goals, topics or wrap-up code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorplan.accounts.http import MentorRequest
    from mentorplan.calls.models import Call, CallSegment

ContextFunction = Callable[["MentorRequest", "Call", "CallSegment"], dict[str, Any]]


@dataclass(frozen=True)
class SegmentTool:
    template: str
    context: ContextFunction


_tools: dict[str, list[SegmentTool]] = {}


def register(kind: str, template: str, context: ContextFunction) -> None:
    """Add a tool to a segment kind; a kind shows its tools in the order they were registered."""
    tools = _tools.setdefault(kind, [])
    if all(tool.template != template for tool in tools):
        tools.append(SegmentTool(template=template, context=context))


def tools_for(kind: str) -> list[SegmentTool]:
    return list(_tools.get(kind, []))
