"""A group with a long enough story that a trainee appears in every kind of record."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.feedback.models import Feedback
from mentorplan.goals.models import Goal, GoalEvent, GoalStatus, NextStep, ReviewOutcome
from mentorplan.groups.models import Group, Role, Trainee
from mentorplan.recap.models import RetroAnswer, TopicStatus, TopicWork, Understanding
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_feedback,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
)
from mentorplan.wrapup.models import Reminder, Resource, ResourceShare, Win
from mentorplan.wrapup.reminders import goal_key

NAME = "Zephyrine Quillfeather"
EMAIL = "zephyrine.q@example.net"
SLACK = "@zephyq"


@dataclass
class Story:
    lead: User
    co_mentor: User
    group: Group
    trainee: Trainee  # the one to export and erase
    other: Trainee
    past: Call  # finished, both trainees there
    next: Call  # planned
    goal: Goal
    feedback: Feedback
    win: Win


def note(call: Call, trainee: Trainee | None, level: str, author: User, body: str) -> Note:
    segment = call.segments.get(position=0)
    return Note.objects.create(
        call=call, segment=segment, trainee=trainee, level=level, author=author, body=body
    )


def tell_story() -> Story:
    lead = make_mentor(display_name="Lena Lead")
    co_mentor = make_mentor(display_name="Cato Co")
    group = make_group(lead, name="Thursday buddies")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    trainee = make_trainee(group, name=NAME, email=EMAIL, slack_handle=SLACK, pronouns="she/her")
    other = make_trainee(group, name="Bob Other")
    past = end_call(make_call(group, scheduled_at=timezone.now() - timedelta(days=7)))
    following = make_call(group, scheduled_at=timezone.now() + timedelta(days=7))
    for person in (trainee, other):
        check_in(past, person)
    RetroAnswer.objects.create(
        call=past, trainee=trainee, last_lesson="Loops", homework="Katas", not_understood="Closures"
    )
    own = make_topic(past, "Closures", trainee)
    TopicWork.objects.create(call=past, topic=own, gap="Returning a function", outcome="Got it")
    shared = make_topic(past, "Arrays", trainee, other, status=TopicStatus.WORKING)
    understood = shared.people.get(trainee=trainee)
    understood.set_status(TopicStatus.UNDERSTOOD, call=past)
    goal = make_goal(trainee, text="Finish the closures kata", set_in=past)
    GoalEvent.objects.create(
        goal=goal,
        call=past,
        outcome=ReviewOutcome.MISSED,
        from_status=GoalStatus.OPEN,
        to_status=GoalStatus.OPEN,
        note="Moved house",
        next_step=NextStep.NEW_DEADLINE,
        by=lead,
    )
    Reminder.objects.create(kind="goal_due", subject_key=goal_key(goal), recipient=EMAIL)
    Reminder.objects.create(kind="goal_due", subject_key="elsewhere", recipient=EMAIL.upper())
    feedback = make_feedback(past, trainee, precise="Closures in callbacks")
    make_feedback(past, other, precise=f"Pairs well with {NAME} and {SLACK}")
    note(past, trainee, NoteLevel.PRIVATE, lead, "Lena's own private note")
    note(past, trainee, NoteLevel.PRIVATE, co_mentor, "Cato's private note")
    note(past, trainee, NoteLevel.MENTORS, lead, "Mentors' note about her")
    past_shared = past.segments.get(position=1)
    Note.objects.create(
        call=past,
        segment=past_shared,
        trainee=trainee,
        level=NoteLevel.SHARED,
        author=lead,
        body="Shared note for her",
    )
    note(past, None, NoteLevel.MENTORS, lead, f"{NAME.upper()} led the game; mail {EMAIL}")
    win = Win.objects.create(call=past, trainee=trainee, text="Explained her loop")
    resource = Resource.objects.create(owner=lead, title="Closures guide", url="https://c.org")
    ResourceShare.objects.create(call=past, resource=resource, trainee=trainee, shared_by=lead)
    LogEntry.objects.create(
        user=lead,
        content_type=ContentType.objects.get_for_model(Trainee),
        object_id=str(trainee.pk),
        object_repr=str(trainee),
        action_flag=CHANGE,
    )
    assert Understanding.objects.filter(person=understood).exists()
    return Story(
        lead=lead,
        co_mentor=co_mentor,
        group=group,
        trainee=trainee,
        other=other,
        past=past,
        next=following,
        goal=goal,
        feedback=feedback,
        win=win,
    )
