"""A group's past, as a mentor's year of sessions leaves it: for tests that a page costs the same
after one session or many, and for the bench's data."""

import itertools
from datetime import timedelta
from typing import Any

from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.goals import actions
from mentorplan.goals.models import Goal, NextStep, ReviewOutcome
from mentorplan.groups.models import Group
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Topic, TopicPerson, TopicStatus
from mentorplan.testing import make_group, make_history, make_trainee

# The catch-up outcomes of the goals, in turn: most met, some partly, a miss now and then that
# becomes a smaller goal, and one given more time.
OUTCOMES = ["met", "partly", "missed", "met", "extended"]


def make_past(group: Group, mentor: User, sessions: int, *, open_topics: int = 3) -> list[Call]:
    """`sessions` finished sessions of `group` (see `make_history`: attendance, a topic each,
    feedback), with goals for every active trainee and `mentor` set in each session and reviewed
    in the next, a private note on each trainee and a mentors' note. Topics older than the last
    `open_topics` are understood by everyone."""
    calls = make_history(group, sessions)
    _goals(group, mentor, calls)
    _notes(mentor, calls)
    recent = Topic.objects.filter(group=group).order_by("-first_call__scheduled_at")[:open_topics]
    TopicPerson.objects.filter(topic__group=group).exclude(topic__in=list(recent)).update(
        status=TopicStatus.UNDERSTOOD
    )
    return calls


def _goals(group: Group, mentor: User, calls: list[Call]) -> None:
    outcomes = itertools.cycle(OUTCOMES)
    owners: list[dict[str, object]] = [{"trainee": t} for t in group.trainees.active()]
    owners.append({"mentor": mentor})
    previous: list[Goal] = []
    for call in calls:
        later = timezone.localdate(call.scheduled_at) + timedelta(days=14)
        for goal in previous:
            outcome = next(outcomes)
            if outcome == "missed":
                actions.review(
                    goal,
                    outcome=ReviewOutcome.MISSED,
                    by=mentor,
                    call=call,
                    note="Work got in the way this fortnight",
                    next_step=NextStep.SMALLER,
                    new_deadline=later,
                    smaller_text="Finish the first half of the exercise",
                )
            elif outcome == "extended":
                actions.review(
                    goal, outcome=ReviewOutcome.EXTENDED, by=mentor, call=call, new_deadline=later
                )
            else:
                actions.review(goal, outcome=outcome, by=mentor, call=call)
        previous = [
            actions.set_goal(
                by=mentor,
                call=call,
                group=group,
                text="Solve three katas on arrays and push them to GitHub",
                measure="Three pull requests",
                deadline=later,
                **owner,
            )
            for owner in owners
        ]


def _notes(mentor: User, calls: list[Call]) -> None:
    notes = []
    for call in calls:
        segments = {segment.kind: segment for segment in call.segments.all()}
        for trainee in call.group.trainees.active():
            notes.append(
                Note(
                    call=call,
                    segment=segments[SegmentKind.WELCOME],
                    trainee=trainee,
                    level=NoteLevel.PRIVATE,
                    author=mentor,
                    body=f"{trainee.name} has started a new job and studies in the evenings.",
                )
            )
        notes.append(
            Note(
                call=call,
                segment=segments[SegmentKind.TECHNICAL],
                level=NoteLevel.MENTORS,
                author=mentor,
                body="Closures with a counter: they explained their code, then extended it.",
            )
        )
    Note.objects.bulk_create(notes)


def group_with_past(mentor: User, sessions: int) -> Group:
    """A group `mentor` leads, with Amal, Ben and Chidi and `sessions` past sessions."""
    group = make_group(mentor)
    for name in ("Amal", "Ben", "Chidi"):
        make_trainee(group, name=name)
    make_past(group, mentor, sessions)
    return group


def queries_of(client: Client, method: str, url: str, **kwargs: Any) -> list[str]:
    """The SQL one request runs. The request is made once before, so that what a first visit
    does once (a cache filled, a game picked) is not counted."""
    send = getattr(client, method.lower())
    send(url, **kwargs)
    with CaptureQueriesContext(connection) as captured:
        response = send(url, **kwargs)
    assert response.status_code < 400, response.status_code
    return [query["sql"] for query in captured.captured_queries]


def poll_address(client: Client, call: Call) -> str:
    """The address the session's page tells its screen to poll (with the reader's pass)."""
    page = BeautifulSoup(
        client.get(reverse("calls:detail", args=[call.key])).content, "html.parser"
    )
    poller = page.select_one("[data-state-url], [data-watch-state]")
    assert poller is not None, "the session's page polls nothing"
    return str(poller.get("data-state-url") or poller["data-watch-state"])
