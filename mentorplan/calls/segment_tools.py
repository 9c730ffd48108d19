"""The welcome & chit chat segment's tool: attendance, private relationship notes, a game."""

from typing import Any

from mentorplan.calls.models import Attendance, AttendanceStatus, GameSuggestion, Note, NoteLevel
from mentorplan.calls.tools import ToolBase

WELCOME = "welcome"  # the tool's name in the registry


def trainee_rows(base: ToolBase) -> list[dict[str, Any]]:
    """Each trainee, their attendance and the asker's private notes on them."""
    trainees = list(base.call.group.trainees.active())
    status = dict(Attendance.objects.filter(call=base.call).values_list("trainee_id", "status"))
    mine = Note.objects.filter(
        segment=base.segment, level=NoteLevel.PRIVATE, author=base.request.user
    )
    notes = {note.trainee_id: note for note in mine.filter(trainee__isnull=False)}
    return [
        {"trainee": t, "status": status.get(t.pk, ""), "note": notes.get(t.pk)} for t in trainees
    ]


def welcome_context(base: ToolBase) -> dict[str, Any]:
    return {
        "rows": trainee_rows(base),
        "statuses": AttendanceStatus.choices,
        "game": GameSuggestion.shown(base.call),
    }
