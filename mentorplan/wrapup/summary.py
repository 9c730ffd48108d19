"""The session summary: only what is shared with trainees, as Markdown and as Slack text.

Private and mentors-only notes are never read here: the queries below ask for shared notes only.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from mentorplan.calls.models import Attendance, Call, Note
from mentorplan.goals.models import REVIEW_OUTCOMES, Goal, GoalEvent
from mentorplan.recap.models import TopicPerson
from mentorplan.wrapup.models import ResourceShare, Win


@dataclass
class Summary:
    call: Call
    attendance: list[tuple[str, str]] = field(default_factory=list)
    reviewed: list[GoalEvent] = field(default_factory=list)
    goals_set: list[Goal] = field(default_factory=list)
    topics: dict[str, list[str]] = field(default_factory=dict)
    resources: list[ResourceShare] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    next_call: Call | None = None


def build(call: Call) -> Summary:
    summary = Summary(call=call)
    summary.attendance = [
        (a.trainee.name, a.get_status_display())
        for a in Attendance.objects.filter(call=call)
        .select_related("trainee")
        .order_by("trainee__name")
    ]
    summary.reviewed = list(
        GoalEvent.objects.filter(call=call, outcome__in=REVIEW_OUTCOMES)
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
        summary.topics.setdefault(person.topic.title, []).append(
            f"{person.trainee.name}: {person.get_status_display().lower()}"
        )
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
    return summary


def as_markdown(summary: Summary) -> str:
    return render_to_string("wrapup/summary.md", {"s": summary}).strip() + "\n"


def as_slack(summary: Summary) -> str:
    """Slack's own markup. Slack wants &, < and > in text as &amp;, &lt; and &gt;, which is what
    the template's escaping does; quotes it shows as typed, so those are put back."""
    text = render_to_string("wrapup/summary.slack.txt", {"s": summary})
    return text.replace("&#x27;", "'").replace("&quot;", '"').strip() + "\n"
