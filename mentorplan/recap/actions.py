"""Saving retros and topic work, each in one transaction."""

from typing import TYPE_CHECKING, Any

from django.db import transaction

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.recap.models import (
    RetroAnswer,
    Topic,
    TopicPerson,
    TopicStatus,
    TopicWork,
    normalise,
)

if TYPE_CHECKING:
    from mentorplan.accounts.models import User


def topic_lines(text: str) -> list[str]:
    """Each non-empty line (or “;”-separated part) of a “did not understand” answer."""
    parts = [part.strip(" -•*\t") for line in text.splitlines() for part in line.split(";")]
    seen: set[str] = set()
    result = []
    for part in parts:
        key = normalise(part)
        if key and key not in seen:
            seen.add(key)
            result.append(part[:200])
    return result


def add_topic(call: Call, title: str, trainees: list[Trainee]) -> Topic:
    """The group's topic with this title (told apart by wording, not case or punctuation), with
    these trainees on it. A trainee who had understood it and raises it again is back to open."""
    # get_or_create also settles a race between two mentors saving the same new wording at once.
    topic, _ = Topic.objects.get_or_create(
        group=call.group,
        normalised=normalise(title)[:200],
        defaults={"title": title, "first_call": call},
    )
    for trainee in trainees:
        person, created = TopicPerson.objects.get_or_create(topic=topic, trainee=trainee)
        if not created and person.status == TopicStatus.UNDERSTOOD:
            person.set_status(TopicStatus.OPEN, call=call)
    return topic


def save_work(call: Call, topic: Topic, data: dict[str, Any], by: "User") -> TopicWork:
    """The notes on a topic in this session, created or updated. Two first saves at once meet at
    the unique constraint; update_or_create then updates the winner's row."""
    work, _ = TopicWork.objects.update_or_create(
        call=call, topic=topic, defaults={**data, "updated_by": by}
    )
    return work


@transaction.atomic
def save_retro(call: Call, trainee: Trainee, data: dict[str, Any], by: "User") -> RetroAnswer:
    retro, _ = RetroAnswer.objects.select_for_update().get_or_create(call=call, trainee=trainee)
    before = set(map(normalise, topic_lines(retro.not_understood)))
    for field, value in data.items():
        setattr(retro, field, value)
    retro.updated_by = by
    retro.save()
    for line in topic_lines(retro.not_understood):
        if normalise(line) not in before:
            add_topic(call, line, [trainee])
    return retro
