"""The recap and technical mentoring segments' tools, registered with the session runner."""

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from mentorplan.calls.models import Call
from mentorplan.calls.tools import ToolBase
from mentorplan.lib.plugins import Slot
from mentorplan.recap.forms import MethodForm, RetroForm, TopicForm, WorkForm
from mentorplan.recap.models import (
    UNRESOLVED,
    Method,
    RetroAnswer,
    Topic,
    TopicPerson,
    TopicStatus,
    TopicWork,
)

RECAP = "recap"  # the tools' names in the registry
TECHNICAL = "technical"

REMINDERS = [
    "Keep your hands off their keyboard: they type, you talk.",
    "Ask before you tell: a broad question first, then a narrower one, then a hint, and only "
    "last the exact step.",
    "Check understanding by asking them to explain their code or change it a little, not with "
    "“do you understand?”.",
    "Be kind and patient; confusion is where the learning happens.",
]

# Apps that collect trainees' own retros (the trainee room) add a function here: given the call,
# it returns {trainee id: {field name: text}}, and a retro not saved yet starts with that text.
RETRO_STARTS: Slot[Callable[[Call], dict[int, dict[str, str]]]] = Slot(
    "Retro answers trainees wrote before a session."
)


def recap_context(base: ToolBase, *, failed: dict[int, RetroForm] | None = None) -> dict[str, Any]:
    """A retro form per trainee (the one that `failed` as it was sent), and the open topics."""
    call = base.call
    answers = {a.trainee_id: a for a in RetroAnswer.objects.filter(call=call)}
    starts: dict[int, dict[str, str]] = {}
    for written in RETRO_STARTS.values():
        starts.update(written(call))
    rows = []
    for trainee in call.group.trainees.active():
        start = starts.get(trainee.pk) if trainee.pk not in answers else None
        form = (failed or {}).get(trainee.pk) or RetroForm(
            instance=answers.get(trainee.pk), prefix=f"r{trainee.pk}", initial=start
        )
        rows.append(
            {
                "trainee": trainee,
                "form": form,
                "saved": trainee.pk in answers,
                "theirs": bool(start),
            }
        )
    known = Topic.objects.filter(group=call.group).unresolved().values_list("title", flat=True)
    return {"retro_rows": rows, "known_topics": list(known)}


def methods_for(call: Call) -> "QuerySet[Method]":
    """The built-in methods and those of every mentor of the group: co-mentors see one list."""
    return Method.objects.filter(Q(owner__isnull=True) | Q(owner__in=call.group.mentors.all()))


def _in_queue(person: TopicPerson, call: Call) -> bool:
    """Still to work on, or marked today (so a slip of the finger can be undone). Whoever
    understood the topic in an earlier session is out of the queue."""
    if person.status in UNRESOLVED:
        return True
    return call.started_at is not None and person.updated_at >= call.started_at


def technical_context(
    base: ToolBase,
    *,
    failed_work: tuple[int, WorkForm] | None = None,
    topic_form: TopicForm | None = None,
    method_form: MethodForm | None = None,
    failed_status: tuple[int, int | None] | None = None,
) -> dict[str, Any]:
    """Today's queue: every topic someone still has not understood, and every topic raised, worked
    on or settled today (so marking one understood does not make it vanish mid-session)."""
    call = base.call
    worked = TopicWork.objects.filter(call=call).select_related("method")
    work = {w.topic_id: w for w in worked}
    today = Q(people__status__in=UNRESOLVED) | Q(pk__in=list(work)) | Q(first_call=call)
    if call.started_at:
        today |= Q(people__updated_at__gte=call.started_at)
    topics = list(
        Topic.objects.filter(group=call.group)
        .filter(today)
        .distinct()
        .prefetch_related(
            Prefetch("people", queryset=TopicPerson.objects.select_related("trainee"))
        )
        .order_by("created_at")
    )
    methods = methods_for(call)
    listed = list(methods)
    rows = []
    for topic in topics:
        if failed_work and failed_work[0] == topic.pk:
            form = failed_work[1]
        else:
            form = WorkForm(
                instance=work.get(topic.pk), methods=methods, listed=listed, prefix=f"w{topic.pk}"
            )
        rows.append(
            {
                "topic": topic,
                "people": [p for p in topic.people.all() if _in_queue(p, call)],
                "understood_before": [p for p in topic.people.all() if not _in_queue(p, call)],
                "form": form,
                "carried": topic.first_call_id != call.pk,
            }
        )
    trainees = [(str(t.key), t.name) for t in call.group.trainees.active()]
    return {
        "topic_rows": rows,
        "statuses": TopicStatus.choices,
        "reminders": REMINDERS,
        "topic_form": topic_form or TopicForm(trainees=trainees),
        "method_form": method_form or MethodForm(),
        # Shown beside the trainee whose status was not changed, or above the topic's
        # trainees when no one trainee of it was named.
        "status_error": (
            {"topic": failed_status[0], "person": failed_status[1], "message": base.error}
            if failed_status
            else None
        ),
    }
