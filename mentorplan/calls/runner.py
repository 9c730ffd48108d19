"""What a session's page shows, planned, live (the runner) or finished.

Live, the runner is drawn in parts: the clock and its controls on every draw, since they change
by the second; the tools and the room's panels each with their own context (see `draw_all` and
`RUNNER_PANELS`); the note boxes and the agenda kept drawn (see `mentorplan.lib.fragments`),
each from the values its key holds and nothing else, so that a screen drawn again after a
pause, a co-mentor's move or a reload does not draw them again until one of those values moves.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.clock import Clock, segment_at
from mentorplan.calls.models import Call, CallSegment, Note, NoteLevel, Status, segments_of
from mentorplan.calls.tools import draw_all
from mentorplan.lib.fragments import CSRF_MARK, kept
from mentorplan.lib.plugins import RUNNER_PANELS
from mentorplan.plans.models import SegmentKind


def runner_context(
    request: MentorRequest, call: Call, answering: str = "", **state: Any
) -> dict[str, Any]:
    """What the session's page shows. Live, each tool and runner panel is drawn with its own
    context; `answering` and `state` are a tool's plain form to show again (see `draw_all`)."""
    segments = segments_of(call.pk)
    now = timezone.now()
    clock = call.clock(segments, now)
    context: dict[str, Any] = {
        "call": call,
        "group": call.group,
        "segments": segments,
        "clock": clock,
        "now": now,
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
    current, notes = current_segment(request, call, segments)
    context["current"] = current
    context["note_boxes"] = note_boxes(request, current, notes)
    context["agenda"] = agenda(request, call, clock)
    context.update(room_parts(request, call, current, notes, answering, **state))
    return context


def current_segment(
    request: MentorRequest, call: Call, segments: list[CallSegment]
) -> tuple[CallSegment, tuple[Note, ...]]:
    """The live session's current segment and the notes on it the mentor may read: one read for
    the note boxes and the tools (a trainee's, in welcome)."""
    current = segment_at(segments, call.current_position or 0)
    return current, Note.objects.on_segment(request.user, current)


def room_parts(
    request: MentorRequest,
    call: Call,
    current: CallSegment,
    notes: tuple[Note, ...],
    answering: str = "",
    **state: Any,
) -> dict[str, Any]:
    """The parts of the live runner that others change: the panels (the trainee room) and the
    segment's tools, each drawn with its own context."""
    panels = [
        render_to_string(panel.template, {"call": call} | panel.context(request, call), request)
        for panel in RUNNER_PANELS.values()
    ]
    return {"panels": panels, "tools": draw_all(request, call, current, notes, answering, **state)}


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
