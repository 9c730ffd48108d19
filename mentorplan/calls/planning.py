"""Changing a planned session: a new day, time, length, plan or link, or calling it off. The
group hears of it by e-mail, with a new invite or a cancellation (see `Call.reschedule`)."""

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.access import get_call
from mentorplan.calls.forms import RescheduleForm
from mentorplan.calls.models import Call, CannotChange, Status
from mentorplan.calls.tools import call_url, whole_page
from mentorplan.plans.models import PlanTemplate

GET_POST = ["GET", "HEAD", "POST"]
TOLD = "Everyone in the group with an e-mail address has been sent"


def _back(request: MentorRequest, call: Call) -> HttpResponse:
    """To the session's page: a redirect, or for htmx a full load of it."""
    return whole_page(call) if request.htmx else redirect(call_url(call))


def _not_planned(request: MentorRequest, call: Call) -> HttpResponse | None:
    """The session's page with a message, when the session can no longer be changed."""
    if call.status == Status.PLANNED:
        return None
    if call.status == Status.CANCELLED:
        messages.error(request, "This session was cancelled, so it can no longer be changed.")
    else:
        messages.error(request, "The session has already started, so it can no longer be changed.")
    return _back(request, call)


@require_http_methods(GET_POST)
def call_reschedule(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    if refusal := _not_planned(request, call):
        return refusal
    plans = (
        PlanTemplate.objects.for_user(request.user)
        .annotate(total=Sum("segments__minutes"))
        .filter(total__gt=0)
        .order_by("-owner_id", "title")
    )
    form = RescheduleForm(request.POST or None, plans=plans, call=call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = call.reschedule(
                scheduled_at=data["scheduled_at"],
                length_minutes=data["length_minutes"],
                video_url=data["video_url"],
                template=data["plan"],
                expected_sequence=data["sequence"],
            )
        except CannotChange as problem:
            messages.error(request, problem.message)
            return _back(request, call)
        if changed:
            messages.success(request, f"Session changed. {TOLD} the new calendar invite.")
        else:
            messages.info(request, "Nothing changed, so no one was sent anything.")
        return _back(request, call)
    context = {"call": call, "group": call.group, "form": form, "nav": "groups"}
    template = "calls/reschedule.html#form" if request.htmx else "calls/reschedule.html"
    return render(request, template, context)


@require_http_methods(GET_POST)
def call_cancel(request: MentorRequest, key: str) -> HttpResponse:
    """Ask first; cancel on the POST of the confirm page."""
    call = get_call(request, key)
    if refusal := _not_planned(request, call):
        return refusal
    if request.method == "POST":
        try:
            sequence = int(request.POST.get("sequence", ""))
        except ValueError:
            messages.error(request, "That button did not send what we expected. Try again.")
            return redirect("calls:cancel", key=call.key)
        try:
            call.cancel(now=timezone.now(), expected_sequence=sequence)
        except CannotChange as problem:
            messages.error(request, problem.message)
            return _back(request, call)
        messages.success(request, f"Session cancelled. {TOLD} the cancellation.")
        return _back(request, call)
    context = {"call": call, "group": call.group, "nav": "groups"}
    template = "calls/cancel.html#confirm" if request.htmx else "calls/cancel.html"
    return render(request, template, context)
