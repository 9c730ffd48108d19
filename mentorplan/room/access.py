"""The one way into a trainee's room: the token in their link."""

from django.http import Http404, HttpRequest

from mentorplan.groups.models import Trainee
from mentorplan.room.models import TraineeLink


class LinkGone(Http404):
    """The link is unknown, revoked or malformed. Room views answer it with a friendly page and
    status 404 (see `mentorplan.room.views.room_view`), which says nothing about anybody."""


def get_room(request: HttpRequest, token: str) -> tuple[TraineeLink, Trainee]:
    """The link and its trainee, or `LinkGone`. Every room view starts here, and reaches
    anything else only through the trainee it returns."""
    link = TraineeLink.objects.by_token(token).first()
    if link is None:
        raise LinkGone("This link does not work.")
    return link, link.trainee
