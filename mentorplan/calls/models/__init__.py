"""A session's models, one module per meaning; import them from here.

- call.py: the session itself, planning it and its live state machine (`Call.control`)
- segment.py: its agenda, one `CallSegment` per part, with what happened in each
- notes.py: notes at three levels, and attendance
- games.py: thinking games for the welcome
"""

from mentorplan.calls.clock import Clock, SegmentView
from mentorplan.calls.models.call import (
    ADD_TIME_MINUTES,
    MAX_CALL_MINUTES,
    MIN_CALL_MINUTES,
    Action,
    Call,
    CallQuerySet,
    CannotChange,
    LocalTime,
    Status,
    held_at_expression,
)
from mentorplan.calls.models.games import BrainGame, GameSuggestion
from mentorplan.calls.models.notes import (
    Attendance,
    AttendanceStatus,
    Note,
    NoteLevel,
    NoteQuerySet,
)
from mentorplan.calls.models.segment import CallSegment

__all__ = [
    "ADD_TIME_MINUTES",
    "MAX_CALL_MINUTES",
    "MIN_CALL_MINUTES",
    "Action",
    "Attendance",
    "AttendanceStatus",
    "BrainGame",
    "Call",
    "CallQuerySet",
    "CannotChange",
    "CallSegment",
    "Clock",
    "GameSuggestion",
    "LocalTime",
    "Note",
    "NoteLevel",
    "NoteQuerySet",
    "SegmentView",
    "Status",
    "held_at_expression",
]
