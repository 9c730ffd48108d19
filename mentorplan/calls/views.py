from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import quote_etag
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls import polling
from mentorplan.calls.access import get_call, get_trainee_of
from mentorplan.calls.forms import AttendanceForm, CallForm, ControlForm, NoteForm
from mentorplan.calls.models import (
    Attendance,
    Call,
    CallSegment,
    GameSuggestion,
    Note,
    NoteLevel,
    Status,
    segments_of,
)
from mentorplan.calls.panels import sessions_panel
from mentorplan.calls.runner import current_segment, room_parts, runner_context, runner_page
from mentorplan.calls.segment_tools import WELCOME
from mentorplan.calls.tools import answer, call_url, whole_page
from mentorplan.groups.access import get_group
from mentorplan.groups.people import marks_and_people
from mentorplan.lib.forms import Conflict, ConflictField
from mentorplan.lib.fragments import CSRF_MARK, Rows, kept, kept_page
from mentorplan.lib.http import has_copy
from mentorplan.lib.text import same_text
from mentorplan.lib.versioned import save_on_version
from mentorplan.plans.models import PlanTemplate

SESSION_VERSION_HEADER = "X-Session-Version"
# `?part=room` on a live session's page, asked by htmx: its panels and tool alone.
ROOM_PART = "room"


def _get_segment(request: MentorRequest, key: object) -> CallSegment:
    segment = (
        CallSegment.objects.select_related("call__group")
        .filter(call__in=Call.objects.for_user(request.user), key=key)
        .first()
    )
    if segment is None:
        raise Http404("No such segment.")
    return segment


# --- Planning and lists ---------------------------------------------------------------------------


# What a group's list of sessions is drawn from (see `mentorplan.lib.fragments`): a session's
# `version` moves when it is started, moved on, paused, ended or cancelled, its `sequence` when it
# is planned anew.
LIST_ROWS = [Rows("calls.Call", "group", sums=("sequence",))]
# What a finished session's page is drawn from besides the session and its group: its notes (a
# note's `version` moves when it is edited) and the group's sessions (the next one, which it links
# to). The agenda is fixed once a session has started.
FINISHED_ROWS = [Rows("calls.Note", "call"), *LIST_ROWS]
FINISHED_SHOWS = ("plan_title", "scheduled_at", "started_at", "ended_at", "paused_seconds")


@require_safe
def group_calls(request: MentorRequest, key: str) -> HttpResponse:
    """A group's sessions, kept drawn until one of them changes; times in the reader's zone."""
    group, _ = get_group(request, key)
    made_of = (
        (group.key, group.name),
        marks_and_people(LIST_ROWS, group.pk),
        timezone.get_current_timezone_name(),
    )

    def draw() -> str:
        context = {"group": group, "csrf_token": CSRF_MARK, **sessions_panel(group)}
        return render_to_string("calls/group_calls.html#calls", context, request)

    sessions = kept(request, "group-sessions", made_of, draw)
    if request.htmx:
        return HttpResponse(sessions)
    context = {"group": group, "nav": "groups", "sessions": sessions}
    frame = (group.key, group.name)
    return kept_page(request, "calls/group_calls.html", context, "sessions", frame)


