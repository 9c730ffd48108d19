"""The group page's follow-through card: each person's goal figures."""

from typing import Any

from mentorplan.goals.queries import people_with_goals
from mentorplan.groups.models import Group


def follow_through_panel(group: Group) -> dict[str, Any]:
    return {"people": people_with_goals(group)}
