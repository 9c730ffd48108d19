from datetime import timedelta

import markdown_it
import nh3
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.access import get_call
from mentorplan.calls.models import Call
from mentorplan.calls.tools import answer, refuse
from mentorplan.groups.access import get_group
from mentorplan.groups.models import Group, Trainee
from mentorplan.lib.fragments import kept, kept_page
from mentorplan.lib.tokens import by_token
from mentorplan.recap.models import Topic
from mentorplan.wrapup import ics, progress, summary
from mentorplan.wrapup.forms import (
    CheckForm,
    FollowUpForm,
    NewResourceForm,
    ResourceForm,
    ShareForm,
    WinForm,
)
from mentorplan.wrapup.models import (
    CalendarFeed,
    CheckItem,
    Resource,
    ResourceShare,
    Win,
    WinSource,
    WrapupCheck,
)
from mentorplan.wrapup.segment_tools import WRAPUP, share_targets

NOT_A_RECIPIENT = "Choose someone or a topic of this group."

# --- Resource library ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def resource_list(request: MentorRequest) -> HttpResponse:
    form = ResourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resource = form.save(commit=False)
        resource.owner = request.user
        resource.save()
        messages.success(request, f"“{resource.title}” is in your library.")
        return redirect("wrapup:resources")
    resources = Resource.objects.for_user(request.user).order_by("owner_id", "title")
    return render(
        request, "wrapup/resources.html", {"form": form, "resources": resources, "nav": "plans"}
    )


@require_POST
def resource_delete(request: MentorRequest, key: str) -> HttpResponse:
    resource = Resource.objects.for_user(request.user).filter(key=key, owner=request.user).first()
    if resource is None:
        raise Http404("No such resource.")
    resource.removed_at = timezone.now()
    resource.save(update_fields=["removed_at"])
    messages.success(request, f"“{resource.title}” is removed from your library.")
    return redirect("wrapup:resources")


# --- The wrap-up tool ---------------------------------------------------------------------------


