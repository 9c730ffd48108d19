import uuid
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentorplan.accounts.http import MentorRequest
from mentorplan.calls.models import Call
from mentorplan.calls.tools import answer
from mentorplan.goals import actions
from mentorplan.goals.forms import ALREADY_CLOSED, GoalForm, ReviewForm
from mentorplan.goals.models import Goal, follow_through
from mentorplan.goals.queries import (
    next_session_date,
    next_session_query,
    people_with_goals,
    smart_findings,
)
from mentorplan.goals.segment_tools import CATCHUP, SETTING, edit_goal_form
from mentorplan.groups.access import get_group, get_trainee
from mentorplan.groups.models import Group
from mentorplan.groups.people import marks_and_people
from mentorplan.lib.fragments import CSRF_MARK, Rows, kept, kept_page
from mentorplan.lib.http import form_errors

PER_PAGE = 30


def _get_goal(request: MentorRequest, key: uuid.UUID | str) -> Goal:
    try:
        return (
            Goal.objects.for_user(request.user)
            .select_related("group", "trainee", "mentor")
            .get(key=key)
        )
    except (Goal.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such goal.") from None


def _call_from(request: MentorRequest, group: Group) -> Call | None:
    """The session a goal form was sent from, if any; only a session of the same group counts."""
    key = request.POST.get("call") or request.GET.get("call")
    if not key:
        return None
    try:
        return Call.objects.select_related("group").get(key=key, group=group)
    except (Call.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such session.") from None


def _board_context(request: MentorRequest, group: Group, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "group": group,
        "today": timezone.localdate(),
        "nav": "groups",
        "board": "",  # drawn here, not kept (see `board`)
    }
    context.update(extra)
    if "people" not in context:
        context["people"] = people_with_goals(group, context["today"])
    if "form" not in context:
        context["form"] = _new_goal_form(group, next_session_date(None, group))
    return context


def _new_goal_form(group: Group, deadline: date) -> GoalForm:
    return GoalForm(group=group, initial={"deadline": deadline})


# What the board is drawn from besides the group's people: a goal set, edited or reviewed
# changes a goal's row and adds to its history.
BOARD_ROWS = [
    Rows("goals.Goal", "group", times=("updated_at",)),
    Rows("goals.GoalEvent", "goal__group"),
]


def _board(request: MentorRequest, group: Group) -> SafeString:
    """Everything under the board's heading, kept until a goal, a person or the day changes."""
    # The new goal's deadline is the next session's day: when that session starts is part of
    # the key, read with the rest, and the day worked out only to draw.
    next_session = next_session_query(group, timezone.now())
    made_of = (
        group.key,
        marks_and_people(BOARD_ROWS, group.pk, also=next_session),
        timezone.localdate(),
        timezone.get_current_timezone_name(),
        request.user.pk,
    )

    def draw() -> str:
        deadline = next_session_date(None, group)
        context = _board_context(request, group, form=_new_goal_form(group, deadline))
        context.update(user=request.user, csrf_token=CSRF_MARK)
        return render_to_string("goals/board.html#board", context)

    return kept(request, "goals-board", made_of, draw)


@require_safe
def board(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    if request.htmx:
        context = _board_context(request, group, form=None)
        return render(request, "goals/board.html#summary", context)
    context = {"group": group, "board": _board(request, group), "nav": "groups"}
    return kept_page(request, "goals/board.html", context, "board", (group.key, group.name))


@require_POST
def goal_create(request: MentorRequest, key: str) -> HttpResponse:
    group, _ = get_group(request, key)
    call = _call_from(request, group)
    form = GoalForm(request.POST, group=group)
    if not form.is_valid():
        if call is not None and request.htmx:
            return answer(request, call, SETTING, changed=False, form=form)
        # Without JavaScript the board shows the form again, with what was typed and the errors.
        return render(request, "goals/board.html", _board_context(request, group, form=form))
    goal = form.save(commit=False)
    form.apply_owner(goal)
    fields = {f: getattr(goal, f) for f in ("text", "measure", "deadline", "topic", "link")}
    actions.set_goal(
        by=request.user, call=call, group=group, trainee=goal.trainee, mentor=goal.mentor, **fields
    )
    saved = f"Goal set for {goal.owner_name}."
    if call is not None:
        return answer(request, call, SETTING, saved=saved)  # with a fresh form for the next goal
    messages.success(request, saved)
    return redirect("goals:board", key=group.key)


@require_POST
def goal_check(request: MentorRequest, key: str) -> HttpResponse:
    """The SMART advice for a goal being typed. Nothing is saved; it is a POST only so that a
    long goal never outgrows a URL."""
    group, _ = get_group(request, key)
    call = _call_from(request, group)
    params = request.POST
    deadline = None
    raw = params.get("deadline", "")
    try:
        deadline = parse_date(raw) if raw else None
    except ValueError:
        deadline = None
    findings = smart_findings(
        group,
        text=params.get("text", "")[:300],
        measure=params.get("measure", "")[:300],
        deadline=deadline,
        topic=params.get("topic", "")[:120] or params.get("link", "")[:200],
        owner=params.get("owner", "")[:80],
        next_session=next_session_date(call, group),
    )
    return render(
        request,
        "goals/includes/smart.html",
        {"findings": findings, "typed": bool(params.get("text"))},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def goal_detail(request: MentorRequest, key: str) -> HttpResponse:
    goal = _get_goal(request, key)
    form = GoalForm(request.POST or None, instance=goal, group=goal.group, owner=False)
    if request.method == "POST" and form.is_valid():
        if form.changed_data:
            actions.edit_goal(goal, by=request.user, changed=form.changed_data)
            messages.success(request, "Goal saved.")
        return redirect("goals:board", key=goal.group.key)
    if request.method == "POST":
        goal.refresh_from_db()
    return _render_detail(request, goal, form=form, review_form=ReviewForm())


@require_http_methods(["GET", "HEAD", "POST"])
def goal_edit(request: MentorRequest, key: str) -> HttpResponse:
    """Change a goal without leaving the live session: the goal-setting tool with the goal's
    form in place of its line (GET), and the tool again once it is saved (POST). Without htmx
    the goal's own page does the same."""
    goal = _get_goal(request, key)
    call = _call_from(request, goal.group)
    if call is None or (request.method != "POST" and not request.htmx):
        return redirect("goals:detail", key=goal.key)
    if request.method != "POST":
        if "close" in request.GET:
            return answer(request, call, SETTING, changed=False)
        return answer(request, call, SETTING, changed=False, editing=goal)
    form = edit_goal_form(goal, request.POST)
    if not form.is_valid():
        error = f"The goal was not changed: {form_errors(form)}"
        return answer(request, call, SETTING, error=error, editing=goal, edit_form=form)
    if form.changed_data:
        actions.edit_goal(goal, by=request.user, changed=form.changed_data)
    return answer(request, call, SETTING, saved="Goal saved.", changed=bool(form.changed_data))


def _render_detail(
    request: MentorRequest, goal: Goal, *, form: GoalForm, review_form: ReviewForm
) -> HttpResponse:
    """The goal's page: its edit form, its history and the outcome form."""
    context = {
        "goal": goal,
        "form": form,
        "events": goal.events.select_related("by"),
        "review_form": review_form,
        "group": goal.group,
        "nav": "groups",
    }
    return render(request, "goals/detail.html", context)


@require_POST
def goal_review(request: MentorRequest, key: str) -> HttpResponse:
    goal = _get_goal(request, key)
    call = _call_from(request, goal.group)
    form = ReviewForm(request.POST, goal=goal)
    errors = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.review(
                goal,
                outcome=data["outcome"],
                by=request.user,
                call=call,
                note=data["note"].strip(),
                next_step=data["next_step"] if data["outcome"] == "missed" else "",
                new_deadline=data["new_deadline"],
                smaller_text=data["smaller_text"].strip(),
            )
        except actions.GoalNotOpen:
            form.add_error(None, ALREADY_CLOSED)
            errors = form
    else:
        errors = form
    if errors is not None and not (call is not None and request.htmx):
        # Without JavaScript the goal's page shows the outcome form again, with its errors.
        goal.refresh_from_db()
        form_for_goal = GoalForm(instance=goal, group=goal.group, owner=False)
        return _render_detail(request, goal, form=form_for_goal, review_form=errors)
    saved = "Outcome recorded."
    if call is not None:
        if errors is not None:
            return answer(request, call, CATCHUP, changed=False, failed=goal, review_form=errors)
        return answer(request, call, CATCHUP, saved=saved)
    messages.success(request, saved)
    return redirect("goals:board", key=goal.group.key)


@require_POST
def goal_accept(request: MentorRequest, key: str) -> HttpResponse:
    goal = _get_goal(request, key)
    call = _call_from(request, goal.group)
    proposed = goal.proposal  # a second press finds it accepted already
    if proposed:
        actions.accept_proposal(goal, by=request.user, call=call)
    saved = "Proposal accepted."
    if call is not None:
        return answer(request, call, SETTING, saved=saved, changed=proposed)
    messages.success(request, saved)
    return redirect("goals:board", key=goal.group.key)


@require_safe
def person(request: MentorRequest, key: str) -> HttpResponse:
    trainee = get_trainee(request, key)
    goals = Goal.objects.filter(trainee=trainee).agreed()
    today: date = timezone.localdate()
    # One page of goals and the figures of all of them, counted by the database.
    page = Paginator(goals.overdue_first(), PER_PAGE).get_page(request.GET.get("page"))
    for goal in page.object_list:
        goal.trainee = trainee
    found = goals.figures_by_owner(today).get((trainee.pk, None))
    context = {
        "trainee": trainee,
        "group": trainee.group,
        "goals": page.object_list,
        "page": page,
        "figures": found.figures if found else follow_through([], today),
        "today": today,
        "nav": "groups",
    }
    return render(request, "goals/person.html", context)


@require_POST
def goal_reopen(request: MentorRequest, key: str) -> HttpResponse:
    goal = _get_goal(request, key)
    call = _call_from(request, goal.group)
    undone = actions.reopen(goal, by=request.user)
    saved = "The outcome is undone: the goal is open again." if undone else None
    if call is not None:
        return answer(request, call, CATCHUP, saved=saved, changed=undone)
    if saved:
        messages.success(request, saved)
    return redirect("goals:detail", key=goal.key)
