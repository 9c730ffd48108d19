"""What is written during a session: notes at three levels, and who was there."""

import functools
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.db import connection, models, transaction

from mentorplan.groups.models import Group, Membership, Trainee
from mentorplan.lib import rawsql
from mentorplan.lib.rawsql import uuid_param
from mentorplan.lib.versioned import Versioned

if TYPE_CHECKING:
    from mentorplan.accounts.models import User
    from mentorplan.calls.models.call import Call
    from mentorplan.calls.models.segment import CallSegment


class NoteLevel(models.TextChoices):
    PRIVATE = "private", "Private — only you"
    MENTORS = "mentors", "Mentors — you and your co-mentors"
    SHARED = "shared", "Shared — mentors and trainees"


def private_notes_go_with_their_author(collector, field, sub_objs, using) -> None:
    """When a mentor's account is deleted, their private notes are deleted with it; the
    mentors' and shared notes they wrote belong to the group and stay, with no author."""
    models.CASCADE(collector, field, sub_objs.filter(level=NoteLevel.PRIVATE), using)
    models.SET_NULL(collector, field, sub_objs.exclude(level=NoteLevel.PRIVATE), using)


private_notes_go_with_their_author.lazy_sub_objs = True  # type: ignore[attr-defined]


class NoteQuerySet(models.QuerySet["Note"]):
    def visible_to(self, user: "User") -> "NoteQuerySet":
        """Notes a mentor may read: their own private ones and every non-private one."""
        return self.filter(
            models.Q(call__group__in=Group.objects.for_user(user))
            & (~models.Q(level=NoteLevel.PRIVATE) | models.Q(author=user))
        )

    def on_segment(
        self, user: "User", segment: "CallSegment", rows: list[tuple[Any, ...]] | None = None
    ) -> tuple["Note", ...]:
        """`visible_to(user).filter(segment=segment)`, written out: the runner and its room's
        redraw read them on every draw, and the ORM took ten times as long to build the query
        as the database to answer it. The rule is `visible_to`'s, and a test holds the two
        together: notes of a session of one of the user's groups, a private one only for its
        author. `rows`: the answer to `on_segment_query`, if asked already."""
        if rows is None:
            rows = rawsql.ask(self.on_segment_query(user, segment))
        return tuple(rawsql.instance(Note, row) for row in rows)

    def on_segment_query(self, user: "User", segment: "CallSegment") -> rawsql.Query:
        """The query of `on_segment`, to ask with others in one trip."""
        params = [user.pk, segment.pk, NoteLevel.PRIVATE, user.pk]
        return rawsql.Query(_on_segment_sql(), params, width=len(Note._meta.concrete_fields))

    def shared(self) -> "NoteQuerySet":
        return self.filter(level=NoteLevel.SHARED)

    def resave(
        self,
        user: "User",
        segment_key: "UUID",
        trainee_key: "UUID | None",
        level: str,
        version: int,
        body: str,
        now: datetime,
    ) -> bool:
        """The everyday autosave in one conditional UPDATE: the note `user` may write on that
        segment (about that trainee, at that level) gets `body` if it is still at `version`.
        False when there is no such note yet, or someone saved it first (then the caller takes
        the slower way that creates the note or shows the conflict)."""
        # Written out: building this with the ORM costs several times the write itself, on the
        # request every open screen sends as its mentor types. The version is checked on the row
        # being updated, not inside the subquery that finds it: PostgreSQL checks that condition
        # again on the newest row when two saves meet.
        ops, table = connection.ops, _tables()
        sql = (
            f"UPDATE {table['note']} SET body = %s, updated_by_id = %s, updated_at = %s,"
            " version = version + 1 WHERE version = %s AND id IN ("
            f"SELECT n.id FROM {table['note']} n JOIN {table['segment']} s ON s.id = n.segment_id"
            f" JOIN {table['call']} c ON c.id = n.call_id"
            f" JOIN {table['membership']} m ON m.group_id = c.group_id AND m.user_id = %s"
            " WHERE s.key = %s AND n.level = %s"
        )
        params: list[Any] = [body, user.pk, ops.adapt_datetimefield_value(now), version, user.pk]
        params += [uuid_param(segment_key), level]
        if trainee_key:
            sql += f" AND n.trainee_id = (SELECT id FROM {table['trainee']} WHERE key = %s)"
            params.append(uuid_param(trainee_key))
        else:
            sql += " AND n.trainee_id IS NULL"
        if level == NoteLevel.PRIVATE:
            sql += " AND n.author_id = %s"
            params.append(user.pk)
        with connection.cursor() as cursor:
            cursor.execute(sql + ")", params)
            changed = cursor.rowcount
        return changed == 1


