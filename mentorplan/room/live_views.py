"""What a trainee does during a live call, and the mentor's side of it on the runner.

Trainee views start with `get_room` (or `read_state` for the poll) and reach only the trainee
it returns; what they send goes through `live_send`, which also stops it once the call is over.
Each answer moves the call's room version on, so the runner shows it within a poll. Forms post
and redirect, so everything works without JavaScript except the live updates.
"""

import uuid
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.access import get_call
from mentorplan.calls.models import Call
from mentorplan.calls.tools import call_url
from mentorplan.goals import actions as goal_actions
from mentorplan.goals.forms import GoalForm
from mentorplan.goals.queries import next_session_date, smart_findings
from mentorplan.groups.models import Trainee
from mentorplan.lib.http import form_errors, has_copy
from mentorplan.recap import actions as recap_actions
from mentorplan.room import live
from mentorplan.room.access import LinkGone, get_room
from mentorplan.room.live_forms import HandForm, LiveRetroForm, TopicLineForm
from mentorplan.room.presence import Hand, record_seen, room_of
from mentorplan.room.views import room_view

RETRO_CONFLICT = (
    "Your mentor changed your retro while you were writing, so yours was not saved yet. "
    "Your text is still below: send it again to use it."
)
NOT_LIVE = "Your session has finished, so this was not sent. Your page shows what comes next."


