"""The group page's progress card: the charts of the latest sessions."""

from typing import Any

from mentorplan.groups.models import Group
from mentorplan.wrapup import progress


def progress_panel(group: Group) -> dict[str, Any]:
    return {"charts": progress.charts(group)}
