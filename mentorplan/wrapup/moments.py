"""Moments of progress worth praising, collected from what the session and the last weeks show."""

from dataclasses import dataclass

from mentorplan.calls.models import Attendance, AttendanceStatus, Call
from mentorplan.goals.models import GoalEvent, ReviewOutcome
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import HomeworkDone, RetroAnswer, TopicPerson, TopicStatus
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


def collect(call: Call) -> list[Moment]:
    """Goals met since the last session, topics now understood, attendance streaks, homework."""
    trainees = {t.pk: t for t in call.group.trainees.active()}
    since = call.previous()
    moments: list[Moment] = []

    met = GoalEvent.objects.filter(
        goal__group=call.group, goal__trainee__isnull=False, outcome=ReviewOutcome.MET
    ).select_related("goal")
    if since is not None:
        met = met.filter(at__gt=since.scheduled_at)
    for event in met:
        if event.goal.trainee_id in trainees:
            moments.append(
                Moment(
                    trainees[event.goal.trainee_id],
                    f"Met the goal “{event.goal.text}”",
                    WinSource.GOAL,
                )
            )

    understood = TopicPerson.objects.filter(
        topic__group=call.group, status=TopicStatus.UNDERSTOOD
    ).select_related("topic")
    # Understood since the last session; at a group's first session, since it began.
    start = since.scheduled_at if since else call.started_at
    understood = understood.filter(updated_at__gte=start) if start else understood.none()
    for person in understood:
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