@room_view
@require_safe
def state(request: HttpRequest, token: str) -> HttpResponse:
    """What the open page polls: 304 while nothing it shows changed (one query), else the live
    parts of the page. The poll also tells the runner the trainee is in the room."""
    current = live.read_state(token)
    if current is None:
        raise LinkGone("This link does not work.")
    if record_seen(current.link, current.call_id):
        current = live.read_state(token) or current  # they arrived: the room moved on
    if has_copy(request, current.etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = live.render_parts(request, token, current)
    response["ETag"] = current.etag
    response["Cache-Control"] = "no-cache"
    return response


LiveSend = Callable[[HttpRequest, str, Trainee, Call], HttpResponse]


def live_send(view: LiveSend) -> Callable[[HttpRequest, str], HttpResponse]:
    """A trainee sends something from the live page: a `room_view`, POST only, and given the
    trainee their link names and their group's live call. Once the call is over nothing is sent:
    the trainee is told so and goes back to their page, which shows what comes next."""

    @room_view
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        _, trainee = get_room(request, token)
        call = live.live_call(trainee)
        if call is None:
            messages.error(request, NOT_LIVE)
            return _back(token)
        return view(request, token, trainee, call)

    return wrapper


def _back(token: str, anchor: str = "") -> HttpResponse:
    return redirect(reverse("room:page", args=[token]) + (f"#{anchor}" if anchor else ""))


def _sent(request: HttpRequest, token: str, trainee: Trainee, thanks: str) -> HttpResponse:
    """What the trainee sent is in: runners show it at their next poll, and the trainee is
    thanked on their page, back at the tool."""
    live.room_changed(trainee)
    messages.success(request, thanks)
    return _back(token, "room-tool")


@live_send
def hand(request: HttpRequest, token: str, trainee: Trainee, call: Call) -> HttpResponse:
    """Raise a hand ("I'm stuck", "Need a minute"), or lower one's own (`lower`)."""
    if "lower" in request.POST:
        Hand.clear(call, trainee=trainee)
        messages.success(request, "Fine: your hand is down.")
        return _back(token, "room-hand")
    form = HandForm(request.POST)
    if not form.is_valid():
        return live.render_page(request, token, trainee, call, hand_error=form_errors(form))
    Hand.raise_for(call, trainee, form.cleaned_data["kind"])
    messages.success(request, "Your mentor can see it now.")
    return _back(token, "room-hand")


@live_send
def retro(request: HttpRequest, token: str, trainee: Trainee, call: Call) -> HttpResponse:
    """The trainee's retro in the call, saved into the session's retro (each new line of what
    did not make sense becomes a topic, as when the mentor types it)."""
    form = LiveRetroForm(request.POST)
    if not form.is_valid():
        return live.render_page(request, token, trainee, call, retro=form)
    data = {name: form.cleaned_data[name] for name in LiveRetroForm.TEXT_FIELDS}
    saved = recap_actions.save_trainees_retro(call, trainee, data, form.cleaned_data["version"])
    if saved.conflict:
        # Their text stays in the boxes, now on the mentor's version: sending again keeps it.
        again = LiveRetroForm({**request.POST.dict(), "version": str(saved.row.version)})
        again.is_valid()
        again.add_error(None, RETRO_CONFLICT)
        return live.render_page(request, token, trainee, call, retro=again)
    return _sent(request, token, trainee, "Thanks! Your mentor can see your retro.")


@live_send
def topic(request: HttpRequest, token: str, trainee: Trainee, call: Call) -> HttpResponse:
    """Something the trainee still finds hard joins the group's topics, as theirs."""
    form = TopicLineForm(request.POST)
    if not form.is_valid():
        return live.render_page(request, token, trainee, call, topic=form)
    with transaction.atomic():
        recap_actions.add_topic(call, form.cleaned_data["title"], [trainee])
    return _sent(request, token, trainee, "Added. Your mentor can see it in the list of topics.")


@live_send
def propose(request: HttpRequest, token: str, trainee: Trainee, call: Call) -> HttpResponse:
    """A goal the trainee proposes: the mentor sees it in goal setting, and accepts or edits it."""
    form = GoalForm(request.POST, group=trainee.group, owner=False)
    if not form.is_valid():
        return live.render_page(request, token, trainee, call, proposal=form)
    fields = {f: form.cleaned_data[f] for f in ("text", "measure", "deadline", "topic", "link")}
    goal_actions.propose_goal(call=call, group=trainee.group, trainee=trainee, **fields)
    return _sent(request, token, trainee, "Sent! Your mentor will look at your goal with you.")


@room_view
@require_POST
def goal_check(request: HttpRequest, token: str) -> HttpResponse:
    """The SMART advice on a goal the trainee is typing, during the call or not. Nothing is
    saved."""
    _, trainee = get_room(request, token)
    call = live.live_call(trainee)
    params = request.POST
    findings = smart_findings(
        trainee.group,
        text=params.get("text", "")[:300],
        measure=params.get("measure", "")[:300],
        deadline=_date_or_none(params.get("deadline", "")),
        topic=params.get("topic", "")[:120] or params.get("link", "")[:200],
        owner=f"t:{trainee.key}",
        next_session=next_session_date(call, trainee.group),
    )
    context = {"findings": findings, "typed": bool(params.get("text"))}
    return render(request, "goals/includes/smart.html", context)


def _date_or_none(raw: str) -> date | None:
    try:
        return parse_date(raw[:10]) if raw else None
    except ValueError:
        return None


# --- The mentor's side, on the runner -------------------------------------------------------------


def runner_room(
    request: MentorRequest, call: Call, rows: list[tuple[Any, ...]] | None = None
) -> dict[str, Any]:
    """The runner's "in the room" part: trainees whose page asked in the last `IN_ROOM`, and
    raised hands, oldest first; `room_links` says whether any trainee has a working link (the
    part's script is loaded only then). One query, or its `rows` (see `room_query`)."""
    room = room_of(call, timezone.now(), rows)
    return {"room_present": room.present, "room_links": room.linked, "room_hands": room.hands}


def runner_room_shows(call: Call, context: dict[str, Any]) -> object:
    """Everything the runner's room part shows, to keep it drawn: who is in, whether anyone has a
    link, each raised hand and the time it went up in the reader's zone."""
    return (
        call.key,
        call.room_version,
        [(trainee.pk, trainee.name) for trainee in context["room_present"]],
        context["room_links"],
        [
            (hand.key, hand.kind, hand.raised_at, hand.trainee.name)
            for hand in context["room_hands"]
        ],
        timezone.get_current_timezone_name(),
    )


@require_safe
def runner_panel(request: MentorRequest, key: str) -> HttpResponse:
    """The runner's room part alone, which the runner asks for now and then, so that someone
    who closed their page leaves the list."""
    call = get_call(request, key)
    if not call.is_running:
        raise Http404("This session is not live.")
    context = {"call": call, **runner_room(request, call)}
    return render(request, "room/live/runner_panel.html", context)


@require_POST
def hand_clear(request: MentorRequest, key: str, hand: uuid.UUID) -> HttpResponse:
    """A mentor lowers a trainee's hand: they have seen it."""
    call = get_call(request, key)
    Hand.clear(call, key=hand, by=request.user)
    if request.htmx:
        call.refresh_from_db(fields=["room_version"])
        context = {"call": call, **runner_room(request, call)}
        return render(request, "room/live/runner_panel.html", context)
    return redirect(call_url(call))
