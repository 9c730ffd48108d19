"""The welcome & chit chat segment's tool: attendance, private relationship notes, a game."""

import random
from typing import Any

from mentorplan.calls.models import (
    Attendance,
    AttendanceStatus,
    BrainGame,
    Call,
    CallSegment,
    GameSuggestion,
    Note,
    NoteLevel,
)
from mentorplan.calls.tools import register
from mentorplan.lib.http import MentorRequest
from mentorplan.plans.models import SegmentKind


def suggest_game(call: Call, *, avoid_current: bool = False) -> GameSuggestion | None:
    """Pick a game that is neither the group's last one nor (when shuffling) the one shown now."""
    avoid: set[int] = set()
    previous = (
        GameSuggestion.objects.filter(
            call__group_id=call.group_id, call__scheduled_at__lt=call.scheduled_at
        )
        .exclude(call=call)
        .order_by("-call__scheduled_at")
        .values_list("game_id", flat=True)
        .first()
    )
    if previous:
        avoid.add(previous)
    current = GameSuggestion.objects.filter(call=call).first()
    if current and avoid_current:
        avoid.add(current.game_id)
    choices = list(BrainGame.objects.filter(is_active=True).exclude(pk__in=avoid))
    if not choices:
        return current
    game = random.choice(choices)
    suggestion, _ = GameSuggestion.objects.update_or_create(call=call, defaults={"game": game})
    return suggestion


def trainee_rows(request: MentorRequest, call: Call, segment: CallSegment) -> list[dict[str, Any]]:
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


def welcome_context(request: MentorRequest, call: Call, segment: CallSegment) -> dict[str, Any]:
    suggestion = GameSuggestion.objects.select_related("game").filter(call=call).first()
    if suggestion is None and call.is_running:
        suggestion = suggest_game(call)
    return {
        "rows": trainee_rows(request, call, segment),
        "statuses": AttendanceStatus.choices,
        "game": suggestion.game if suggestion else None,
    }


register(SegmentKind.WELCOME, "calls/tools/welcome.html", welcome_context)
