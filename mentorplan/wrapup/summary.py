"""The session summary: what the trainees may read, as Markdown and as Slack text.

The summary goes to the trainees, so it says only what is theirs to see:

- who came, by name, but not who was late or away;
- goals reviewed, in kind words ("done", "still going"), never "missed" or how often;
- topics as understood or still being worked on, never "needs the course team";
- new goals, shared resources, moments of progress, shared notes, and the next call in each
  trainee's own time.

Feedback and check-in statuses, flags, private and mentors-only notes are never read here.
"""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from mentorplan.calls.models import Attendance, AttendanceStatus, Call, Note
from mentorplan.goals.models import Goal, GoalEvent, NextStep, ReviewOutcome
from mentorplan.groups.people import marks_and_people
from mentorplan.lib.fragments import Rows
from mentorplan.recap.models import TopicPerson, TopicStatus
from mentorplan.wrapup.models import ResourceShare, Win

# What a trainee reads for each review outcome: no "missed", no counts. A miss reads as what
# happens next: kept with a new deadline, replaced by a smaller step, or set aside.
REVIEW_WORDS: dict[str, str] = {
    ReviewOutcome.MET: "done",
    ReviewOutcome.PARTLY: "partly done",
    ReviewOutcome.EXTENDED: "still going",
    ReviewOutcome.DROPPED: "set aside",
}
NEXT_STEP_WORDS: dict[str, str] = {
    NextStep.NEW_DEADLINE: "still going",
    NextStep.SMALLER: "a smaller step next",
    NextStep.DROP: "set aside",
}
# What a trainee reads for a topic: understood, or still being worked on (a topic passed to the
# course team is the mentors' business).
UNDERSTOOD = "understood"
STILL_WORKING = "still working on it"


# What a summary is made from, for keeping it drawn (see `mentorplan.lib.fragments`): the rows of
# its group that it reads. A reviewed goal can be undone later, and the next session planned or
# moved, so the whole group's goals and sessions count, not only this session's.
DRAWN_FROM = [
    Rows("calls.Call", "group", sums=("sequence",)),
    Rows("calls.CallSegment", "call__group"),
    Rows("calls.Attendance", "call__group", times=("updated_at",)),
    Rows("calls.Note", "call__group", times=("updated_at",)),
    Rows("goals.Goal", "group", times=("updated_at",)),
    Rows("goals.GoalEvent", "goal__group"),
    Rows("recap.Topic", "group"),
    Rows("recap.TopicPerson", "topic__group", times=("updated_at",)),
    Rows("recap.TopicWork", "call__group", times=("updated_at",)),
    Rows("wrapup.ResourceShare", "call__group"),
    Rows("wrapup.Win", "call__group"),
]


def made_of(call: Call) -> tuple[object, ...]:
    """Everything `call`'s summary is drawn from, as marks that move whenever it changes: the
    rows above, and the group's people (names and zones) read as they are."""
    group = call.group
    return (
        call.key,
        group.video_url,
        marks_and_people(DRAWN_FROM, group.pk),
    )


@dataclass(frozen=True)
class NextTime:
    """The next call's start in one zone, already written out in that zone."""

    when: str
    zone: str
    names: str


@dataclass
class Summary:
    call: Call
    zone: ZoneInfo  # the group's: the day the session took place is the day there
    came: list[str] = field(default_factory=list)
    reviewed: list[GoalEvent] = field(default_factory=list)
    goals_set: list[Goal] = field(default_factory=list)
    topics: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # title: (name, words)
    resources: list[ResourceShare] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    next_call: Call | None = None
    next_times: list[NextTime] = field(default_factory=list)

    @property
    def held_on(self) -> str:
        """The day the session took place, in the group's zone."""
        return dateformat.format(timezone.localtime(self.call.held_at, self.zone), "l j F Y")

    @property
    def review_lines(self) -> list[tuple[str, str, str]]:
        """Each reviewed goal as a trainee reads it: (owner, goal, words)."""
        lines = []
        for event in self.reviewed:
            if event.outcome == ReviewOutcome.MISSED:
                words = NEXT_STEP_WORDS.get(event.next_step, "still going")
            else:
                words = REVIEW_WORDS.get(event.outcome, "reviewed")
            if event.new_deadline and words == "still going":
                words += f", new deadline {dateformat.format(event.new_deadline, 'j M')}"
            lines.append((event.goal.owner_name, event.goal.text, words))
        return lines


def next_times_of(following: Call, zone: ZoneInfo) -> list[NextTime]:
    """The next call in each trainee's zone; in the group's zone when it has no trainees."""
    times = following.local_times()
    if not times:
        local = timezone.localtime(following.scheduled_at, zone)
        return [NextTime(dateformat.format(local, "l j F, H:i"), str(zone), "")]
    return [NextTime(dateformat.format(t.local, "l j F, H:i"), t.zone, t.names) for t in times]


def build(call: Call) -> Summary:
    summary = Summary(call=call, zone=call.group.zone())
    summary.came = [
        a.trainee.name
        for a in Attendance.objects.filter(
            call=call, status__in=[AttendanceStatus.PRESENT, AttendanceStatus.LATE]
        )
        .select_related("trainee")
        .order_by("trainee__name")
    ]
    summary.reviewed = list(
        GoalEvent.objects.filter(call=call)
        .effective_reviews()
        .select_related("goal__trainee", "goal__mentor")
        .order_by("at")
    )
    summary.goals_set = list(
        Goal.objects.filter(set_in=call)
        .agreed()
        .select_related("trainee", "mentor")
        .order_by("deadline")
    )
    people = TopicPerson.objects.filter(topic__group=call.group).filter(
        topic__work__call=call
    ) | TopicPerson.objects.filter(topic__first_call=call)
    for person in (
        people.select_related("topic", "trainee")
        .distinct()
        .order_by("topic__title", "trainee__name")
    ):
        words = UNDERSTOOD if person.status == TopicStatus.UNDERSTOOD else STILL_WORKING
        summary.topics.setdefault(person.topic.title, []).append((person.trainee.name, words))
    summary.resources = list(
        ResourceShare.objects.filter(call=call).select_related("resource", "trainee", "topic")
    )
    summary.wins = list(Win.objects.filter(call=call).select_related("trainee"))
    summary.notes = list(
        Note.objects.filter(call=call)
        .shared()
        .exclude(body="")
        .select_related("segment", "trainee")
        .order_by("segment__position")
    )
    summary.next_call = call.following()
    if summary.next_call is not None:
        summary.next_times = next_times_of(summary.next_call, summary.zone)
    return summary


def as_markdown(summary: Summary) -> str:
    """CommonMark; what people typed reads as typed (see `mentorplan.lib.markup`)."""
    return render_to_string("wrapup/summary.md", {"s": summary}).strip() + "\n"


def as_slack(summary: Summary) -> str:
    """Text to paste into Slack's message box, which reads Slack's own markup (`*bold*`) and
    links web addresses itself, but shows `&amp;` or `<address|title>` as typed: so no escaping
    for Slack's API, and what people typed mentions nobody (see `mentorplan.lib.markup`)."""
    return render_to_string("wrapup/summary.slack.txt", {"s": summary}).strip() + "\n"
