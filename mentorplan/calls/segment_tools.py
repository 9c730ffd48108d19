"""The welcome & chit chat segment's tool: attendance, private relationship notes, a game."""

from typing import Any

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.models import (
    Attendance,
    AttendanceStatus,
    Call,
    CallSegment,
    GameSuggestion,
    Note,
    NoteLevel,
)

WELCOME = "welcome"  # the tool's name in the registry


def trainee_rows(
    request: MentorRequest, call: Call, segment: CallSegment | None
) -> list[dict[str, Any]]:
    trainees = list(call.group.trainees.active())
    status = dict(Attendance.objects.filter(call=call).values_list("trainee_id", "status"))
    notes = {
        note.trainee_id: note
        for note in Note.objects.filter(
            segment=segment, level=NoteLevel.PRIVATE, author=request.user, trainee__isnull=False
        )
    }
    return [
        {"trainee": t, "status": status.get(t.pk, ""), "note": notes.get(t.pk)} for t in trainees
    ]


def welcome_context(
    request: MentorRequest, call: Call, segment: CallSegment | None, *, error: str | None = None
) -> dict[str, Any]:
    return {
        "rows": trainee_rows(request, call, segment),
        "statuses": AttendanceStatus.choices,
        "game": GameSuggestion.shown(call),
    }