@require_POST
def share(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    form = ShareForm(request.POST)
    if not form.is_valid():
        return answer(request, call, WRAPUP, error="Choose a resource and who it is for.")
    resource = (
        Resource.objects.for_user(request.user).filter(key=form.cleaned_data["resource"]).first()
    )
    if resource is None:
        return answer(request, call, WRAPUP, error="Choose a resource from your library.")
    try:
        recipient = _recipient(call, form.cleaned_data["target"])
    except ValueError:
        return answer(request, call, WRAPUP, error=NOT_A_RECIPIENT)
    return answer(request, call, WRAPUP, changed=_share(call, resource, recipient, request.user))


@require_POST
def resource_add(request: MentorRequest, key: str) -> HttpResponse:
    """A new resource, added to the mentor's library and shared in this session in one step."""
    call = get_call(request, key)
    form = NewResourceForm(request.POST, targets=share_targets(call))
    recipient = None
    if form.is_valid():
        try:
            recipient = _recipient(call, form.cleaned_data["target"])
        except ValueError:
            form.add_error("target", NOT_A_RECIPIENT)
    if recipient is None:
        return refuse(request, call, WRAPUP, form, "The resource was not added", resource_form=form)
    with transaction.atomic():
        # The same link added twice (a double click, or already in the library) is one resource.
        resource = (
            Resource.objects.for_user(request.user)
            .filter(owner=request.user, url=form.cleaned_data["url"])
            .first()
        )
        added = resource is None
        if resource is None:
            resource = form.save(commit=False)
            resource.owner = request.user
            resource.save()
        shared = _share(call, resource, recipient, request.user)
    saved = f"“{resource.title}” is shared and in your library."
    return answer(request, call, WRAPUP, saved=saved, changed=added or shared)


Recipient = tuple[Trainee | None, Topic | None]  # neither: everyone in the group


def _recipient(call: Call, target: str) -> Recipient:
    """The trainee or topic a share form names ("t:<key>", "p:<key>" or "group"); ValueError for
    anything that is not of this session's group."""
    kind, _, value = target.partition(":")
    try:
        if kind == "t":
            return call.group.trainees.get(key=value), None
        if kind == "p":
            return None, Topic.objects.get(group=call.group, key=value)
    except (ValidationError, Topic.DoesNotExist, Trainee.DoesNotExist):
        raise ValueError(target) from None
    if kind != "group":
        raise ValueError(target)
    return None, None


def _share(call: Call, resource: Resource, recipient: Recipient, by: object) -> bool:
    """Share `resource` with `recipient` in `call`; whether it was not shared so already."""
    # The unique constraints settle a double click: the second get_or_create reads the first's row.
    trainee, topic = recipient
    return ResourceShare.objects.get_or_create(
        call=call, resource=resource, trainee=trainee, topic=topic, defaults={"shared_by": by}
    )[1]


@require_POST
def check(request: MentorRequest, key: str, item: str) -> HttpResponse:
    call = get_call(request, key)
    if item not in CheckItem.values:
        raise Http404("No such checklist item.")
    form = CheckForm(request.POST)
    if not form.is_valid():
        return refuse(request, call, WRAPUP, form)
    changed = WrapupCheck.set(call, item, done=form.cleaned_data["done"], by=request.user)
    return answer(request, call, WRAPUP, changed=changed)


@require_POST
def win_add(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    form = WinForm(request.POST)
    if not form.is_valid():
        return refuse(request, call, WRAPUP, form)
    trainee = call.group.trainees.filter(key=form.cleaned_data["trainee"]).first()
    if trainee is None:
        return answer(request, call, WRAPUP, error="Choose a trainee of this group.")
    source = form.cleaned_data["source"]
    _, added = Win.objects.get_or_create(
        call=call,
        trainee=trainee,
        text=form.cleaned_data["text"].strip(),
        defaults={"source": source if source in WinSource.values else WinSource.MENTOR},
    )
    return answer(request, call, WRAPUP, changed=added)


@require_POST
def win_remove(request: MentorRequest, key: str, win: str) -> HttpResponse:
    call = get_call(request, key)
    deleted, _ = Win.objects.filter(call=call, key=win).delete()
    if not deleted:
        raise Http404("No such moment.")
    return answer(request, call, WRAPUP)


@require_POST
def follow_up(request: MentorRequest, key: str) -> HttpResponse:
    """Plan the next session with the same agenda as this one."""
    call = get_call(request, key)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return refuse(request, call, WRAPUP, form, follow_up_form=form)
    with transaction.atomic():
        # One next session, however often the button is pressed: a second press (or a co-mentor's)
        # waits for the first and then finds the session it planned.
        call = get_call(request, key, lock=True)
        if call.following() is not None:
            return answer(request, call, WRAPUP, changed=False)
        call.plan_next(form.cleaned_data["scheduled_at"], created_by=request.user)
    return answer(request, call, WRAPUP, saved="The next session is planned.")


# --- After the call -----------------------------------------------------------------------------


def _preview(markdown: str) -> str:
    """The summary as safe HTML inside the page, its headings one level below the page's h1."""
    parser = markdown_it.MarkdownIt("commonmark", {"html": False})
    tokens = parser.parse(markdown)
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
    html = parser.renderer.render(tokens, parser.options, {})
    return nh3.clean(html, link_rel="noopener noreferrer")


@require_safe
def summary_page(request: MentorRequest, key: str) -> HttpResponse:
    """The summary to share, kept drawn (Markdown, sanitised HTML and Slack text) until anything
    it is made from changes."""
    call = get_call(request, key)

    def draw() -> str:
        data = summary.build(call)
        markdown = summary.as_markdown(data)
        context = {
            "call": call,
            "markdown": markdown,
            "slack": summary.as_slack(data),
            "html": _preview(markdown),
        }
        return render_to_string("wrapup/summary.html#summary", context)

    made_of = (summary.made_of(call), timezone.get_current_timezone_name())
    context = {
        "call": call,
        "group": call.group,
        "summary": kept(request, "summary", made_of, draw),
        "nav": "groups",
    }
    return kept_page(request, "wrapup/summary.html", context, "summary", call.group.name)


@require_safe
def invite(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    body = ics.invite(call, zone=request.user.timezone)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="mentoring-{timezone.localdate(call.scheduled_at):%Y-%m-%d}.ics"'
    )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def feed_settings(request: MentorRequest) -> HttpResponse:
    """Create, replace or switch off the mentor's private calendar address."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in {"create", "revoke"}:
            messages.error(request, "That button did not work. Try again.")
            return redirect("wrapup:feed_settings")
        try:
            with transaction.atomic():
                CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).update(
                    revoked_at=timezone.now()
                )
                if action == "create":
                    CalendarFeed.objects.create(user=request.user)
        except IntegrityError:
            pass  # a second press at the same moment made the new address: it is the one shown
        if action == "create":
            messages.success(
                request, "Your calendar address is ready. Any older address no longer works."
            )
        else:
            messages.success(request, "Your calendar address no longer works.")
        return redirect("wrapup:feed_settings")
    feed = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "wrapup/feed.html", {"feed": feed, "feed_url": url, "nav": "account"})


@login_not_required
@require_safe
def feed(request: MentorRequest, token: str) -> HttpResponse:
    """The calendar a mentor's app subscribes to: upcoming and recent sessions of their groups."""
    subscription = (
        by_token(CalendarFeed.objects.select_related("user"), token)
        .filter(revoked_at__isnull=True)
        .first()
    )
    if subscription is None or not subscription.user.is_active:
        raise Http404("No such calendar.")
    user = subscription.user
    since = timezone.now() - timedelta(days=30)
    calls = (
        Call.objects.filter(group__in=Group.objects.for_user(user), scheduled_at__gte=since)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
        .select_related("group")
        .order_by("scheduled_at")[:200]
    )
    body = ics.calendar(calls, zone=user.timezone, name="Mentoring sessions")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_safe
def progress_panel(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    template = "wrapup/progress.html" if request.htmx else "wrapup/progress_page.html"
    return render(
        request, template, {"group": group, "charts": progress.charts(group), "nav": "groups"}
    )
