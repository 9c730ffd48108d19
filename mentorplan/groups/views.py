from datetime import date
from typing import Any

from django.contrib import messages
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Q, When
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.groups.access import get_group, get_trainee, groups_for
from mentorplan.groups.forms import GroupForm, InvitationForm, TraineeEditForm, TraineeForm
from mentorplan.groups.models import Group, Invitation, Membership, Role
from mentorplan.groups.people import marks_and_people
from mentorplan.lib.fragments import CSRF_MARK, Rows, kept, kept_page
from mentorplan.lib.plugins import GROUP_PANELS
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.lib.tokens import by_token

GET_POST = ["GET", "HEAD", "POST"]


@require_safe
def group_list(request: MentorRequest) -> HttpResponse:
    groups = groups_for(request).annotate(
        active_trainees=Count("trainees", filter=Q(trainees__is_active=True), distinct=True)
    )
    return render(request, "groups/list.html", {"groups": groups, "nav": "groups"})


@require_http_methods(GET_POST)
def group_create(request: MentorRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            group = form.save()
            Membership.objects.create(group=group, user=request.user, role=Role.LEAD)
        messages.success(request, f"“{group.name}” is ready. Add your trainees next.")
        return redirect("groups:detail", key=group.key)
    return render(request, "groups/form.html", {"form": form, "group": None, "nav": "groups"})


# What the cards of a group's page are drawn from, besides the group's people (see
# `mentorplan.lib.fragments`). A session's `version` moves when it is started, moved on, paused,
# ended or cancelled, its `sequence` when it is planned anew; the rest change their rows.
PANEL_ROWS = [
    Rows("calls.Call", "group", sums=("sequence",)),
    Rows("calls.CallSegment", "call__group"),
    Rows("calls.Attendance", "call__group", times=("updated_at",)),
    Rows("goals.Goal", "group", times=("updated_at",)),
    Rows("goals.GoalEvent", "goal__group"),
    Rows("feedback.Feedback", "call__group", times=("updated_at",)),
    Rows("recap.Topic", "group"),
    Rows("recap.TopicPerson", "topic__group", times=("updated_at",)),
    Rows("recap.Understanding", "call__group"),
    Rows(
        "room.TraineeLink", "trainee__group", times=("created_at", "revoked_at", "last_opened_at")
    ),
]


def _made_of(request: MentorRequest, group: Group, membership: Membership) -> tuple[object, ...]:
    """Everything a group's page is drawn from: the marks of the rows its cards read, its
    people as they are (with the invitations waiting), who reads it, in which zone, on which
    day."""
    found, rows = marks_and_people(PANEL_ROWS, group.pk)
    return (
        (group.key, group.name, group.course, group.region),
        found,
        rows,
        # The day in each mentor's zone: the group's day (check-ins, "last seen") is its lead's.
        [_today_in(row[4]) for row in rows if row[0] == "mentor"],
        (request.user.pk, request.user.timezone, membership.role),
        timezone.localdate(),
        timezone.get_current_timezone_name(),
    )


def _today_in(zone: str) -> date:
    return timezone.localdate(timezone=zone_or_utc(zone))


def _draw_panels(request: MentorRequest, context: dict[str, Any]) -> str:
    """Every card the installed apps put on a group's page, rendered with its data, so the page
    arrives whole and nothing moves once it is drawn."""
    drawn = {**context, "user": request.user, "csrf_token": CSRF_MARK}
    return "".join(
        render_to_string(panel.template, {**drawn, **panel.context_for(context["group"])})
        for panel in GROUP_PANELS.values()
    )


def _panels(request: MentorRequest, context: dict[str, Any]) -> list[str]:
    """The cards, kept rendered until something they show changes (see `_made_of`)."""
    made_of = _made_of(request, context["group"], context["membership"])
    return [kept(request, "group-panels", made_of, lambda: _draw_panels(request, context))]


def _pending(group: Group, membership: Membership) -> list[Invitation]:
    if not membership.is_lead:
        return []
    return list(group.invitations.pending().order_by("created_at"))


def _detail_context(
    request: MentorRequest,
    group: Group,
    membership: Membership,
    *,
    kept_panels: bool = True,
    **extra: object,
) -> dict[str, Any]:
    trainees = list(group.trainees.all())
    context: dict[str, Any] = {
        "group": group,
        "membership": membership,
        "trainees": trainees,
        "memberships": list(
            group.memberships.select_related("user").order_by(
                Case(When(role=Role.LEAD, then=0), default=1), "joined_at"
            )
        ),
        "trainee_form": None,  # loaded when the mentor opens "Add a trainee"
        "invitation_form": InvitationForm(group=group),
        "invitations": _pending(group, membership),
        "nav": "groups",
        "on_group_page": True,
        "added": "",  # what was just added, said once
        "page": "",  # drawn here, not kept (see `detail`)
    }
    context.update(extra)
    if context["trainee_form"] is None and not trainees:
        context["trainee_form"] = _new_trainee_form(request)  # the first thing to do
    if kept_panels:
        context["panels"] = _panels(request, context)
    else:
        context["panels"] = [mark_safe(_draw_panels(request, context))]
    return context


@require_safe
def group_detail(request: MentorRequest, key: str) -> HttpResponse:
    """The group's page with every card on it: one request completes it. It is kept drawn
    until anything on it changes (see `_made_of`), so a second look only asks whether it did."""
    group, membership = get_group(request, key)

    def draw() -> str:
        context = _detail_context(request, group, membership, kept_panels=False)
        context.update(user=request.user, csrf_token=CSRF_MARK)
        return render_to_string("groups/detail.html#page", context)

    page = kept(request, "group-page", _made_of(request, group, membership), draw)
    context = {"group": group, "page": page, "nav": "groups"}
    return kept_page(request, "groups/detail.html", context, "page", (group.key, group.name))


@require_http_methods(GET_POST)
def group_edit(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Group details saved.")
        return redirect("groups:detail", key=group.key)
    return render(request, "groups/form.html", {"form": form, "group": group, "nav": "groups"})


def _new_trainee_form(request: MentorRequest) -> TraineeForm:
    return TraineeForm(initial={"timezone": request.user.timezone})


@require_http_methods(GET_POST)
def trainee_add(request: MentorRequest, key: str) -> HttpResponse:
    """The form to add a trainee (the group page loads it when it is opened, as it is heavy
    with time zones), and adding one. To htmx, after adding, the trainee list with a fresh form
    and every card of the group page again: they count trainees too."""
    group, membership = get_group(request, key)
    if request.method != "POST":
        context = {"group": group, "form": _new_trainee_form(request), "nav": "groups"}
        template = "groups/detail.html#trainee_form" if request.htmx else "groups/trainee_add.html"
        return render(request, template, context)
    form = TraineeForm(request.POST)
    if form.is_valid():
        trainee = form.save(commit=False)
        trainee.group = group
        trainee.save()
        if not request.htmx:
            messages.success(request, f"{trainee.name} is in the group.")
            return redirect("groups:detail", key=group.key)
        form = _new_trainee_form(request)
        added = f"{trainee.name} is in the group."
        context = _detail_context(request, group, membership, trainee_form=form, added=added)
        return render(request, "groups/detail.html#trainee_added", context)
    context = _detail_context(request, group, membership, trainee_form=form)
    template = "groups/detail.html#trainees" if request.htmx else "groups/detail.html"
    return render(request, template, context)


@require_http_methods(GET_POST)
def trainee_edit(request: MentorRequest, key: str) -> HttpResponse:
    trainee = get_trainee(request, key)
    form = TraineeEditForm(request.POST or None, instance=trainee)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{trainee.name}'s details are saved.")
        return redirect("groups:detail", key=trainee.group.key)
    return render(
        request, "groups/trainee_form.html", {"form": form, "trainee": trainee, "nav": "groups"}
    )


@require_POST
def invitation_create(request: MentorRequest, key: str) -> HttpResponse:
    group, membership = get_group(request, key, lead=True)
    form = InvitationForm(request.POST, group=group)
    if not form.is_valid():
        context = _detail_context(request, group, membership, invitation_form=form)
        template = "groups/detail.html#mentors" if request.htmx else "groups/detail.html"
        return render(request, template, context)
    try:
        with transaction.atomic():
            # A new invitation replaces any open one for the same address.
            group.invitations.filter(
                email__iexact=form.cleaned_data["email"],
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            ).update(revoked_at=timezone.now())
            invitation = form.save(commit=False)
            invitation.group = group
            invitation.invited_by = request.user
            invitation.save()
    except IntegrityError:
        # Sent twice at the same moment: the other press's invitation and e-mail stand.
        email = form.cleaned_data["email"]
        messages.info(
            request, f"An invitation to {email} was sent a moment ago, so it is on its way."
        )
        return redirect("groups:detail", key=group.key)
    link = request.build_absolute_uri(reverse("groups:invitation_accept", args=[invitation.token]))
    send_mail(
        f"Join “{group.name}” as a co-mentor",
        render_to_string(
            "groups/email/invitation.txt",
            {"invitation": invitation, "link": link, "inviter": request.user},
        ),
        None,
        [invitation.email],
    )
    messages.success(
        request,
        f"Invitation sent to {invitation.email}. You can also share this link with them: {link}",
    )
    return redirect("groups:detail", key=group.key)


@require_POST
def invitation_revoke(request: MentorRequest, key: str) -> HttpResponse:
    invitation = (
        Invitation.objects.filter(
            key=key,
            group__memberships__user=request.user,
            group__memberships__role=Role.LEAD,
        )
        .select_related("group")
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    if invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        messages.success(request, f"The invitation for {invitation.email} no longer works.")
    return redirect("groups:detail", key=invitation.group.key)


@require_http_methods(GET_POST)
def invitation_accept(request: MentorRequest, token: str) -> HttpResponse:
    """The invited mentor opens the link while logged in with the invited address, once they have
    confirmed that the address is theirs."""
    invitation = by_token(Invitation.objects.select_related("group", "invited_by"), token).first()
    if invitation is None or not invitation.is_usable:
        return render(request, "groups/invitation_invalid.html", status=404)
    if invitation.email.lower() != request.user.email.lower():
        return render(
            request,
            "groups/invitation_wrong_account.html",
            {"invitation": invitation},
            status=403,
        )
    if not request.user.email_verified:
        # Holding the link is not enough: the address must be proven to be theirs.
        return render(request, "groups/invitation_unconfirmed.html", status=403)
    if request.method == "POST":
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if not locked.is_usable:
                return render(request, "groups/invitation_invalid.html", status=404)
            Membership.objects.get_or_create(
                group=locked.group, user=request.user, defaults={"role": Role.CO_MENTOR}
            )
            locked.accepted_at = timezone.now()
            locked.accepted_by = request.user
            locked.save(update_fields=["accepted_at", "accepted_by"])
        messages.success(request, f"You are now a co-mentor of “{invitation.group.name}”.")
        return redirect("groups:detail", key=invitation.group.key)
    return render(request, "groups/invitation_accept.html", {"invitation": invitation})
