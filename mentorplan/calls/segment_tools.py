"""The welcome & chit chat segment's tool: attendance, private relationship notes, a game."""

from typing import Any

from django.db.models import OuterRef, Subquery

from mentorplan.calls.models import Attendance, AttendanceStatus, GameSuggestion, NoteLevel
from mentorplan.calls.tools import ToolBase

WELCOME = "welcome"  # the tool's name in the registry


def trainee_rows(base: ToolBase) -> list[dict[str, Any]]:
    """Each trainee, their attendance and the asker's private notes on them."""
    here = Attendance.objects.filter(call=base.call, trainee=OuterRef("pk")).values("status")
    trainees = base.call.group.trainees.active().annotate(status=Subquery(here))
    author = base.request.user.pk
    notes = {
        note.trainee_id: note
        for note in base.notes()
        if note.trainee_id and note.level == NoteLevel.PRIVATE and note.author_id == author
    }
    return [
        {"trainee": t, "status": t.status or "", "note": notes.get(t.pk)}  # type: ignore[attr-defined]
        for t in trainees
    ]


def welcome_context(base: ToolBase) -> dict[str, Any]:
    return {
        "rows": trainee_rows(base),
        "statuses": AttendanceStatus.choices,
        "game": GameSuggestion.shown(base.call),
    }
