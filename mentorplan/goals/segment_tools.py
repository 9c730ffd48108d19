"""The goal catch-up and goal setting segments' tools, registered with the session runner."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Q
from django.forms import ChoiceField

from mentorplan.calls.tools import ToolBase
from mentorplan.goals.forms import GoalForm, ReviewForm
from mentorplan.goals.models import Goal, GoalEvent, GoalStatus
from mentorplan.goals.queries import next_session_date
from mentorplan.lib.plugins import Slot

CATCHUP = "goal_catchup"  # the tools' names in the registry
SETTING = "goal_setting"


@dataclass(frozen=True)
class SaidBefore:
    """What a goal's owner said about it before the session: catch-up starts from it."""

    outcome: str  # met, partly or missed
    label: str  # the outcome in words
    note: str


# Apps that collect owners' own answers (the trainee room) add a function here: given the goals
# catch-up lists, it returns {goal id: SaidBefore} for those it has an answer for.
SAID_BEFORE: Slot[Callable[[list[Goal]], dict[int, SaidBefore]]] = Slot(
    "What owners said about their goals before a session."
)


# The review form as a row shows it when nothing was typed in it and nothing refused: read by
# the template as it reads a form's fields, without making a form for each row.
BLANK_REVIEW = {name: {"value": "", "errors": ()} for name in ReviewForm.base_fields}


def catchup_context(
    base: ToolBase, *, failed: Goal | None = None, review_form: ReviewForm | None = None
) -> dict[str, Any]:
    """Open goals due by this session, those due before the next one ("coming up"), and the
    ones already reviewed in this session with their outcome; the goal whose review `failed`
    shows its `review_form`."""
    call = base.call
    day = call.held_on()
    horizon = next_session_date(call, call.group)
    # An outcome undone puts the goal back among those to review.
    reviews = {
        event.goal_id: event
        for event in GoalEvent.objects.filter(call=call).effective_reviews().order_by("at", "pk")
    }
    goals = list(
        Goal.objects.filter(group=call.group)
        .agreed()
        .filter(Q(status=GoalStatus.OPEN, deadline__lt=horizon) | Q(pk__in=list(reviews)))
        .exclude(set_in=call)
        .exclude(trainee__is_active=False)  # someone who left the group is not at the session
        .select_related("trainee", "mentor")
        .order_by("deadline", "pk")
    )

    said: dict[int, SaidBefore] = {}
    for answers in SAID_BEFORE.values():
        said.update(answers(goals))

    def row(goal: Goal) -> dict[str, Any]:
        refused = failed is not None and goal.pk == failed.pk
        return {
            "goal": goal,
            "review": reviews.get(goal.pk),
            "form": review_form if refused and review_form is not None else BLANK_REVIEW,
            "refused": refused,
            "said": said.get(goal.pk),
        }

    return {
        "reviewed_rows": [row(g) for g in goals if g.pk in reviews],
        "due_rows": [row(g) for g in goals if g.pk not in reviews and g.deadline <= day],
        "coming_rows": [row(g) for g in goals if g.pk not in reviews and g.deadline > day],
        "next_session": horizon,
        "day": day,
    }


def setting_context(
    base: ToolBase,
    *,
    form: GoalForm | None = None,
    editing: Goal | None = None,
    edit_form: GoalForm | None = None,
) -> dict[str, Any]:
    """The goals set and proposed in this session, the form for the next one, and (`editing`)
    a goal changed in place, with its form (`edit_form`, the failed one if a save was refused)."""
    call = base.call
    horizon = next_session_date(call, call.group)
    set_here = list(Goal.objects.filter(set_in=call).agreed().select_related("trainee", "mentor"))
    proposals = list(
        Goal.objects.filter(group=call.group, proposal=True, status=GoalStatus.OPEN).select_related(
            "trainee"
        )
    )
    fresh = form is None
    form = form or GoalForm(group=call.group, initial={"deadline": horizon})
    # Who has no goal from this session yet. After "Set goal" the form offers the first of them,
    # so that a mentor in a hurry does not give one trainee two goals and the next one none.
    done = {f"t:{g.trainee.key}" if g.trainee else f"m:{g.mentor_id}" for g in set_here}
    field = cast(ChoiceField, form.fields["owner"])
    owners = cast(list[tuple[str, str]], field.choices)  # as the form read them: once a draw
    waiting = [(value, name) for value, name in owners if value not in done]
    if fresh and set_here and waiting:
        form.initial["owner"] = waiting[0][0]
    return {
        "goal_form": form,
        "waiting": [name for _, name in waiting] if set_here else [],
        "set_here": set_here,
        "proposals": proposals,
        "next_session": horizon,
        "editing": editing,
        "edit_form": (edit_form or edit_goal_form(editing)) if editing else None,
        "edit_error": base.error if edit_form is not None else "",
    }


EDIT_PREFIX = "edit"


def edit_goal_form(goal: Goal, data: Any = None) -> GoalForm:
    """The form that changes a goal in place during the call (its owner stays the same)."""
    return GoalForm(data, instance=goal, group=goal.group, owner=False, prefix=EDIT_PREFIX)
