"""Rows that two people edit at once, saved so that nobody's text is replaced behind their back.

Each such row carries a `version`. A save names the version its text was based on; the row is
locked, and the save goes through only if the version still matches (it is then raised by one).
Otherwise the save is refused as a conflict and the writer is shown what the other person saved,
to keep their own text, take the other one, or keep both. Two first saves at once meet at the
row's unique constraint: the second one becomes a conflict, never an error.
"""

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import IntegrityError, models, transaction


class Versioned(models.Model):
    """A row edited together: `version` counts its saves (see `save_on_version`)."""

    version = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def edited_by(self) -> Any:
        """Who saved the row last, to name them when their change meets someone else's."""
        return getattr(self, "updated_by", None)


V = TypeVar("V", bound=Versioned)


@dataclass
class Saved(Generic[V]):
    """What became of a save. `row` is the row as it is now: the one just saved, or on a conflict
    the other person's. `before` is the row as it was before this save changed it."""

    row: V
    conflict: bool = False
    before: V | None = None

    @property
    def changed(self) -> bool:
        return self.before is not None


def save_on_version(
    model: type[V],
    lookup: Mapping[str, Any],
    version: int | None,
    changes: Mapping[str, Any] | Callable[[V], Mapping[str, Any]],
    *,
    create: Mapping[str, Any] | None = None,
    unchanged: Callable[[V], bool] | None = None,
) -> Saved[V]:
    """Save `changes` (or what `changes(row)` gives for the locked row) into the one row that
    `lookup` finds, created with `create` if there is none yet, provided the row is still at
    `version`. A row at another version is a conflict, unless `unchanged(row)` says it already
    holds what this save would write (the same text sent twice): then nothing is written.
    `version=None` is for code that writes without a form someone typed in: no check."""
    try:
        with transaction.atomic():
            manager = model._default_manager
            row, _ = manager.select_for_update().get_or_create(**lookup, defaults=create or {})
            if version is not None and row.version != version:
                conflict = not (unchanged and unchanged(row))
                transaction.set_rollback(True)  # a refused save leaves no trace, not even a row
                return Saved(row, conflict=conflict)
            before = copy.copy(row)
            values = changes(row) if callable(changes) else changes
            for name, value in values.items():
                setattr(row, name, value)
            row.version += 1
            row.save(update_fields=[*values, "version", *_auto_now(model)])
    except IntegrityError:
        # Two first saves raced and this one lost: the winner's row is what it meets.
        winner = model._default_manager.filter(**lookup).first()
        if winner is None:
            raise
        return Saved(winner, conflict=not (unchanged and unchanged(winner)))
    return Saved(row, before=before)


def _auto_now(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
