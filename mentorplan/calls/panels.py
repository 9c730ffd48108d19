"""The group page's card of sessions: what is live, what is planned (the next one with its Start
button), the latest cancelled and the latest finished."""

from typing import Any

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group

FINISHED_SHOWN = 20
CANCELLED_SHOWN = 5


def sessions_panel(group: Group) -> dict[str, Any]:
    calls = Call.objects.filter(group=group)
    return {
        "upcoming": calls.upcoming(),
        "cancelled": calls.cancelled()[:CANCELLED_SHOWN],
        "live": calls.live(),
        "finished": calls.finished()[:FINISHED_SHOWN],
    }
