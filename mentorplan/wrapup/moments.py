"""Moments of progress worth praising, collected from what the session and the last weeks show."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from mentorplan.calls.models import Attendance, AttendanceStatus, Call
from mentorplan.goals.models import GoalEvent, ReviewOutcome
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import HomeworkDone, RetroAnswer, TopicStatus, Understanding
from mentorplan.wrapup.models import Win, WinSource

STREAK_FROM = 3  # sessions in a row worth a mention
WIN_TEXT_LIMIT = Win._meta.get_field("text").max_length or 300


@dataclass(frozen=True)
class Moment:
    trainee: Trainee
    text: str
    source: str

    def __post_init__(self) -> None:
        # The text travels through a form when the mentor picks it and must come back the same:
        # one line, single spaces, short enough to keep as a Win.
        text = " ".join(self.text.split())
        if len(text) > WIN_TEXT_LIMIT:
            text = text[: WIN_TEXT_LIMIT - 1].rstrip() + "…"
        object.__setattr__(self, "text", text)


def collect(call: Call, active: list[Trainee]) -> list[Moment]:
    """Goals met and topics understood in this session (and goals met between the last session
    and this one), attendance streaks, homework, of `active`: the group's trainees still in it."""
    trainees = {t.pk: t for t in active}
    moments: list[Moment] = []

    for event in _goals_met(call):
        if event.goal.trainee_id in trainees:
            moments.append(
                Moment(
                    trainees[event.goal.trainee_id],
                    f"Met the goal “{event.goal.text}”",
                    WinSource.GOAL,
                )
            )

    understood = Understanding.objects.filter(
        call=call, person__status=TopicStatus.UNDERSTOOD
    ).select_related("person__topic")
    for record in understood.order_by("at", "pk"):
        person = record.person
        if person.trainee_id in trainees:
            moments.append(
                Moment(
                    trainees[person.trainee_id],
                    f"Now understands “{person.topic.title}”",
                    WinSource.TOPIC,
                )
            )

    for retro in RetroAnswer.objects.filter(call=call, homework_done=HomeworkDone.YES):
        if retro.trainee_id in trainees:
            homework = " ".join(retro.homework.split())
            what = f": {homework[:80].rstrip()}" if homework else ""
            moments.append(
                Moment(trainees[retro.trainee_id], f"Did the homework{what}", WinSource.HOMEWORK)
            )

    here = {AttendanceStatus.PRESENT, AttendanceStatus.LATE}
    calls = list(
        Call.objects.filter(
            group=call.group, scheduled_at__lte=call.scheduled_at, started_at__isnull=False
        )
        .order_by("-scheduled_at")
        .values_list("pk", flat=True)[:20]
    )
    seen: dict[int, set[int]] = {}
    for trainee_id, call_id, status in Attendance.objects.filter(call_id__in=calls).values_list(
        "trainee_id", "call_id", "status"
    ):
        if status in here:
            seen.setdefault(trainee_id, set()).add(call_id)
    for trainee_id, trainee in trainees.items():
        streak = 0
        for call_id in calls:
            if call_id not in seen.get(trainee_id, set()):
                break
            streak += 1
        if streak >= STREAK_FROM:
            moments.append(
                Moment(trainee, f"Came to {streak} sessions in a row", WinSource.ATTENDANCE)
            )
    return moments


def _goals_met(call: Call) -> "QuerySet[GoalEvent]":
    """Trainees' goals met in this session's catch-up, or on a goal's page (no session) after the
    last session ended: what earlier sessions already offered is not offered again."""
    between = Q(call__isnull=True)
    previous = call.previous()
    if previous is not None:
        between &= Q(at__gt=previous.ended_at or previous.started_at)
    if call.ended_at is not None:
        between &= Q(at__lte=call.ended_at)
    return (
        GoalEvent.objects.filter(goal__group=call.group, goal__trainee__isnull=False)
        .filter(Q(call=call) | between)
        .effective_reviews()
        .filter(outcome=ReviewOutcome.MET)
        .select_related("goal")
        .order_by("at", "pk")
    )
