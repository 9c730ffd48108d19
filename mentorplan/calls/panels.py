"""The group page's card of sessions: what is live, what is planned and the latest finished."""

from typing import Any

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group

FINISHED_SHOWN = 20


def sessions_panel(group: Group) -> dict[str, Any]:
    calls = Call.objects.filter(group=group)
    return {
        "upcoming": calls.upcoming(),
        "live": calls.live(),
        "finished": calls.finished()[:FINISHED_SHOWN],
    }
