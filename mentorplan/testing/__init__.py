"""Small factories for tests: plain functions, sensible defaults, keyword overrides."""

import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from bs4 import BeautifulSoup, Tag
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.request import HttpHeaders
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Action, Attendance, AttendanceStatus, Call
from mentorplan.feedback.models import Feedback
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Group, Invitation, Membership, Role, Trainee
from mentorplan.plans.models import PlanSegment, PlanTemplate, SegmentKind
from mentorplan.recap.models import Method, Topic, TopicPerson, TopicStatus, TopicWork

PASSWORD = "correct horse battery staple"
HTMX = {"HX-Request": "true"}  # the headers of a request htmx sends
_counter = itertools.count(1)


def make_mentor(**fields: object) -> User:
    n = next(_counter)
    fields.setdefault("email", f"mentor{n}@example.org")
    fields.setdefault("display_name", f"Mentor {n}")
    return User.objects.create_user(password=PASSWORD, **fields)  # type: ignore[arg-type]


def make_group(mentor: User | None = None, *, role: str = Role.LEAD, **fields: object) -> Group:
    fields.setdefault("name", f"Group {next(_counter)}")
    fields.setdefault("course", "Intro to Programming")
    fields.setdefault("region", "London")
    group = Group.objects.create(**fields)
    if mentor is not None:
        Membership.objects.create(group=group, user=mentor, role=role)
    return group


def make_trainee(group: Group, **fields: object) -> Trainee:
    fields.setdefault("name", f"Trainee {next(_counter)}")
    return Trainee.objects.create(group=group, **fields)


def make_plan(
    owner: User | None, minutes: tuple[int, ...] = (10, 30, 5), **fields: object
) -> PlanTemplate:
    fields.setdefault("title", f"Plan {next(_counter)}")
    plan = PlanTemplate.objects.create(owner=owner, **fields)
    for position, length in enumerate(minutes, start=1):
        PlanSegment.objects.create(
            template=plan,
            position=position,
            kind=SegmentKind.OTHER,
            title=f"Part {position}",
            minutes=length,
        )
    return plan


def default_plan() -> PlanTemplate:
    return PlanTemplate.objects.get(owner__isnull=True, title="Standard mentoring session")


def make_call(
    group: Group,
    template: PlanTemplate | None = None,
    *,
    scheduled_at: datetime | None = None,
    length_minutes: int | None = None,
    created_by: User | None = None,
) -> Call:
    """A planned session of `group` (tomorrow, the default plan, planned by its lead mentor)."""
    return Call.plan(
        group=group,
        template=template or default_plan(),
        scheduled_at=scheduled_at or timezone.now() + timedelta(days=1),
        length_minutes=length_minutes,
        created_by=created_by or group.memberships.get(role=Role.LEAD).user,
    )


def start_call(call: Call, at: datetime | None = None) -> Call:
    """Start `call`, now unless `at` says when, with the runner's start button."""
    call.control(Action.START, now=at or timezone.now())
    return call


def end_call(call: Call, at: datetime | None = None) -> Call:
    """End `call` (starting it first if need be) with the runner's end button."""
    if call.started_at is None:
        start_call(call, at)
    call.control(Action.END, now=at or timezone.now())
    return call


def make_invitation(group: Group, email: str = "", **fields: object) -> Invitation:
    """An open invitation to `group`, sent by its lead mentor unless `invited_by` is given."""
    if "invited_by" not in fields:
        fields["invited_by"] = group.memberships.get(role=Role.LEAD).user
    return Invitation.objects.create(
        group=group, email=email or f"invitee{next(_counter)}@example.org", **fields
    )


def stored_fields(row: models.Model) -> dict[str, object]:
    """Every stored field of `row` by its attribute name: to compare rows read in two ways."""
    return {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields}


def parse(response: HttpResponse) -> BeautifulSoup:
    """The response's HTML as a tree, to find what a reader sees by element and class."""
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_in(element: Tag | None) -> str:
    """The text of `element` as a reader sees it: runs of white space made one space."""
    assert element is not None, "the page does not show that element"
    return " ".join(element.get_text(" ").split())


def field_errors(response: HttpResponse, auto_id: str) -> list[str]:
    """The error messages shown next to the form field whose input has the id `auto_id`."""
    ids = re.compile(rf"^{re.escape(auto_id)}_error(?:_\d+)?$")
    return [p.get_text() for p in parse(response).find_all("p", class_="error", id=ids)]


def is_partial(response: HttpResponse) -> bool:
    """True for an htmx fragment: no page frame around it."""
    content = response.content.decode().lower()
    return "<html" not in content and "<body" not in content


def page_text(response: HttpResponse) -> str:
    """The text a reader sees: no tags, entities decoded, runs of white space made one space."""
    return text_in(parse(response))


