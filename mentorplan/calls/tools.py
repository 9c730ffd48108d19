"""The runner's segment tools, and the one way a tool is drawn and answers a POST.

The app that owns a tool's data registers it here in its `AppConfig.ready()` (see
`mentorplan.lib.plugins` for the other places apps plug into), so the runner knows segment kinds
but never imports goals, topics or wrap-up code. Each tool owns its context: a function that
builds what its template needs, given a `ToolBase` (the request, the session, the tool's segment
and the error of the POST it answers) and the tool's own state, such as a failed form. A tool's
template gets the base's context and its own, and nothing of the other tools: the runner and the
answer to a POST draw it the same way, with `draw`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from mentorplan.calls.models import Note
from mentorplan.groups import people
from mentorplan.lib import rawsql
from mentorplan.lib.fragments import CSRF_MARK, Rows, kept, read_marks
from mentorplan.lib.http import form_errors
from mentorplan.lib.plugins import Slot

if TYPE_CHECKING:
    from django.forms import BaseForm

    from mentorplan.accounts.http import MentorRequest
    from mentorplan.calls.models import Call, CallSegment


@dataclass(frozen=True)
class ToolBase:
    """What every tool is drawn for: who asks, the session, the segment the tool belongs to (none
    when the session has no segment of its kind) and the error of the POST being answered."""

    request: "MentorRequest"
    call: "Call"
    segment: "CallSegment | None"
    error: str | None = None
    # The segment's notes the asker may read, when the runner has read them for its own boxes.
    read_notes: tuple[Note, ...] | None = None

    def context(self) -> dict[str, Any]:
        """What every tool's template gets before its own context."""
        return {"call": self.call, "current": self.segment}

    def notes(self) -> tuple[Note, ...]:
        """The notes of the tool's segment that the asker may read."""
        if self.read_notes is not None:
            return self.read_notes
        if self.segment is None:
            return ()
        return Note.objects.on_segment(self.request.user, self.segment)


# (base, **the tool's own state) -> the template's own context
ContextFunction = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class SegmentTool:
    name: str
    kind: str
    template: str
    context: ContextFunction
    # A template around the tool for an htmx answer, given the drawn tool as `tools`; none: the
    # tool alone.
    partial: str = ""
    # The rows the tool is drawn from besides its session, segment and group, the group's people
    # and the asker's notes (see `mentorplan.lib.fragments.Rows`): by a path ending at the group,
    # or at the session ("call") for rows the tool shows of this session only, which are then
    # read without the rest of the group's history. A tool that names them is kept
    # drawn until one of those changes or the session's tools version moves (every tool's POST
    # and what trainees send move it, see `answer`), and must show nothing of `NOT_SHOWN`; one
    # that does not name them (None) is drawn every time.
    rows: tuple[Rows, ...] | None = None


# On a tool's answered POST: the session's room version after it (see `answer`).
ROOM_HEADER = "X-Room-Version"

# What a kept tool never shows, left out of its key so that it is not drawn again when only
# these move: the runner's clock (pause, resume, next, more time) and the room part (a trainee
# came, a hand went up).
NOT_SHOWN = {
    "calls.Call": {
        "version",
        "room_version",
        "paused_at",
        "paused_seconds",
        "current_position",
        "current_entered_active",
    },
    "calls.CallSegment": {
        "started_at",
        "ended_at",
        "spent_seconds",
        "entry_budget_seconds",
        "added_seconds",
    },
}


TOOLS: Slot[SegmentTool] = Slot("The runner's tools: a kind, a template and a context function.")


def register(
    name: str,
    kind: str,
    template: str,
    context: ContextFunction,
    *,
    order: int,
    partial: str = "",
    rows: Sequence[Rows] | None = None,
) -> None:
    """Add a tool to a segment kind; a kind shows its tools by `order`. With `rows`, the runner
    keeps it drawn (see `SegmentTool.rows`)."""
    kept_from = tuple(rows) if rows is not None else None
    TOOLS.add(name, SegmentTool(name, kind, template, context, partial, kept_from), order=order)


def tools_for(kind: str) -> list[SegmentTool]:
    return [tool for tool in TOOLS.values() if tool.kind == kind]


