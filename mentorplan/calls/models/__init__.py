"""A session's models, one module per meaning; import them from here.

- call.py: the session itself (`Call`), its facts and status, made of the next two
- planning.py: planning it before it runs (`Call.plan`, `reschedule`, `cancel`, `plan_next`)
- live.py: its live state machine (`Status`, `Action`, `Call.control`, the one way the live state
  changes) and clock
- segment.py: its agenda, one `CallSegment` per part, with what happened in each
- notes.py: notes at three levels, and attendance
- games.py: thinking games for the welcome
"""

from mentorplan.calls.clock import Clock, SegmentView
from mentorplan.calls.models.call import (
    MAX_CALL_MINUTES,
    MIN_CALL_MINUTES,
    Call,
    CallQuerySet,
    LocalTime,
    held_at_expression,
)
from mentorplan.calls.models.games import BrainGame, GameSuggestion
from mentorplan.calls.models.live import ADD_TIME_MINUTES, Action, Status
from mentorplan.calls.models.notes import (
    Attendance,
    AttendanceStatus,
    Note,
    NoteLevel,
    NoteQuerySet,
)
from mentorplan.calls.models.planning import CannotChange
from mentorplan.calls.models.segment import CallSegment, segments_of

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
    "segments_of",
]
