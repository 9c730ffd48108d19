"""Only what is theirs: distinctive private, mentors-only and feedback texts, statuses, and other
trainees' goals and answers never appear in any response to a trainee's link, between calls or
during one, by GET or by POST."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.feedback.models import CheckInStatus
from mentorplan.recap.models import RetroAnswer
from mentorplan.room.models import GoalReport, RetroDraft, TraineeLink
from mentorplan.testing import (
    end_call,
    make_call,
    make_feedback,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    start_call,
)
from mentorplan.tests.test_access import _params, _trainee_urls

SECRETS = [
    "PRIVATE-XYZZY",
    "MENTORS-PLUGH",
    "FEEDBACK-PRECISE",
    "FEEDBACK-EVIDENCE",
    "FEEDBACK-ACTION",
    "BO-GOAL-FROB",
    "BO-REPORT-WIBBLE",
    "BO-RETRO-WOBBLE",
    "BO-SHARED-NOTE",
    "BO-TOPIC-QUUX",
    "Concern",
    "Falling behind",
]


def _notes(call, mentor, amal, bo) -> None:
    for position, (level, trainee, body) in enumerate(
        [
            (NoteLevel.PRIVATE, None, "PRIVATE-XYZZY on the call"),
            (NoteLevel.PRIVATE, amal, "PRIVATE-XYZZY about Amal"),
            (NoteLevel.MENTORS, None, "MENTORS-PLUGH on the call"),
            (NoteLevel.MENTORS, amal, "MENTORS-PLUGH about Amal"),
            (NoteLevel.SHARED, bo, "BO-SHARED-NOTE"),
        ]
    ):
        segment = call.segments.get(position=position)
        Note.objects.create(
            call=call, segment=segment, trainee=trainee, level=level, author=mentor, body=body
        )


def world(live: bool):
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    bo = make_trainee(group, name="Bo")
    past = make_call(group, scheduled_at=timezone.now() - timedelta(days=14))
    end_call(past, timezone.now() - timedelta(days=14))
    upcoming = make_call(group, scheduled_at=timezone.now() + timedelta(hours=1))
    goal = make_goal(amal, text="Amal's goal", deadline=timezone.localdate())
    bo_goal = make_goal(bo, text="BO-GOAL-FROB", deadline=timezone.localdate())
    GoalReport.objects.create(
        goal=bo_goal, outcome="missed", note="BO-REPORT-WIBBLE", deadline=bo_goal.deadline
    )
    RetroDraft.objects.create(call=upcoming, trainee=bo, not_understood="BO-RETRO-WOBBLE")
    for call in [past, upcoming]:
        _notes(call, mentor, amal, bo)
        for trainee in [amal, bo]:
            make_feedback(
                call,
                trainee,
                status=CheckInStatus.CONCERN,
                reasons=["falling_behind"],
                precise="FEEDBACK-PRECISE",
                evidence="FEEDBACK-EVIDENCE",
                actionable="FEEDBACK-ACTION",
            )
    make_topic(past, "BO-TOPIC-QUUX", bo)
    RetroAnswer.objects.create(call=past, trainee=bo, not_understood="BO-RETRO-WOBBLE")
    if live:
        start_call(upcoming)
        RetroAnswer.objects.create(call=upcoming, trainee=bo, not_understood="BO-RETRO-WOBBLE")
    _, token = TraineeLink.issue(amal)
    return goal, token


@pytest.mark.django_db
@pytest.mark.parametrize("live", [False, True], ids=["between calls", "during a call"])
def test_no_private_mentors_feedback_or_other_trainees_text_reaches_a_trainee(client, live):
    goal, token = world(live)
    objects = {"goal": goal.key}

    seen = []
    for name in sorted(_trainee_urls()):
        extra = {param: objects[param] for param in _params(name) - {"token"}}
        url = reverse(name, kwargs={"token": token, **extra})
        for response in [client.get(url), client.post(url, {"outcome": "met", "text": "x"})]:
            body = response.content.decode()
            if response.status_code == 302:
                body += client.get(response["Location"]).content.decode()
            seen.append((url, response.status_code))
            leaked = [text for text in SECRETS if text in body]
            assert not leaked, f"{url} ({response.status_code}) shows {leaked}"
    assert any(status == 200 for _, status in seen)
