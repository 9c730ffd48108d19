"""The trainee links card on a group's page."""

from typing import Any

from mentorplan.groups.models import Group
from mentorplan.room.models import TraineeLink


def links_panel(group: Group) -> dict[str, Any]:
    """Each trainee still in the group with their working link (or none): when it was made and
    when they last opened it. Two queries, however many links were made before."""
    links = {
        link.trainee_id: link for link in TraineeLink.objects.active().filter(trainee__group=group)
    }
    return {
        "link_rows": [(t, links.get(t.pk)) for t in group.trainees.active().order_by("name")],
        # What a press of one of the panel's buttons just did (see mentor_views._answer).
        "sent": "",
        "revoked": None,
        "fresh": {},
        "all_links": "",
    }