def answer(
    request: "MentorRequest",
    call: "Call",
    tool: str,
    *,
    error: str | None = None,
    saved: str | None = None,
    changed: bool | None = None,
    **state: Any,
) -> HttpResponse:
    """The answer to a tool's request. A plain form gets the message (`error` or `saved`) and the
    session's page; htmx gets the tool again, built by its context function from `state` (a failed
    form, what was just saved) and `error`. Once the session has ended its tools are gone from
    the page, so htmx loads the whole (finished) page instead.

    A change to what the tool shows (`changed`: by default, any answer without an `error`) moves
    the session's room and tools versions on, so every other screen of it draws the tool again
    (see room-runner.js). The answer names the room version it left (`ROOM_HEADER`): the screen
    that sent the POST shows its own change already and draws the tool again only if someone
    else's came between. A form refused with its errors in `state`, or a tool drawn again with
    nothing done, is `changed=False`: it moves nothing, so no other screen redraws the tool
    while this one waits for its answer."""
    if changed is None:
        changed = error is None
    if changed:
        call.room_changed()
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
    drawn = draw(entry, ToolBase(request, call, segment, error), **state)
    response = (
        render(request, entry.partial, {"tools": [drawn]}) if entry.partial else HttpResponse(drawn)
    )
    if changed:
        call.refresh_from_db(fields=["room_version"])
        response[ROOM_HEADER] = str(call.room_version)
    return response


def refuse(
    request: "MentorRequest",
    call: "Call",
    tool: str,
    form: "BaseForm",
    what: str = "",
    **state: Any,
) -> HttpResponse:
    """The answer to a tool's form that did not validate: its errors, after `what` was not done
    ("The method was not added"), and the tool again with `state` (the form as it was sent)."""
    errors = form_errors(form)
    return answer(request, call, tool, error=f"{what}: {errors}" if what else errors, **state)


def draw(tool: SegmentTool, base: ToolBase, **state: Any) -> SafeString:
    """One tool's HTML: its template with the base's context and the tool's own."""
    context = base.context() | tool.context(base, **state)
    return render_to_string(tool.template, context, base.request)


def draw_all(
    request: "MentorRequest",
    call: "Call",
    current: "CallSegment",
    notes: tuple[Note, ...],
    answering: str = "",
    *,
    read: list[list[tuple[Any, ...]]] | None = None,
    **state: Any,
) -> list[SafeString]:
    """The tools of the current segment, each drawn on its own, with the segment's `notes` the
    asker may read; those that name their rows are kept drawn (see `SegmentTool.rows`), `read`
    being the answers to `tool_queries(call, current)` if asked already. `answering` names a tool
    that answers a plain form with `state` (the form as it was sent): it is drawn with that
    state, after the others if it belongs to another segment."""
    tools = tools_for(current.kind)
    made_of = _made_of(request, call, current, notes, tools, read)
    drawn = []
    for tool in tools:
        base = ToolBase(request, call, current, read_notes=notes)
        if tool.name == answering:
            drawn.append(draw(tool, base, **state))
        elif tool.rows is None:
            drawn.append(draw(tool, base))
        else:
            drawn.append(kept(request, f"tool-{tool.name}", made_of, _drawing(tool, base)))
    if answering and TOOLS.get(answering).kind != current.kind:
        tool = TOOLS.get(answering)
        drawn.append(draw(tool, ToolBase(request, call, segment_of(call, tool.kind)), **state))
    return drawn


def _drawing(tool: SegmentTool, base: ToolBase) -> Callable[[], str]:
    """What draws `tool` to be kept: as `draw` does, with the reader's CSRF token left out."""

    def drawing() -> str:
        context = base.context() | tool.context(base) | {"csrf_token": CSRF_MARK}
        return render_to_string(tool.template, context, base.request)

    return drawing


def tool_queries(call: "Call", segment: "CallSegment") -> list[rawsql.Query]:
    """What the segment's kept tools are drawn from beside the session, the segment and the
    asker's notes (the marks of the tools' rows with the group's people), as queries to ask in
    one trip; none when no tool of the segment is kept."""
    tools = tools_for(segment.kind)
    if all(tool.rows is None for tool in tools):
        return []
    rows = [row for tool in tools for row in tool.rows or ()]
    return people.queries(list(dict.fromkeys(rows)), call.group_id, session=call)


def _made_of(
    request: "MentorRequest",
    call: "Call",
    segment: "CallSegment",
    notes: tuple[Note, ...],
    tools: list[SegmentTool],
    read: list[list[tuple[Any, ...]]] | None,
) -> tuple[object, ...] | None:
    """Everything the segment's kept tools are drawn from (None when it has none): the session
    (its tools version among it) and the segment but for what no tool shows, the group, the
    marks of the tools' rows with the group's people (one query, or its answers `read`), the
    asker's notes on the segment, who asks, in which zone, on which day."""
    if all(tool.rows is None for tool in tools):
        return None
    if read is None:
        read = rawsql.together(*tool_queries(call, segment))
    return (
        _fields(call),
        _fields(segment),
        _fields(call.group),
        read_marks(read),
        [(note.pk, note.version) for note in notes],
        request.user.pk,
        timezone.get_current_timezone_name(),
        timezone.localdate(),
    )


def _fields(row: models.Model) -> tuple[object, ...]:
    """The row's stored values but for those no tool shows."""
    unshown = NOT_SHOWN.get(row._meta.label, set())
    fields = row._meta.concrete_fields
    return tuple(getattr(row, field.attname) for field in fields if field.name not in unshown)


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
