"""The group page's check-ins card, also the top of the course team's view: each trainee's last
check-in and latest status."""

from typing import Any

from mentorplan.calls.models import held_at_expression
from mentorplan.feedback.models import Feedback, check_ins
from mentorplan.groups.models import Group


def team_rows(group: Group) -> list[dict[str, object]]:
    latest: dict[int, Feedback] = {}
    # In the order the sessions took place, so the last one kept is the newest.
    for feedback in Feedback.objects.filter(call__group=group).order_by(
        held_at_expression("call__").asc()
    ):
        latest[feedback.trainee_id] = feedback
    return [
        {
            "trainee": row.trainee,
            "last_seen": row.last_seen,
            "stale": row.stale,
            "latest": latest.get(row.trainee.pk),
        }
        for row in check_ins(group)
    ]


def checkins_panel(group: Group) -> dict[str, Any]:
    return {"rows": team_rows(group)}
