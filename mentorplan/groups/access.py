"""The one way into a group's data: through the requesting mentor's memberships.

Anything outside the mentor's groups is a 404, whether it exists or not.
"""

import uuid

from django.http import Http404

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.models import Group, Membership, Trainee


def _as_uuid(key: object) -> uuid.UUID:
    try:
        return key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
    except ValueError:
        raise Http404("No such page.") from None


def get_group(
    request: MentorRequest, key: object, *, lead: bool = False
) -> tuple[Group, Membership]:
    """The group with this key and the requesting mentor's membership of it, or 404."""
    membership = (
        Membership.objects.select_related("group")
        .filter(group__key=_as_uuid(key), user_id=request.user.pk)
        .first()
    )
    if membership is None or (lead and not membership.is_lead):
        raise Http404("No such group.")
    return membership.group, membership


def get_trainee(request: MentorRequest, key: object) -> Trainee:
    trainee = (
        Trainee.objects.for_user(request.user)
        .select_related("group")
        .filter(key=_as_uuid(key))
        .first()
    )
    if trainee is None:
        raise Http404("No such trainee.")
    return trainee


def groups_for(request: MentorRequest):
    return Group.objects.for_user(request.user)
