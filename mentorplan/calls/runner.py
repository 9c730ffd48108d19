"""What a session's page shows, planned, live (the runner) or finished.

Live, the runner is drawn in parts: the tools and the room's panels each with their own context
(see `draw_all` and `RUNNER_PANELS`); the note boxes and the agenda kept drawn (see
`mentorplan.lib.fragments`), each from the values its key holds and nothing else, so that a
screen drawn again after a pause, a co-mentor's move or a reload does not draw them again until
one of those values moves. The page around them is kept drawn too (`runner_page`), with holes
for those parts and for what changes by the second (`moment`: the clock, the poll's pass).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls import polling
from mentorplan.calls.clock import Clock, segment_at
from mentorplan.calls.models import Call, CallSegment, Note, NoteLevel, Status, segments_of
from mentorplan.calls.tools import draw_all, tool_queries
from mentorplan.lib import rawsql
from mentorplan.lib.fragments import CSRF_MARK, hole, kept, kept_template
from mentorplan.lib.plugins import RUNNER_PANELS, RunnerPanel
from mentorplan.plans.models import SegmentKind


def runner_context(
    request: MentorRequest, call: Call, answering: str = "", **state: Any
) -> dict[str, Any]:
    """What the session's page shows. Live, each tool and runner panel is drawn with its own
    context; `answering` and `state` are a tool's plain form to show again (see `draw_all`)."""
    segments = segments_of(call)
    now = timezone.now()
    clock = call.clock(segments, now)
    context: dict[str, Any] = {
        "call": call,
        "group": call.group,
        "segments": segments,
        "clock": clock,
        "nav": "groups",
    }
    status = call.status
    if status in (Status.PLANNED, Status.CANCELLED):
        context["local_times"] = call.local_times()
        context["overflow"] = Call.overflow_minutes(segments, call.length_minutes)
        return context
    if status == Status.ENDED:
        visible = Note.objects.visible_to(request.user).filter(call=call).exclude(body="")
        by_segment: dict[int, list[Note]] = {}
        for note in visible.select_related("trainee").order_by("segment__position", "level"):
            by_segment.setdefault(note.segment_id, []).append(note)
        context["notes"] = [(s, by_segment[s.pk]) for s in segments if s.pk in by_segment]
        context["next_call"] = call.following()
        return context
    current, read = current_segment(request, call, segments, now)
    context["current"] = current
    context["moment"] = moment(request, call, clock, now)
    context["note_boxes"] = note_boxes(request, current, read.notes)
    context["agenda"] = agenda(request, call, clock)
    context.update(room_parts(request, call, current, read, answering, **state))
    return context


def moment(request: MentorRequest, call: Call, clock: Clock, now: datetime) -> dict[str, str]:
    """What the runner shows that changes by the second: its clock (the planned end moves while
    the session is paused), and the pass in the address its poll asks, signed with the time."""
    end = timezone.localtime(clock.planned_end) if clock.planned_end else None
    return {
        "server_now": str(round(now.timestamp() * 1000)),
        "active": str(clock.active),
        "active_text": clock.active_text,
        "remaining": str(clock.remaining),
        "countdown_text": clock.countdown_text,
        "overrun_text": clock.overrun_text if clock.remaining < 0 else "",
        "progress_percent": str(clock.progress_percent),
        # As the date filter writes them ("Y-m-d\TH:i:sO", "H:i"), in a seventh of the time.
        "planned_end": end.strftime("%Y-%m-%dT%H:%M:%S%z") if end else "",
        "planned_end_time": end.strftime("%H:%M") if end else "",
        "state_url": polling.state_url(request.user, call),
    }


def runner_page(request: MentorRequest, call: Call, template: str) -> SafeString:
    """The live runner, `template` being the page or its `#runner` part: kept drawn for the
    reader until what it shows moves, with holes for the parts kept on their own (or drawn each
    time: the panels, the tools) and for the `moment` (see `kept_template`)."""
    context = runner_context(request, call)
    clock: Clock = context["clock"]
    current: CallSegment = context["current"]
    group = call.group
    made_of = (
        (call.key, call.version, call.status, call.length_minutes, call.video_link),
        (group.key, group.name),
        (current.title, current.guidance, clock.current_number, len(clock.segments)),
        (
            clock.remaining < 0,
            clock.overrun_template,
            clock.shortfall_minutes,
            bool(clock.upcoming),
        ),
    )
    holes = {
        "moment": {name: hole(name) for name in context["moment"]},
        "panels": [hole("panels")],
        "tools": [hole("tools")],
        "note_boxes": hole("note_boxes"),
        "agenda": hole("agenda"),
    }
    fill: dict[str, str] = {
        **context["moment"],
        "panels": mark_safe("".join(context["panels"])),
        "tools": mark_safe("".join(context["tools"])),
        "note_boxes": context["note_boxes"],
        "agenda": context["agenda"],
    }
    return kept_template(request, template, context, made_of, holes, fill)


