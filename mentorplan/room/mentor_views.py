"""The mentor's side of the room: make, send and revoke trainees' links.

Only a hash of each token is stored, so a link can be shown once, in the answer to the button
that made it, and never again. To share a link again the mentor makes a new one, which closes
the old: the panel says so. E-mail makes a new link too, and only the trainee sees it.
"""

from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.access import get_group, get_trainee
from mentorplan.groups.models import Group, Trainee
from mentorplan.room.models import TraineeLink
from mentorplan.room.panels import links_panel

LEFT = "{name} has left the group, so they have no link."


def _answer(request: MentorRequest, group: Group, **fresh: object) -> HttpResponse:
    """htmx gets the links card again; a plain form gets it on a page of its own, as the card
    may hold links that are shown only now and must not go through a redirect."""
    context = {"group": group, "user": request.user, **links_panel(group), **fresh}
    if request.htmx:
        return render(request, "room/panels/links.html", context)
    return render(request, "room/links_page.html", {**context, "nav": "groups"})


def _url(request: MentorRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("room:page", args=[token]))


@require_POST
def link_issue(request: MentorRequest, key: str) -> HttpResponse:
    trainee = get_trainee(request, key)
    if not trainee.is_active:
        messages.error(request, LEFT.format(name=trainee.name))
        return redirect("groups:detail", key=trainee.group.key)
    _, token = TraineeLink.issue(trainee, by=request.user)
    return _answer(request, trainee.group, fresh={trainee.pk: _url(request, token)})


@require_POST
def links_issue_all(request: MentorRequest, key: str) -> HttpResponse:
    """New links for every trainee still in the group, as a list to paste into Slack."""
    group, _ = get_group(request, key)
    fresh: dict[int, str] = {}
    lines = []
    for trainee in group.trainees.active().order_by("name"):
        _, token = TraineeLink.issue(trainee, by=request.user)
        fresh[trainee.pk] = _url(request, token)
        lines.append(f"{trainee.name}: {fresh[trainee.pk]}")
    return _answer(request, group, fresh=fresh, all_links="\n".join(lines))


@require_POST
def link_revoke(request: MentorRequest, key: str) -> HttpResponse:
    trainee = get_trainee(request, key)
    TraineeLink.revoke_for(trainee)
    if request.htmx:
        return _answer(request, trainee.group, revoked=trainee)
    messages.success(request, f"{trainee.name}'s link no longer works.")
    return redirect("groups:detail", key=trainee.group.key)


@require_POST
def link_email(request: MentorRequest, key: str) -> HttpResponse:
    """A new link, e-mailed to the trainee: the mentor never sees it."""
    trainee = get_trainee(request, key)
    if not trainee.is_active or not trainee.email:
        reason = LEFT if not trainee.is_active else "We have no e-mail address for {name}."
        messages.error(request, reason.format(name=trainee.name))
        return redirect("groups:detail", key=trainee.group.key)
    _, token = TraineeLink.issue(trainee, by=request.user)
    _send(request, trainee, _url(request, token))
    sent = f"A new link is on its way to {trainee.email}. Their old link no longer works."
    if request.htmx:
        return _answer(request, trainee.group, sent=sent)
    messages.success(request, sent)
    return redirect("groups:detail", key=trainee.group.key)


def _send(request: MentorRequest, trainee: Trainee, url: str) -> None:
    send_mail(
        f"Your page for “{trainee.group.name}”",
        render_to_string(
            "room/email/link.txt", {"trainee": trainee, "link": url, "mentor": request.user}
        ),
        None,
        [trainee.email],
    )
