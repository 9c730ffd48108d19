"""Saving retros and topic work, each in one transaction."""

from typing import TYPE_CHECKING, Any

from django.db import transaction

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.lib.versioned import Saved, save_on_version
from mentorplan.recap.forms import RetroForm, WorkForm
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


def save_work(call: Call, topic: Topic, form: WorkForm, by: "User") -> Saved[TopicWork]:
    """The notes on a topic in this session, created or updated on the version the form was
    based on; a co-mentor's newer save is a conflict, left in `form.conflict`."""
    return form.save_on_version(TopicWork, {"call": call, "topic": topic}, extra={"updated_by": by})


@transaction.atomic
def save_retro_form(
    call: Call, trainee: Trainee, form: RetroForm, by: "User"
) -> Saved[RetroAnswer]:
    """The retro a mentor sent, saved on the version their form was based on (a co-mentor's
    newer save is a conflict, left in `form.conflict`)."""
    lookup = {"call": call, "trainee": trainee}
    saved = form.save_on_version(RetroAnswer, lookup, extra={"updated_by": by})
    _raise_topics(call, trainee, saved)
    return saved


@transaction.atomic
def save_retro(call: Call, trainee: Trainee, data: dict[str, Any], by: "User") -> RetroAnswer:
    """A retro written by code rather than typed in a form: no version to check."""
    lookup = {"call": call, "trainee": trainee}
    saved = save_on_version(RetroAnswer, lookup, None, {**data, "updated_by": by})
    _raise_topics(call, trainee, saved)
    return saved.row


@transaction.atomic
def save_trainees_retro(
    call: Call, trainee: Trainee, data: dict[str, Any], version: int
) -> Saved[RetroAnswer]:
    """The retro a trainee sent from their own page during the call, on the version they saw:
    a mentor's newer save is a conflict (`Saved.conflict`) and nothing changes."""
    lookup = {"call": call, "trainee": trainee}
    saved = save_on_version(RetroAnswer, lookup, version, {**data, "updated_by": None})
    _raise_topics(call, trainee, saved)
    return saved


def _raise_topics(call: Call, trainee: Trainee, saved: Saved[RetroAnswer]) -> None:
    """Each line of what did not make sense that is new in this save becomes a topic."""
    if saved.before is None:
        return
    before = set(map(normalise, topic_lines(saved.before.not_understood)))
    for line in topic_lines(saved.row.not_understood):
        if normalise(line) not in before:
            add_topic(call, line, [trainee])
