"""The trainee's side: their page between calls, and what they send from it.

Every view starts with `get_room`, and reaches only the trainee it returns: their goals, their
answers, their group's next call and what was shared with them or with everyone.
"""

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from mentorplan.goals.models import Goal
from mentorplan.groups.models import Trainee
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.room import between, live
from mentorplan.room.access import LinkGone, get_room
from mentorplan.room.forms import GoalReportForm, RetroDraftForm
from mentorplan.room.models import GoalReport, RetroDraft
from mentorplan.room.presence import record_seen
from mentorplan.wrapup import ics


def room_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A trainee's view: open without an account (the token is the key), and a link that does
    not work answers with the friendly page, status 404."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, token, *args, **kwargs)
        except LinkGone:
            return render(request, "room/gone.html", status=404)

    return wrapper


@room_view
@require_safe
def page(request: HttpRequest, token: str) -> HttpResponse:
    """The trainee's page. Opening it notes when they last came (`TraineeLink.record_open`, at
    most once every few minutes): the one write a page view makes, so the mentor knows the link
    reached them."""
    link, trainee = get_room(request, token)
    link.record_open()
    call = live.live_call(trainee)
    if call is not None:  # during a call the page is the live session
        if record_seen(link, call.pk):
            call.refresh_from_db(fields=["room_version"])  # they arrived: the room moved on
        return live.render_page(request, token, trainee, call)
    return _page(request, token, trainee)


def _page(
    request: HttpRequest,
    token: str,
    trainee: Trainee,
    *,
    retro_form: RetroDraftForm | None = None,
    failed: tuple[Goal, GoalReportForm] | None = None,
) -> HttpResponse:
    """The page, with a refused form (and its messages) in place of the fresh one."""
    context = between.context(request, trainee)
    due = []
    for goal, report in context["due"]:
        form = failed[1] if failed and failed[0].pk == goal.pk else None
        form = form or GoalReportForm(instance=report, auto_id=f"id_{goal.key}_%s")
        due.append((goal, report, form))
    return render(
        request,
        "room/page.html",
        {
            **context,
            "token": token,
            "due": due,
            "retro_form": retro_form or RetroDraftForm(instance=context["draft"]),
            "etag": live.etag_of(trainee, None),
        },
    )


@room_view
@require_safe
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """The next call as a calendar invite, in the trainee's own time zone. The same event as the
    group's invite (same UID, so calendars keep one), without its description: that carries the
    last summary, with other trainees' names and goals."""
    _, trainee = get_room(request, token)
    call = between.next_call(trainee)
    if call is None:
        raise Http404("No session is planned yet.")
    body = ics.calendar([call], zone=trainee.timezone, method="PUBLISH")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    day = timezone.localdate(call.scheduled_at, zone_or_utc(trainee.timezone))
    response["Content-Disposition"] = f'attachment; filename="mentoring-{day:%Y-%m-%d}.ics"'
    return response


@room_view
@require_POST
def goal_report(request: HttpRequest, token: str, goal: uuid.UUID) -> HttpResponse:
    """The trainee's word on one of their own open goals, for the mentor's catch-up."""
    _, trainee = get_room(request, token)
    target = Goal.objects.filter(trainee=trainee, key=goal).open().first()
    if target is None:
        raise Http404("No such goal.")
    form = GoalReportForm(request.POST, auto_id=f"id_{target.key}_%s")
    if not form.is_valid():
        if (call := live.live_call(trainee)) is not None:
            return live.render_page(request, token, trainee, call, report=form, goal=target.pk)
        return _page(request, token, trainee, failed=(target, form))
    GoalReport.objects.update_or_create(
        goal=target,
        defaults={
            "outcome": form.cleaned_data["outcome"],
            "note": form.cleaned_data["note"],
            "deadline": target.deadline,
        },
    )
    live.room_changed(trainee)
    messages.success(request, f"Thanks! Your mentor will see how “{target.text}” went.")
    return redirect(f"{reverse('room:page', args=[token])}#goal-{target.key}")


@room_view
@require_POST
def retro(request: HttpRequest, token: str) -> HttpResponse:
    """The trainee's retro for the next call; the mentor's retro form starts with it."""
    _, trainee = get_room(request, token)
    call = between.next_call(trainee)
    if call is None:
        messages.error(
            request, "Your next session is not planned yet, so there is nowhere to save this."
        )
        return redirect("room:page", token=token)
    form = RetroDraftForm(request.POST)
    if not form.is_valid():
        return _page(request, token, trainee, retro_form=form)
    RetroDraft.objects.update_or_create(call=call, trainee=trainee, defaults=form.cleaned_data)
    messages.success(request, "Thanks! Your retro is saved and your mentor will see it.")
    return redirect(f"{reverse('room:page', args=[token])}#retro")
