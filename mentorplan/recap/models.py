import unicodedata
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Trainee
from mentorplan.lib.versioned import Versioned

TEXT_LIMIT = 4000


class HomeworkDone(models.TextChoices):
    YES = "yes", "Done"
    PARTLY = "partly", "Partly"
    NO = "no", "Not done"


class RetroAnswer(Versioned):
    """A trainee's three-minute retro in one session, which co-mentors may both fill in."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="retro_answers")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="retro_answers")
    last_lesson = models.TextField(
        "What did the last lesson cover?", blank=True, max_length=TEXT_LIMIT
    )
    homework = models.TextField("What was the homework?", blank=True, max_length=TEXT_LIMIT)
    homework_done = models.CharField(
        "Homework done?", max_length=8, choices=HomeworkDone, blank=True
    )
    not_understood = models.TextField(
        "What did not make sense?",
        blank=True,
        max_length=TEXT_LIMIT,
        help_text="One topic per line. Each line becomes a topic for technical mentoring.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "trainee"], name="one_retro_per_trainee_per_call"
            ),
        ]

    def __str__(self) -> str:
        return f"Retro of {self.trainee} in {self.call}"


class TopicStatus(models.TextChoices):
    OPEN = "open", "Not yet"
    WORKING = "working", "Working on it"
    UNDERSTOOD = "understood", "Understood"
    NEEDS_TEAM = "needs_team", "Needs the course team"


UNRESOLVED = [TopicStatus.OPEN, TopicStatus.WORKING, TopicStatus.NEEDS_TEAM]


# Symbols that tell topics apart: C# is not C++, .NET is not NET, Node.js is not Node JS.
TOPIC_SYMBOLS = "#+."


def _kept(char: str) -> bool:
    return char in TOPIC_SYMBOLS or unicodedata.category(char)[0] in "LMN"


def normalise(title: str) -> str:
    """The form of a topic title used to spot the same problem told by two trainees: the same
    letters and digits in any script (compatibility forms folded, case ignored), and the
    symbols that name things; other punctuation and spacing do not count. Empty when the title
    has no letter or digit at all, which makes no topic."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    words = "".join(char if _kept(char) else " " for char in folded).split()
    # A full stop that ends a word ends a sentence; one inside or before a word is part of it.
    words = [word.rstrip(".") for word in words]
    words = [word for word in words if any(char not in TOPIC_SYMBOLS for char in word)]
    return " ".join(words)


class TopicQuerySet(models.QuerySet["Topic"]):
    def unresolved(self) -> "TopicQuerySet":
        """Topics someone has not understood yet: they carry over to the next session."""
        return self.filter(people__status__in=UNRESOLVED).distinct()


class Topic(models.Model):
    """Something trainees did not understand. One problem shared by several trainees is one
    topic with several people, so the course team can see the pattern."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, editable=False)
    first_call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "normalised"], name="one_topic_per_title_per_group"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.normalised = normalise(self.title)[:200]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class TopicPerson(models.Model):
    """Where one trainee stands with one topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="people")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="topics")
    status = models.CharField(max_length=12, choices=TopicStatus, default=TopicStatus.OPEN)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trainee__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "trainee"], name="one_status_per_trainee_per_topic"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TopicStatus.values), name="topic_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.topic} · {self.get_status_display()}"

    @property
    def status_field(self) -> str:
        """The name this trainee's status buttons send in their topic's form."""
        return f"s{self.pk}"

    @transaction.atomic
    def set_status(self, status: str, *, call: Call) -> bool:
        """Where the trainee stands now, changed in `call`; whether it changed (the status they
        already have, pressed again, changes nothing). Coming to understand the topic is
        recorded against that session; leaving “understood” in the same session (a slip of the
        finger, or raised again) takes that session's record back. An understanding from an
        earlier session stays where it happened."""
        was = self.status
        if status == was:
            return False
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        if status == TopicStatus.UNDERSTOOD:
            Understanding.objects.get_or_create(person=self, call=call)
        elif was == TopicStatus.UNDERSTOOD:
            Understanding.objects.filter(person=self, call=call).delete()
        return True


class Understanding(models.Model):
    """A trainee came to understand a topic in a session: what the charts and the moments of
    progress count, each in the session it happened."""

    person = models.ForeignKey(TopicPerson, on_delete=models.CASCADE, related_name="understood")
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="understandings")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "call"], name="one_understanding_per_person_per_call"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.call}"


class Method(models.Model):
    """A way to work through a topic. Built-in methods have no owner; mentors may add their own."""

    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)  # the runner keeps its tool until it moves

    class Meta:
        ordering = ["owner_id", "name"]

    def __str__(self) -> str:
        return self.name


class TopicWork(Versioned):
    """Technical mentoring on one topic in one session: what exactly was missing, how, and the
    result. Co-mentors may both write it."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="topic_work")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="work")
    gap = models.TextField("What exactly was not grasped?", blank=True, max_length=TEXT_LIMIT)
    method = models.ForeignKey(
        Method, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField("What happened?", blank=True, max_length=TEXT_LIMIT)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "topic"], name="one_work_per_topic_per_call"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} in {self.call}"
