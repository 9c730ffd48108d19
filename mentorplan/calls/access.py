"""The one way to a session: through the requesting mentor's groups. Every app's views use it."""

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee


def get_call(request: MentorRequest, key: "UUID | str", *, lock: bool = False) -> Call:
    """A session of one of the mentor's groups, or 404 whether or not it exists."""
    calls = Call.objects.for_user(request.user).select_related("group")
    if lock:
        calls = calls.select_for_update(of=("self",))
    try:
        return calls.get(key=key)
    except (Call.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such session.") from None


def get_trainee_of(call: Call, key: "UUID | str") -> Trainee:
    """A trainee of the session's group, or 404: keys of other groups' trainees get nowhere."""
    try:
        return call.group.trainees.get(key=key)
    except (Trainee.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such trainee in this group.") from None
