"""What a trainee's page shows between calls, all of it theirs or shared with everyone.

Reached only through the trainee `get_room` returns. Past sessions are read through the same
summary the trainees get after a call (`mentorplan.wrapup.summary`), less everything about other
trainees: their goals, topics, moments and the notes and resources meant for them. Reading three
summaries is most of the page's work, so that part is kept drawn for each trainee (see
`mentorplan.lib.fragments`) until anything a summary is made of changes.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from mentorplan.calls.models import Call, Note
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Trainee
from mentorplan.groups.people import marks_and_people
from mentorplan.lib.fragments import kept
from mentorplan.lib.timezones import zone_or_utc
from mentorplan.recap.models import TopicPerson
from mentorplan.room.models import GoalReport, RetroDraft
from mentorplan.wrapup import summary
from mentorplan.wrapup.models import ResourceShare, Win

PAST_SESSIONS = 3  # summaries shown: the page stays short (and its queries few) for years
RESOURCES = 20


@dataclass
class PastSession:
    """One finished session as this trainee may read it."""

    call: Call
    held_on: str
    reviewed: list[tuple[str, str]] = field(default_factory=list)  # (goal, words)
    goals_set: list[Goal] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (title, words)
    wins: list[Win] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.reviewed or self.goals_set or self.topics or self.wins or self.notes)


def next_call(trainee: Trainee) -> Call | None:
    """The group's next planned call: the one the retro and the self-reports are for."""
    return Call.objects.filter(group_id=trainee.group_id).upcoming().select_related("group").first()


def due_goals(trainee: Trainee, call: Call | None, today: date) -> list[Goal]:
    """The trainee's goals the next call's catch-up reviews (due by that day), or, with no call
    planned, those due by today."""
    goals = Goal.objects.filter(trainee=trainee)
    goals = goals.due_at(call) if call is not None else goals.open().filter(deadline__lte=today)
    return list(goals.order_by("deadline", "pk"))


def shared_resources(trainee: Trainee) -> list[ResourceShare]:
    """Resources shared with this trainee, with everyone, or for a topic they are working on;
    newest first, each resource once."""
    mine = Q(trainee=trainee) | Q(trainee__isnull=True, topic__isnull=True)
    my_topic = Exists(TopicPerson.objects.filter(topic=OuterRef("topic"), trainee=trainee))
    shares = (
        ResourceShare.objects.filter(call__group_id=trainee.group_id)
        .filter(mine | Q(my_topic))
        .select_related("resource")
        .order_by("-created_at")
    )
    seen: set[int] = set()
    result = []
    for share in shares[: RESOURCES * 3]:
        if share.resource_id not in seen:
            seen.add(share.resource_id)
            result.append(share)
    return result[:RESOURCES]


def past_sessions(trainee: Trainee) -> list[PastSession]:
    calls = Call.objects.filter(group_id=trainee.group_id).finished().select_related("group")
    my_topics = set(
        TopicPerson.objects.filter(trainee=trainee).values_list("topic__title", flat=True)
    )
    return [_as_theirs(summary.build(call), trainee, my_topics) for call in calls[:PAST_SESSIONS]]


def past_part(request: HttpRequest, trainee: Trainee) -> SafeString:
    """The trainee's last sessions as their page shows them, kept drawn for them alone until
    anything the summaries read changes: their rows, or the group's people (the trainee's name
    among them)."""
    made_of = (trainee.pk, marks_and_people(summary.DRAWN_FROM, trainee.group_id))

    def draw() -> str:
        past = past_sessions(trainee)
        return render_to_string("room/includes/past_sessions.html", {"past": past})

    return kept(request, "room-past", made_of, draw)


def _as_theirs(full: summary.Summary, trainee: Trainee, my_topics: set[str]) -> PastSession:
    lines = zip(full.reviewed, full.review_lines, strict=True)
    return PastSession(
        call=full.call,
        held_on=full.held_on,
        reviewed=[
            (goal, words) for e, (_, goal, words) in lines if e.goal.trainee_id == trainee.pk
        ],
        goals_set=[g for g in full.goals_set if g.trainee_id == trainee.pk],
        topics=[
            (title, words)
            for title, people in full.topics.items()
            for name, words in people
            if name == trainee.name and title in my_topics
        ],
        wins=[w for w in full.wins if w.trainee_id == trainee.pk],
        notes=[n for n in full.notes if n.trainee_id in (None, trainee.pk)],
    )


def context(request: HttpRequest, trainee: Trainee) -> dict[str, Any]:
    zone = zone_or_utc(trainee.timezone)
    today = timezone.localdate(timezone=zone)
    call = next_call(trainee)
    due = due_goals(trainee, call, today)
    reports = {r.goal_id: r for r in GoalReport.objects.filter(goal__in=due).current()}
    draft = (
        RetroDraft.objects.filter(call=call, trainee=trainee).first() if call is not None else None
    )
    return {
        "trainee": trainee,
        "zone": zone,
        "today": today,
        "next_call": call,
        "due": [(goal, reports.get(goal.pk)) for goal in due],
        "goals": list(Goal.objects.filter(trainee=trainee).open().order_by("deadline", "pk")),
        "draft": draft,
        "resources": shared_resources(trainee),
        "past": past_part(request, trainee),
    }
