import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

COMMAND_LINE = "command line"


class ErasureRecord(models.Model):
    """That a trainee was erased, by whom and when. It holds nothing about the trainee: not their
    name, e-mail or keys, only a new random id to quote when someone asks whether it was done."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who did it, in words: the mentor's name at the time, or the operator of the command line.
    by = models.CharField(max_length=120)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"Trainee erased by {self.by} on {self.erased_at:%Y-%m-%d}"