@require_http_methods(["GET", "HEAD", "POST"])
def call_plan(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    plans = (
        PlanTemplate.objects.for_user(request.user)
        .annotate(total=Sum("segments__minutes"))
        .filter(total__gt=0)
        .order_by("-owner_id", "title")
    )
    form = CallForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            call = Call.plan(
                group=group,
                template=form.cleaned_data["plan"],
                scheduled_at=form.cleaned_data["scheduled_at"],
                length_minutes=form.cleaned_data["length_minutes"],
                created_by=request.user,
            )
        messages.success(request, "Session planned.")
        return redirect("calls:detail", key=call.key)
    return render(request, "calls/plan.html", {"form": form, "group": group, "nav": "groups"})


# --- The session page: planned, live (the runner) or finished ------------------------------------


def _room_redraw(request: MentorRequest, call: Call) -> HttpResponse:
    """Only the panels and the tool, for a screen whose clock, notes and agenda are current:
    what room-runner.js draws again when a trainee or a co-mentor changed something."""
    current, read = current_segment(request, call, segments_of(call), timezone.now())
    context = {"call": call, **room_parts(request, call, current, read)}
    return render(request, "calls/runner_room.html", context)


@require_safe
def call_detail(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    running = call.status in (Status.LIVE, Status.PAUSED)
    if request.htmx and not running:
        # A runner that polls learns the session ended (or never started): load the whole page,
        # instead of swapping a full page into the runner's place.
        return whole_page(call)
    if call.status == Status.ENDED:
        return _finished(request, call)
    if request.htmx and running and request.GET.get("part") == ROOM_PART:
        response = _room_redraw(request, call)
    elif running:
        template = "calls/runner.html#runner" if request.htmx else "calls/runner.html"
        response = HttpResponse(runner_page(request, call, template))
    else:
        response = render(request, "calls/planned.html", runner_context(request, call))
    response["Cache-Control"] = "no-store"
    return _with_version(response, call)


@login_not_required
@require_safe
def call_state(request: HttpRequest, key: UUID) -> HttpResponse:
    """What other screens poll: the version of the live state and of the rest of what the
    runner shows (the room: what trainees sent, what mentors did in a tool), answered with 304
    when neither changed. One query with the pass the page gave (see `polling`); without one,
    the sign-in decides."""
    mentor_id = polling.mentor_of_pass(request, key)
    if mentor_id is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        mentor_id = request.user.pk
    state = polling.state_of(key, mentor_id)
    if state is None:
        raise Http404("No such session.")
    etag = quote_etag(f"call-{state.pk}-v{state.version}-r{state.room_version}")
    if has_copy(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = JsonResponse(
            {
                "version": state.version,
                "room": state.room_version,
                "status": state.status.value,
                "server_now": timezone.now().timestamp() * 1000,
            }
        )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
def call_control(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    form = ControlForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That button did not send what the runner expected. Try again.")
        return _after_change(request, call)
    # A press that changes nothing (a screen that was behind, a move off the agenda) still gets
    # the session as it is now.
    call.control(**form.cleaned_data, now=timezone.now())
    return _after_change(request, call)


def _after_change(request: MentorRequest, call: Call) -> HttpResponse:
    if request.htmx:
        if call.status in (Status.LIVE, Status.PAUSED):
            runner = runner_page(request, call, "calls/runner.html#runner")
            return _with_version(HttpResponse(runner), call)
        return whole_page(call)
    return redirect("calls:detail", key=call.key)


def _finished(request: MentorRequest, call: Call) -> HttpResponse:
    """A finished session's page, kept drawn until its notes, the group's sessions or its people
    change: for each reader (their own private notes show) in their zone."""
    group = call.group
    made_of = (
        request.user.pk,
        (call.key, *(getattr(call, name) for name in FINISHED_SHOWS)),
        (group.key, group.name, group.video_url),
        marks_and_people(FINISHED_ROWS, group.pk, session=call),
        timezone.get_current_timezone_name(),
    )

    def draw() -> str:
        context = runner_context(request, call) | {"csrf_token": CSRF_MARK}
        return render_to_string("calls/finished.html#finished", context, request)

    context = {"call": call, "group": group, "nav": "groups"}
    context["finished"] = kept(request, "finished", made_of, draw)
    frame = (group.key, group.name)
    response = kept_page(request, "calls/finished.html", context, "finished", frame)
    response["Cache-Control"] = "no-store"
    return _with_version(response, call)


def _with_version(response: HttpResponse, call: Call) -> HttpResponse:
    """Say which version of the session a runner page or redraw shows. The runner's poll script
    reads it to keep a redraw that is no newer than the screen from replacing what is typed."""
    response[SESSION_VERSION_HEADER] = str(call.version)
    return response


# --- Notes, attendance, games ---------------------------------------------------------------------


@require_POST
def note_save(request: MentorRequest, key: UUID) -> HttpResponse:
    """Autosave of one note. notes.js gets JSON with the new version, or on a conflict (409) the
    choice between the two texts as a partial to show under the note."""
    form = NoteForm(request.POST)
    if form.is_valid() and not _from_plain_form(request):
        data, now = form.cleaned_data, timezone.now()
        if Note.objects.resave(
            request.user, key, data["trainee"], data["level"], data["version"], data["body"], now
        ):
            return _note_saved(data["version"] + 1, now)
    segment = _get_segment(request, key)
    if not form.is_valid():
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        if _from_plain_form(request):
            messages.error(request, f"The note was not saved. {errors}")
            return redirect(call_url(segment.call))
        return JsonResponse({"error": errors}, status=400)
    data = form.cleaned_data
    trainee = None
    if data["trainee"]:
        trainee = get_trainee_of(segment.call, data["trainee"])
    lookup: dict[str, Any] = {"segment": segment, "trainee": trainee, "level": data["level"]}
    if data["level"] == NoteLevel.PRIVATE:
        lookup["author"] = request.user
    body = data["body"]
    saved = save_on_version(
        Note,
        lookup,
        data["version"],
        {"body": body, "updated_by": request.user},
        create={"call": segment.call, "author": request.user},
        unchanged=lambda note: same_text(note.body, body),  # sent twice: nothing to choose
    )
    if saved.conflict:
        return _note_conflict(request, segment, saved.row)
    note = saved.row
    if _from_plain_form(request):
        messages.success(request, "Note saved.")
        return redirect(call_url(segment.call))
    return _note_saved(note.version, note.updated_at)


def _note_saved(version: int, at: datetime) -> JsonResponse:
    return JsonResponse({"version": version, "saved_at": timezone.localtime(at).strftime("%H:%M")})


NOTE_CONFLICT = (
    "The note was not saved: a co-mentor changed it while you were writing. "
    "Their text is below; add your part to it and save again."
)


def _note_conflict(request: MentorRequest, segment: CallSegment, note: Note) -> HttpResponse:
    """Someone saved the note first. notes.js shows their text and the writer's three choices,
    all from the partial; with JavaScript off the session page says what happened."""
    if _from_plain_form(request):
        messages.error(request, NOTE_CONFLICT)
        return redirect(call_url(segment.call))
    editor = note.edited_by()
    conflict = Conflict(
        who=str(editor) if editor else "A co-mentor",
        version=note.version,
        fields=[ConflictField(label="", theirs=note.body, free_text=True)],
    )
    context = {"conflict": conflict}
    return render(request, "calls/includes/note_conflict.html", context, status=409)


def _from_plain_form(request: MentorRequest) -> bool:
    """A note form sent by the browser itself, with JavaScript off. notes.js prefers JSON (and
    takes the conflict partial as HTML)."""
    return request.get_preferred_type(["application/json", "text/html"]) == "text/html"


@require_POST
def attendance_set(request: MentorRequest, key: str, trainee: str) -> HttpResponse:
    call = get_call(request, key)
    person = get_trainee_of(call, trainee)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return answer(request, call, WELCOME, error="Choose here, late or away.")
    changed = Attendance.mark(call, person, form.cleaned_data["status"])
    return answer(request, call, WELCOME, changed=changed)


@require_POST
def game_shuffle(request: MentorRequest, key: str) -> HttpResponse:
    call = get_call(request, key)
    GameSuggestion.pick(call, avoid=GameSuggestion.shown(call))
    return answer(request, call, WELCOME)
