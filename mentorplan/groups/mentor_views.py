"""A lead removes a co-mentor; a mentor leaves a group. Each asks first, on a page that says
what goes and what stays (see `mentorplan.groups.leaving`)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.access import get_group
from mentorplan.groups.leaving import LastMentor, leave, successor
from mentorplan.groups.models import Membership, Role

GET_POST = ["GET", "HEAD", "POST"]


def _get_co_mentor(request: MentorRequest, key: str) -> Membership:
    """A co-mentor's membership of a group the requesting mentor leads, or 404."""
    membership = (
        Membership.objects.select_related("group", "user")
        .filter(
            key=key,
            role=Role.CO_MENTOR,
            group__memberships__user_id=request.user.pk,
            group__memberships__role=Role.LEAD,
        )
        .exclude(user_id=request.user.pk)
        .first()
    )
    if membership is None:
        raise Http404("No such co-mentor.")
    return membership


@require_http_methods(GET_POST)
def mentor_remove(request: MentorRequest, key: str) -> HttpResponse:
    membership = _get_co_mentor(request, key)
    if request.method == "POST":
        leave(membership)
        messages.success(
            request,
            f"{membership.user.display_name} no longer mentors this group. "
            "Their private notes and their own goals here are deleted.",
        )
        return redirect("groups:detail", key=membership.group.key)
    return render(
        request,
        "groups/mentor_remove.html",
        {"group": membership.group, "co_mentor": membership.user, "membership": membership},
    )


@require_http_methods(GET_POST)
def group_leave(request: MentorRequest, key: str) -> HttpResponse:
    group, membership = get_group(request, key)
    try:
        heir = successor(membership)
    except LastMentor:
        status = 400 if request.method == "POST" else 200
        return render(request, "groups/leave.html", {"group": group, "last": True}, status=status)
    if request.method == "POST":
        try:
            leave(membership)
        except LastMentor:
            # Everyone else left in the meantime.
            return render(request, "groups/leave.html", {"group": group, "last": True}, status=400)
        messages.success(request, f"You have left “{group.name}”.")
        return redirect("groups:list")
    return render(request, "groups/leave.html", {"group": group, "heir": heir, "last": False})
