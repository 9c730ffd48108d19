"""Erasing a trainee: every row about them goes, and their name, e-mail address and Slack handle
are taken out of what others wrote in the group. What stays is an ErasureRecord that says who
did it and when, and nothing about the person."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector

from mentorplan.calls.models import Note
from mentorplan.feedback.models import Feedback
from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.groups.models import Group, Trainee
from mentorplan.recap.models import RetroAnswer, Topic, TopicPerson, TopicWork
from mentorplan.records.models import COMMAND_LINE, ErasureRecord
from mentorplan.wrapup.models import Reminder, Win

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

NAME_REMOVED = "(name removed)"


@dataclass(frozen=True)
class WhatGoes:
    """What erasing a trainee deletes, counted for the confirmation step."""

    sessions_attended: int
    retro_answers: int
    goals: int
    feedback: int
    notes: int
    wins: int
    topics: int


def what_goes(trainee: Trainee) -> WhatGoes:
    return WhatGoes(
        sessions_attended=trainee.attendance.count(),
        retro_answers=trainee.retro_answers.count(),
        goals=trainee.goals.count(),
        feedback=trainee.feedback.count(),
        notes=trainee.call_notes.count(),
        wins=trainee.wins.count(),
        topics=trainee.topics.count(),
    )


def confirms(trainee: Trainee, typed: str) -> bool:
    """Whether `typed` is the trainee's name, give or take case and spaces: the confirmation
    that erasing them is meant."""
    return " ".join(typed.split()).casefold() == " ".join(trainee.name.split()).casefold()


def erase_trainee(trainee: Trainee, *, user: "User | None" = None, by: str = "") -> ErasureRecord:
    """Delete `trainee` and everything about them, and record that it was done.

    Raises Trainee.DoesNotExist when someone else erased them first."""
    with transaction.atomic():
        trainee = Trainee.objects.select_for_update().select_related("group").get(pk=trainee.pk)
        group = trainee.group
        reminders_of(trainee).delete()
        collector = Collector(using=router.db_for_write(Trainee))
        collector.collect([trainee])
        # A topic only this trainee has is theirs too; one shared with others stays.
        others = TopicPerson.objects.exclude(trainee=trainee).values("topic_id")
        own_topics = list(Topic.objects.filter(people__trainee=trainee).exclude(pk__in=others))
        if own_topics:
            collector.collect(own_topics)
        _admin_history(collector, trainee.name).delete()
        collector.delete()
        _remove_mentions(group, trainee)
        return ErasureRecord.objects.create(
            group=group, erased_by=user, by=by or (str(user) if user else COMMAND_LINE)
        )


def reminders_of(trainee: Trainee) -> "models.QuerySet[Reminder]":
    """Reminders sent to the trainee's address or about one of their goals: the reminder table
    keeps the recipient and the goal's key (see wrapup/reminders.py)."""
    about = models.Q(pk__in=[])
    for key in trainee.goals.values_list("key", flat=True):
        about |= models.Q(subject_key__startswith=str(key))
    if trainee.email:
        about |= models.Q(recipient__iexact=trainee.email)
    return Reminder.objects.filter(about)


def _admin_history(collector: Collector, name: str) -> "models.QuerySet[LogEntry]":
    """The admin site's log of changes to any row the erasure deletes, or naming the trainee."""
    about = models.Q(object_repr__icontains=name) if name.strip() else models.Q(pk__in=[])
    deleted: dict[type[models.Model], set[object]] = {}
    for model, instances in collector.data.items():
        deleted.setdefault(model, set()).update(obj.pk for obj in instances)
    for queryset in collector.fast_deletes:
        deleted.setdefault(queryset.model, set()).update(queryset.values_list("pk", flat=True))
    for model, pks in deleted.items():
        content_type = ContentType.objects.get_for_model(model)
        about |= models.Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    return LogEntry.objects.filter(about)


# What others wrote in the group that may name the trainee: (rows, text fields).
def _texts(group: Group) -> Iterable[tuple["models.QuerySet[models.Model]", list[str]]]:
    yield Note.objects.filter(call__group=group), ["body"]
    yield (
        RetroAnswer.objects.filter(call__group=group),
        ["last_lesson", "homework", "not_understood"],
    )
    yield TopicWork.objects.filter(call__group=group), ["gap", "outcome"]
    yield Topic.objects.filter(group=group), ["title"]
    yield Feedback.objects.filter(call__group=group), ["precise", "evidence", "actionable"]
    yield Win.objects.filter(call__group=group), ["text"]
    yield Goal.objects.filter(group=group), ["text", "measure"]
    yield GoalEvent.objects.filter(goal__group=group), ["note"]


def _remove_mentions(group: Group, trainee: Trainee) -> None:
    """Replace the trainee's name, e-mail address and Slack handle, as whole words, wherever
    the group's remaining notes, retros, topics, feedback, moments and goals mention them."""
    words = [w.strip() for w in (trainee.name, trainee.email, trainee.slack_handle) if w.strip()]
    if not words:
        return
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE
    )
    for rows, fields in _texts(group):
        mentions = models.Q(pk__in=[])
        for field in fields:
            for word in words:
                mentions |= models.Q(**{f"{field}__icontains": word})
        for row in rows.filter(mentions).values("pk", *fields):
            changes = {f: pattern.sub(NAME_REMOVED, row[f]) for f in fields}
            changes = {f: text for f, text in changes.items() if text != row[f]}
            if changes:
                _update(rows.model, row["pk"], changes)


def _update(model: type[models.Model], pk: int, changes: dict[str, str]) -> None:
    try:
        with transaction.atomic():
            if model is Topic:
                # A topic's save() keeps the key it is matched by in step with its title.
                topic = Topic.objects.get(pk=pk)
                topic.title = changes["title"]
                topic.save()
            else:
                model._default_manager.filter(pk=pk).update(**changes)
    except IntegrityError:
        # The text without the name is the same as another row's (two identical moments of
        # progress, two topics): the row that names them goes instead.
        model._default_manager.filter(pk=pk).delete()
