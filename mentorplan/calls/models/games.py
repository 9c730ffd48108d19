"""Thinking games for the welcome, and the one suggested for each session."""

import random
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from mentorplan.calls.models.call import Call


class BrainGame(models.Model):
    """A short online game that warms up thinking, suggested during the welcome."""

    name = models.CharField(max_length=60, unique=True)
    url = models.URLField()
    exercises = models.CharField(max_length=100)
    description = models.CharField(max_length=300)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)  # the runner keeps the welcome until it moves

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GameSuggestion(models.Model):
    """The game suggested for a call, picked when it starts; shuffling replaces it."""

    call = models.OneToOneField(
        "calls.Call", on_delete=models.CASCADE, related_name="game_suggestion"
    )
    game = models.ForeignKey(BrainGame, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.game} for {self.call}"

    @classmethod
    def _choices(cls, call: "Call", avoid: BrainGame | None = None) -> list[BrainGame]:
        """Active games, less the group's game of the session before and `avoid`."""
        previous = (
            cls.objects.filter(
                call__group_id=call.group_id, call__scheduled_at__lt=call.scheduled_at
            )
            .exclude(call=call)
            .order_by("-call__scheduled_at")
            .values_list("game_id", flat=True)
            .first()
        )
        excluded = {pk for pk in (previous, avoid.pk if avoid else None) if pk is not None}
        return list(BrainGame.objects.filter(is_active=True).exclude(pk__in=excluded))

    @classmethod
    def shown(cls, call: "Call") -> BrainGame | None:
        """The game the welcome shows, read only. A session started before games were picked
        at the start has none saved: it shows a fixed choice, the same on every redraw."""
        saved = cls.objects.select_related("game").filter(call=call).first()
        if saved is not None:
            return saved.game
        choices = cls._choices(call)
        return choices[call.pk % len(choices)] if choices else None

    @classmethod
    def pick(cls, call: "Call", *, avoid: BrainGame | None = None) -> BrainGame | None:
        """Save a random game for the call, neither last session's nor `avoid`; with no such
        game, what is shown stays."""
        choices = cls._choices(call, avoid)
        if not choices:
            return cls.shown(call)
        game = random.choice(choices)
        cls.objects.update_or_create(call=call, defaults={"game": game})
        return game