def plan_rows(response: HttpResponse) -> list[tuple[str, int, bool]]:
    """The segments a plan page shows, in order: (title, minutes, flexible)."""
    rows = []
    for head in parse(response).select("li.segment .segment-head"):
        title = text_in(head.h2).split(". ", 1)[1]
        minutes = text_in(head.select_one(".segment-minutes")).removesuffix(" min")
        flexible = any(text_in(badge) == "flexible" for badge in head.select(".badge"))
        rows.append((title, int(minutes), flexible))
    return rows


def plan_total(response: HttpResponse) -> int:
    """The total planned minutes a plan page shows."""
    return int(text_in(parse(response).find(id="plan-total")).removesuffix(" min"))


def make_goal(owner: Trainee | User, group: Group | None = None, **fields: object) -> Goal:
    """An agreed, open goal of `owner` (a trainee, or a mentor of `group`), due in a week."""
    if isinstance(owner, Trainee):
        fields.update(group=group or owner.group, trainee=owner)
    else:
        fields.update(group=group or owner.memberships.get().group, mentor=owner)
    fields.setdefault("text", f"Finish {next(_counter)} katas on arrays")
    fields.setdefault("deadline", timezone.localdate() + timedelta(days=7))
    return Goal.objects.create(**fields)


def at_segment(call: Call, kind: str, at: datetime | None = None) -> Call:
    """Move `call` (started first if need be) to its first segment of `kind`, as the runner does."""
    if call.started_at is None:
        start_call(call, at)
    position = call.segments.filter(kind=kind).values_list("position", flat=True)[0]
    call.control(Action.JUMP, position=position, now=at or timezone.now())
    return call


def check_in(call: Call, trainee: Trainee, status: str = AttendanceStatus.PRESENT) -> Attendance:
    """Take `trainee`'s attendance in `call` (here, unless `status` says otherwise)."""
    attendance, _ = Attendance.objects.update_or_create(
        call=call, trainee=trainee, defaults={"status": status}
    )
    return attendance


def make_topic(call: Call, title: str, *trainees: Trainee, status: str = TopicStatus.OPEN) -> Topic:
    """A topic first raised in `call`, with each of `trainees` on it at `status`."""
    topic = Topic.objects.create(group=call.group, title=title, first_call=call)
    TopicPerson.objects.bulk_create(
        TopicPerson(topic=topic, trainee=trainee, status=status) for trainee in trainees
    )
    return topic


def status_press(
    call: Call, topic: Topic, trainee: Trainee, status: str
) -> tuple[str, dict[str, str]]:
    """The address and the data of `status` pressed for `trainee` on `topic` in `call`'s
    technical mentoring tool, as the button sends them."""
    person = TopicPerson.objects.get(topic=topic, trainee=trainee)
    return reverse("recap:topic_status", args=[call.key, topic.key]), {person.status_field: status}


def make_feedback(call: Call, trainee: Trainee, **fields: object) -> Feedback:
    """Feedback on `trainee` from `call`, by the call's planner unless `author` is given."""
    fields.setdefault("author", call.created_by)
    fields.setdefault("precise", "Returning a value from a function")
    fields.setdefault("evidence", "Could not return a value in last week's homework")
    fields.setdefault("actionable", "Functions need another session")
    return Feedback.objects.create(call=call, trainee=trainee, **fields)


def make_history(group: Group, sessions: int) -> list[Call]:
    """`sessions` finished sessions of `group`, a fortnight apart, the last one a fortnight ago.
    Each has attendance, a topic shared by all active trainees (understood by the first, open for
    the others, so it carries over), notes on that topic, and feedback on every trainee."""
    trainees = list(group.trainees.active())
    method = Method.objects.filter(owner__isnull=True).first()
    calls = []
    for n in range(sessions, 0, -1):
        when = timezone.now() - timedelta(days=14 * n)
        call = end_call(make_call(group, scheduled_at=when), when)
        topic = make_topic(call, f"Topic from session {n}", *trainees)
        if trainees:
            TopicPerson.objects.filter(topic=topic, trainee=trainees[0]).update(
                status=TopicStatus.UNDERSTOOD
            )
        TopicWork.objects.create(call=call, topic=topic, gap=f"Gap {n}", method=method)
        for trainee in trainees:
            check_in(call, trainee)
            make_feedback(call, trainee, status="concern", reasons=["falling_behind"])
        calls.append(call)
    return calls


@contextmanager
def headers_read() -> Iterator[list[str]]:
    """The paths of the requests, made inside the block, whose `request.headers` (every header
    the browser sent, gathered anew for each request) was built."""
    built: list[str] = []
    gather = HttpRequest.__dict__["headers"]

    def gathered(request: HttpRequest) -> HttpHeaders:
        built.append(request.path)
        return gather.func(request)

    HttpRequest.headers = property(gathered)  # type: ignore[assignment,method-assign]
    try:
        yield built
    finally:
        HttpRequest.headers = gather  # type: ignore[method-assign]
