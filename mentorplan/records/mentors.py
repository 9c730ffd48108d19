"""A mentor's own data in a group goes when their membership ends, however it ends: they leave,
a lead removes them, their account is deleted, or staff delete the membership in the admin.

Their private notes in the group and their goals as its mentor go; what they wrote for the
group (mentors' and shared notes, feedback, topics) stays with the group."""

from typing import Any

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Membership


def forget_mentor_in_group(sender: type[Membership], instance: Membership, **kwargs: Any) -> None:
    Note.objects.filter(
        call__group_id=instance.group_id, author_id=instance.user_id, level=NoteLevel.PRIVATE
    ).delete()
    Goal.objects.filter(group_id=instance.group_id, mentor_id=instance.user_id).delete()
