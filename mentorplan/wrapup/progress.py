"""Figures for the group's progress charts, in a fixed number of queries, however long the
history."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from mentorplan.calls.models import Call, CallSegment
from mentorplan.goals.models import GoalEvent, ReviewOutcome
from mentorplan.groups.models import Group
from mentorplan.recap.models import TopicPerson, Understanding

LAST_SESSIONS = 6


@dataclass(frozen=True)
class Bar:
    label: str
    first: int
    second: int


@dataclass(frozen=True)
class Chart:
    title: str
    first_name: str
    second_name: str
    bars: list[Bar]

    @property
    def scale(self) -> int:
        return max([1, *(max(b.first, b.second) for b in self.bars)])


def _day(call: Call) -> str:
    """The day the session took place, in the reader's zone (the one the request activated)."""
    return f"{timezone.localtime(call.held_at, timezone.get_current_timezone()):%d %b}"


def _recent_calls(group: Group) -> list[Call]:
    calls = list(
        Call.objects.filter(group=group, ended_at__isnull=False).order_by("-scheduled_at")[
            :LAST_SESSIONS
        ]
    )
    return list(reversed(calls))


def goals_chart(group: Group, calls: list[Call]) -> Chart:
    rows = (
        GoalEvent.objects.filter(call__in=calls)
        .effective_reviews()
        .exclude(outcome=ReviewOutcome.DROPPED)
        .values("call_id")
        .annotate(reviewed=Count("pk"), met=Count("pk", filter=Q(outcome=ReviewOutcome.MET)))
    )
    by_call = {row["call_id"]: row for row in rows}
    return Chart(
        "Goals reviewed and met, per session",
        "reviewed",
        "met",
        [
            Bar(
                _day(c),
                by_call.get(c.pk, {}).get("reviewed", 0),
                by_call.get(c.pk, {}).get("met", 0),
            )
            for c in calls
        ],
    )


def topics_chart(group: Group, calls: list[Call]) -> Chart:
    opened = dict(
        TopicPerson.objects.filter(topic__first_call__in=calls)
        .values_list("topic__first_call_id")
        .annotate(n=Count("pk"))
    )
    # Each understanding counts in the session it happened, however the topic went on later.
    understood = dict(
        Understanding.objects.filter(call__in=calls).values_list("call_id").annotate(n=Count("pk"))
    )
    return Chart(
        "Topics raised and understood, per session",
        "raised",
        "understood",
        [Bar(_day(c), opened.get(c.pk, 0), understood.get(c.pk, 0)) for c in calls],
    )


def minutes_chart(group: Group, calls: list[Call]) -> Chart:
    totals: dict[str, list[float]] = {}
    for title, planned, spent in (
        CallSegment.objects.filter(call__in=calls)
        .values_list("title", "planned_minutes", "spent_seconds")
        .order_by("position")
    ):
        entry = totals.setdefault(title, [0, 0, 0])
        entry[0] += planned
        entry[1] += spent / 60
        entry[2] += 1
    over = "the last session" if len(calls) == 1 else f"average of the last {len(calls)} sessions"
    return Chart(
        f"Minutes per segment, planned and real ({over})",
        "planned",
        "real",
        [Bar(title, round(p / n), round(s / n)) for title, (p, s, n) in totals.items()],
    )


def charts(group: Group) -> list[Chart]:
    calls = _recent_calls(group)
    if not calls:
        return []
    return [goals_chart(group, calls), topics_chart(group, calls), minutes_chart(group, calls)]