@dataclass(frozen=True)
class SegmentRead:
    """What the runner reads for its current segment beside the session, asked in one trip to
    the database: the notes on it the mentor may read (for the note boxes and the tools), the
    rows of each runner panel that names its query, and what the segment's kept tools are drawn
    from (see `tool_queries`)."""

    notes: tuple[Note, ...]
    panels: dict[str, list[tuple[Any, ...]]]
    tools: list[list[tuple[Any, ...]]]


def current_segment(
    request: MentorRequest, call: Call, segments: list[CallSegment], now: datetime
) -> tuple[CallSegment, SegmentRead]:
    """The live session's current segment, and what the runner reads for it."""
    current = segment_at(segments, call.current_position or 0)
    return current, _read(request, call, current, now)


def _read(request: MentorRequest, call: Call, current: CallSegment, now: datetime) -> SegmentRead:
    """Everything `SegmentRead` holds, in one query."""
    notes = Note.objects.on_segment_query(request.user, current)
    panels = {name: panel.query(call, now) for name, panel in _panels() if panel.query}
    tools = tool_queries(call, current)
    answers = rawsql.together(notes, *panels.values(), *tools)
    return SegmentRead(
        Note.objects.on_segment(request.user, current, answers[0]),
        dict(zip(panels, answers[1 : 1 + len(panels)], strict=True)),
        answers[1 + len(panels) :],
    )


def room_parts(
    request: MentorRequest,
    call: Call,
    current: CallSegment,
    read: SegmentRead,
    answering: str = "",
    **state: Any,
) -> dict[str, Any]:
    """The parts of the live runner that others change: the panels (the trainee room) and the
    segment's tools, each drawn with its own context."""
    panels = [_panel(request, call, panel, read.panels.get(name)) for name, panel in _panels()]
    tools = draw_all(
        request, call, current, read.notes, answering, read=read.tools or None, **state
    )
    return {"panels": panels, "tools": tools}


def _panels() -> list[tuple[str, RunnerPanel]]:
    return [(entry.name, entry.value) for entry in RUNNER_PANELS.entries()]


def _panel(
    request: MentorRequest, call: Call, panel: RunnerPanel, rows: list[tuple[Any, ...]] | None
) -> str:
    """A runner panel, drawn or, if it says what it shows, kept drawn; `rows` the answer to its
    query, if it has one."""
    found = panel.context(request, call) if rows is None else panel.context(request, call, rows)
    context = {"call": call} | found
    if panel.shows is None:
        return render_to_string(panel.template, context, request)

    def draw() -> str:
        return render_to_string(panel.template, context | {"csrf_token": CSRF_MARK}, request)

    return kept(request, f"panel:{panel.template}", panel.shows(call, context), draw)


def note_boxes(request: MentorRequest, current: CallSegment, notes: tuple[Note, ...]) -> SafeString:
    """The reader's three note boxes on the current segment (private, for the mentors, shared
    with the trainees), the one most used in that part open; kept drawn for the reader (the
    private box is theirs) until a note's text or the segment's title changes."""
    mine = {note.level: note for note in notes if note.trainee_id is None}
    default_level = NoteLevel.PRIVATE if current.kind == SegmentKind.WELCOME else NoteLevel.MENTORS
    boxes, shown = [], []
    for level, label in NoteLevel.choices:
        note = mine.get(level)
        written = note is not None and note.body != ""
        is_open = level == default_level or (written and level != NoteLevel.PRIVATE)
        boxes.append({"level": level, "label": label, "note": note, "open": is_open})
        shown.append((level, label, is_open, note and (note.version, note.body)))
    made_of = (request.user.pk, (current.key, current.title), shown)

    def draw() -> str:
        context = {"current": current, "boxes": boxes, "csrf_token": CSRF_MARK}
        return render_to_string("calls/runner.html#notes", context, request)

    return kept(request, "runner-notes", made_of, draw)


def agenda(request: MentorRequest, call: Call, clock: Clock) -> SafeString:
    """The agenda with its minutes at this moment (those a finished segment took, the others'
    share of the time left), kept drawn until a minute shown changes, the session moves on or
    its version does (its "Go" buttons send it)."""
    made_of = (
        (call.key, call.version),
        [
            (
                view.segment.position,
                view.segment.title,
                view.segment.flexible,
                view.is_current,
                view.is_done,
                view.planned_minutes,
                view.elapsed_minutes if view.is_done else view.budget_minutes,
            )
            for view in clock.segments
        ],
    )

    def draw() -> str:
        context = {"call": call, "clock": clock, "csrf_token": CSRF_MARK}
        return render_to_string("calls/runner.html#agenda", context, request)

    return kept(request, "runner-agenda", made_of, draw)
