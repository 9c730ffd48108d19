"""The group page's check-ins card, also the top of the course team's view: each trainee's last
check-in and latest status."""

from typing import Any

from django.db.models import OuterRef, Subquery

from mentorplan.calls.models import held_at_expression
from mentorplan.feedback.models import Feedback, check_ins
from mentorplan.groups.models import Group


def team_rows(group: Group) -> list[dict[str, object]]:
    in_group = Feedback.objects.filter(call__group=group)
    # Each trainee's feedback from the latest session they have any: one row each, however long
    # the group's history.
    newest = in_group.filter(trainee=OuterRef("trainee")).order_by(
        held_at_expression("call__").desc(), "-pk"
    )
    latest = {
        feedback.trainee_id: feedback
        for feedback in in_group.filter(pk=Subquery(newest.values("pk")[:1]))
    }
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