class Note(Versioned):
    """A note on a segment, optionally about one trainee, at one of three levels.

    A private note belongs to its author; a mentors' or shared note is one text the group's
    mentors edit together, with `version` guarding against silent overwrites.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="notes")
    segment = models.ForeignKey("calls.CallSegment", on_delete=models.CASCADE, related_name="notes")
    trainee = models.ForeignKey(
        Trainee, null=True, blank=True, on_delete=models.CASCADE, related_name="call_notes"
    )
    level = models.CharField(max_length=10, choices=NoteLevel)
    # Null only for a mentors' or shared note whose author has deleted their account.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=private_notes_go_with_their_author,
        related_name="+",
    )
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=NoteLevel.values), name="note_level_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(level="private") | models.Q(author__isnull=False),
                name="private_note_has_author",
            ),
            models.UniqueConstraint(
                fields=["segment", "author"],
                condition=models.Q(level="private", trainee__isnull=True),
                name="one_private_segment_note_per_author",
            ),
            models.UniqueConstraint(
                fields=["segment", "trainee", "author"],
                condition=models.Q(level="private", trainee__isnull=False),
                name="one_private_trainee_note_per_author",
            ),
            models.UniqueConstraint(
                fields=["segment", "level"],
                condition=~models.Q(level="private") & models.Q(trainee__isnull=True),
                name="one_group_segment_note_per_level",
            ),
            models.UniqueConstraint(
                fields=["segment", "trainee", "level"],
                condition=~models.Q(level="private") & models.Q(trainee__isnull=False),
                name="one_group_trainee_note_per_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} note on {self.segment}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Here"
    LATE = "late", "Late"
    ABSENT = "absent", "Away"


class Attendance(models.Model):
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=AttendanceStatus)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "trainee"], name="one_attendance_per_trainee"),
            models.CheckConstraint(
                condition=models.Q(status__in=AttendanceStatus.values),
                name="attendance_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_status_display()}"

    @classmethod
    def mark(cls, call: "Call", trainee: Trainee, status: str) -> bool:
        """Say that `trainee` is here, late or away; whether that changed what was said. The
        same press twice (a double click, or two mentors at once) changes nothing the second
        time: the row is read locked, so the second press waits for the first and finds it."""
        with transaction.atomic():
            row, created = cls.objects.select_for_update().get_or_create(
                call=call, trainee=trainee, defaults={"status": status}
            )
            if created or row.status == status:
                return created
            row.status = status
            row.save(update_fields=["status", "updated_at"])
            return True


@functools.cache
def _on_segment_sql() -> str:
    table = _tables()
    return (
        f"SELECT {rawsql.columns(Note, 'n')} FROM {table['note']} n"
        f" JOIN {table['call']} c ON c.id = n.call_id"
        f" JOIN {table['membership']} m ON m.group_id = c.group_id AND m.user_id = %s"
        " WHERE n.segment_id = %s AND (n.level <> %s OR n.author_id = %s)"
    )


@functools.cache
def _tables() -> dict[str, str]:
    """The tables `resave` and `on_segment` write out, by their names in this code."""
    linked = {name: Note._meta.get_field(name).related_model for name in ("segment", "call")}
    return {
        "note": Note._meta.db_table,
        "segment": linked["segment"]._meta.db_table,  # type: ignore[union-attr]
        "call": linked["call"]._meta.db_table,  # type: ignore[union-attr]
        "membership": Membership._meta.db_table,
        "trainee": Trainee._meta.db_table,
    }
