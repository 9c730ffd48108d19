"""What the trainee room tells the runner while a call is live: who is in the room, and raised
hands ("I'm stuck", "Need a minute") that a mentor clears.

A trainee's page asks every few seconds whether the call changed; that poll also says they are
there. `last_seen_at` is written at most once every `SEEN_PRECISION`, with a conditional UPDATE,
so a room full of polling phones costs the database almost nothing; the runner counts someone as
in the room for `IN_ROOM` after that.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.groups.models import Trainee
from mentorplan.lib import rawsql

if TYPE_CHECKING:
    from mentorplan.accounts.models import User
    from mentorplan.room.models import TraineeLink

SEEN_PRECISION = timedelta(seconds=20)
IN_ROOM = timedelta(seconds=30)


def record_seen(link: "TraineeLink", call_id: int | None, now: datetime | None = None) -> bool:
    """Note that the trainee's page is open. Writes only when the last note is older than
    `SEEN_PRECISION` (one conditional UPDATE, so two tabs at once write once); someone who
    arrives, or comes back after `IN_ROOM`, moves the live call's room version on, so the runner
    shows them at once. Returns whether it did."""
    now = now or timezone.now()
    seen = link.last_seen_at
    if seen is not None and seen >= now - SEEN_PRECISION:
        return False
    stale = models.Q(last_seen_at__isnull=True) | models.Q(last_seen_at__lt=now - SEEN_PRECISION)
    updated = type(link).objects.filter(models.Q(pk=link.pk) & stale).update(last_seen_at=now)
    link.last_seen_at = now
    if updated and call_id is not None and (seen is None or seen < now - IN_ROOM):
        Call(pk=call_id).room_changed(tools=False)
        return True
    return False


class HandKind(models.TextChoices):
    STUCK = "stuck", "I'm stuck"
    MINUTE = "minute", "Need a minute"


class HandQuerySet(models.QuerySet["Hand"]):
    def raised(self) -> "HandQuerySet":
        return self.filter(cleared_at__isnull=True)


class Hand(models.Model):
    """A trainee's raised hand in a live call, until a mentor (or the trainee) clears it."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=HandKind)
    raised_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HandQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "trainee"],
                condition=models.Q(cleared_at__isnull=True),
                name="one_raised_hand_per_trainee_per_call",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=HandKind.values), name="hand_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_kind_display()}"

    @classmethod
    def raise_for(cls, call: Call, trainee: Trainee, kind: str) -> "Hand":
        """Raise the trainee's hand, or change what their raised hand says. Two presses at once
        leave one raised hand."""
        try:
            with transaction.atomic():
                hand, _ = cls.objects.raised().get_or_create(
                    call=call, trainee=trainee, defaults={"kind": kind}
                )
        except IntegrityError:  # the other press made it first
            hand = cls.objects.raised().get(call=call, trainee=trainee)
        if hand.kind != kind:
            cls.objects.filter(pk=hand.pk).update(kind=kind)
            hand.kind = kind
        call.room_changed(tools=False)
        return hand

    @classmethod
    def clear(
        cls,
        call: Call,
        *,
        trainee: Trainee | None = None,
        key: "uuid.UUID | str | None" = None,
        by: "User | None" = None,
        now: datetime | None = None,
    ) -> bool:
        """Lower a raised hand (one by its key, or the trainee's). A hand already lowered stays
        as it was: two mentors pressing Clear at once clear it once. Returns whether it was."""
        hands = cls.objects.raised().filter(call=call)
        if trainee is not None:
            hands = hands.filter(trainee=trainee)
        if key is not None:
            hands = hands.filter(key=key)
        cleared = hands.update(cleared_at=now or timezone.now(), cleared_by=by)
        if cleared:
            call.room_changed(tools=False)
        return bool(cleared)

    @classmethod
    def raised_by(cls, call: Call, trainee: Trainee) -> "Hand | None":
        """The trainee's raised hand in the call, if any (there is at most one). Written out,
        like the token's read: the trainee's page asks it on every draw."""
        row = rawsql.one(_raised_by_sql(), [call.pk, trainee.pk])
        if row is None:
            return None
        hand = rawsql.instance(cls, row)
        hand.call, hand.trainee = call, trainee
        return hand


@cache
def _raised_by_sql() -> str:
    """A trainee's hand in a call, if raised (`Hand.objects.raised()`)."""
    return (
        f"SELECT {rawsql.columns(Hand, 'h')} FROM {Hand._meta.db_table} h"
        " WHERE h.call_id = %s AND h.trainee_id = %s AND h.cleared_at IS NULL"
    )


@dataclass(frozen=True)
class Room:
    """A live call's trainee room as the runner shows it."""

    present: list[Trainee]  # whose page asked in the last `IN_ROOM`, by name
    linked: bool  # whether any trainee of the group has a working link
    hands: list[Hand]  # raised, oldest first, each with its trainee (id and name)


def room_of(call: Call, now: datetime, rows: list[tuple[Any, ...]] | None = None) -> Room:
    """Who is in `call`'s room at `now`, and the hands raised there, in one query. Written out:
    building the ORM's two queries took twenty times as long as this one takes, on a part drawn
    with every runner, every redraw of the room, and every 15 s while someone is in. `rows`: the
    answer to `room_query(call, now)`, if asked already (the runner asks it in one trip with its
    other questions)."""
    present: list[Trainee] = []
    hands: list[Hand] = []
    linked = False
    if rows is None:
        rows = rawsql.ask(room_query(call, now))
    for is_hand, trainee_id, name, here, *hand in rows:
        trainee = rawsql.instance(Trainee, (trainee_id, name), ["id", "name"])
        if is_hand:
            raised = rawsql.instance(Hand, hand, HAND_FIELDS)
            raised.call, raised.trainee = call, trainee
            hands.append(raised)
        else:
            linked = True
            if here:
                present.append(trainee)
    return Room(present, linked, hands)


def room_query(call: Call, now: datetime) -> rawsql.Query:
    """The query of `room_of`."""
    since = connection.ops.adapt_datetimefield_value(now - IN_ROOM)
    # Links, then hands: each column is NULL in the other's rows, so links go by name (3) and
    # hands by when they went up (8: raised_at, then 5: id).
    return rawsql.Query(
        _room_sql(), [since, call.group_id, call.pk], 4 + len(HAND_FIELDS), (1, 8, 5, 3, 2)
    )


HAND_FIELDS = ["id", "key", "kind", "raised_at"]  # columns 5 to 8 of `_room_sql()`


@cache
def _room_sql() -> str:
    """The working links of the group's trainees on the course (`TraineeLink.objects.active()`),
    each with whether it was seen since a moment; then the call's raised hands
    (`Hand.objects.raised()`). `room_query` puts them in order."""
    from mentorplan.room.models import TraineeLink

    link, trainee, hand = (m._meta.db_table for m in (TraineeLink, Trainee, Hand))
    nothing = ", ".join(["NULL"] * len(HAND_FIELDS))
    return (
        f"SELECT 0, t.id, t.name, l.last_seen_at >= %s, {nothing}"
        f" FROM {link} l JOIN {trainee} t ON t.id = l.trainee_id"
        " WHERE t.group_id = %s AND t.is_active AND l.revoked_at IS NULL"
        f" UNION ALL SELECT 1, t.id, t.name, NULL, {rawsql.columns(Hand, 'h', HAND_FIELDS)}"
        f" FROM {hand} h JOIN {trainee} t ON t.id = h.trainee_id"
        " WHERE h.call_id = %s AND h.cleared_at IS NULL"
    )
