"""The wrap-up segment's tool: resources, nudges, moments of progress and the next session."""

from typing import Any

from mentorplan.calls.models import Call
from mentorplan.calls.tools import ToolBase
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import Topic
from mentorplan.wrapup import moments
from mentorplan.wrapup.forms import FollowUpForm, NewResourceForm, default_follow_up
from mentorplan.wrapup.models import CheckItem, Resource, ResourceShare, Win, WrapupCheck

WRAPUP = "wrapup"  # the tool's name in the registry


def wrapup_context(
    base: ToolBase,
    *,
    follow_up_form: FollowUpForm | None = None,
    resource_form: NewResourceForm | None = None,
) -> dict[str, Any]:
    """The checklist, resources, moments to praise and the next session; a failed form
    (`follow_up_form`, `resource_form`) as it was sent."""
    call = base.call
    done = set(WrapupCheck.objects.filter(call=call).values_list("item", flat=True))
    picked = list(Win.objects.filter(call=call).select_related("trainee"))
    picked_texts = {(w.trainee_id, w.text) for w in picked}
    trainees = list(call.group.trainees.active())
    found = moments.collect(call, trainees)
    suggestions = [m for m in found if (m.trainee.pk, m.text) not in picked_texts]
    targets = share_targets(call, trainees)
    return {
        "checks": [(value, label, value in done) for value, label in CheckItem.choices],
        "resources": list(Resource.objects.for_user(base.request.user)),
        "shares": list(
            ResourceShare.objects.filter(call=call).select_related("resource", "trainee", "topic")
        ),
        "share_targets": targets,
        # A failed new-resource form shows its own errors, with what was typed.
        "resource_form": resource_form or NewResourceForm(targets=targets),
        "suggestions": suggestions,
        "wins": picked,
        "trainees": trainees,
        "next_call": call.following(),
        "follow_up_form": follow_up_form
        or FollowUpForm(initial=default_follow_up(call.scheduled_at)),
        # A failed follow-up form shows its own errors beside its fields.
        "wrapup_error": "" if follow_up_form or resource_form else base.error or "",
    }


def share_targets(call: Call, trainees: list[Trainee] | None = None) -> list[tuple[str, str]]:
    """Who or what a resource can be shared with in this session: everyone, one trainee, or an
    open topic. The values are what `ShareForm` and `NewResourceForm` send."""
    if trainees is None:
        trainees = list(call.group.trainees.active())
    topics = list(Topic.objects.filter(group=call.group).unresolved().order_by("title"))
    return (
        [("group", "Everyone in the group")]
        + [(f"t:{t.key}", t.name) for t in trainees]
        + [(f"p:{t.key}", f"Topic: {t.title}") for t in topics]
    )
