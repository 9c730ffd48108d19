"""The runner's segment tools, and the one way a tool answers a POST.

The app that owns a tool's data registers it here in its `AppConfig.ready()` (see
`mentorplan.lib.plugins` for the other places apps plug into), so the runner knows segment kinds
but never imports goals, topics or wrap-up code. Each tool owns its context: a function that
builds what its template needs, given the failed form or error of the POST it answers.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from mentorplan.lib.plugins import Slot

if TYPE_CHECKING:
    from mentorplan.accounts.http import MentorRequest
    from mentorplan.calls.models import Call, CallSegment

# (request, call, segment, *, error=None, **the tool's own state) -> the template's context
ContextFunction = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class SegmentTool:
    kind: str
    template: str
    context: ContextFunction
    # What an htmx answer renders; the tool's own template unless it says otherwise.
    partial: str = ""


TOOLS: Slot[SegmentTool] = Slot("The runner's tools: a kind, a template and a context function.")


def register(
    name: str,
    kind: str,
    template: str,
    context: ContextFunction,
    *,
    order: int,
    partial: str = "",
) -> None:
    """Add a tool to a segment kind; a kind shows its tools by `order`."""
    TOOLS.add(name, SegmentTool(kind, template, context, partial or template), order=order)


def tools_for(kind: str) -> list[SegmentTool]:
    return [tool for tool in TOOLS.values() if tool.kind == kind]


def answer(
    request: "MentorRequest",
    call: "Call",
    tool: str,
    *,
    error: str | None = None,
    saved: str | None = None,
    **state: Any,
) -> HttpResponse:
    """The answer to a tool's POST. A plain form gets the message (`error` or `saved`) and the
    session's page; htmx gets the tool again, built by its context function from `state` (a failed
    form, what was just saved) and `error`. Once the session has ended its tools are gone from
    the page, so htmx loads the whole (finished) page instead."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif saved:
            messages.success(request, saved)
        return redirect(call_url(call))
    if call.ended_at is not None:
        return whole_page(call)
    entry = TOOLS.get(tool)
    segment = segment_of(call, entry.kind)
    context = entry.context(request, call, segment, error=error, **state)
    base = {"call": call, "current": segment, "tool_templates": [entry.template]}
    return render(request, entry.partial, base | context)


def segment_of(call: "Call", kind: str) -> "CallSegment | None":
    """The segment a tool of `kind` belongs to: the current one if it is of that kind, otherwise
    the first of that kind."""
    segments = list(call.segments.filter(kind=kind))
    current = [s for s in segments if s.position == call.current_position]
    return (current or segments)[0] if segments else None


def whole_page(call: "Call") -> HttpResponse:
    """Tell htmx to load the session's page itself: it has become a planned or finished page,
    which must not be swapped into the part of the runner that asked."""
    response = HttpResponse(status=204)
    response["HX-Redirect"] = call_url(call)
    return response


def call_url(call: "Call") -> str:
    return reverse("calls:detail", args=[call.key])
