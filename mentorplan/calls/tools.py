"""The segment tool registry: each segment kind can show a tool in the runner.

The app that owns a tool's data registers it here (in its AppConfig.ready), so the runner knows
segment kinds but never imports goals, topics or wrap-up code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentorplan.calls.models import Call, CallSegment
    from mentorplan.lib.http import MentorRequest

ContextFunction = Callable[["MentorRequest", "Call", "CallSegment"], dict[str, Any]]


@dataclass(frozen=True)
class SegmentTool:
    template: str
    context: ContextFunction


_tools: dict[str, SegmentTool] = {}


def register(kind: str, template: str, context: ContextFunction) -> None:
    _tools[kind] = SegmentTool(template=template, context=context)


def tool_for(kind: str) -> SegmentTool | None:
    return _tools.get(kind)
