"""A group with a lead and a co-mentor, each with a private note, a mentors' note and a goal of
their own in its session: what leaving, removing and deleting an account act on."""

from dataclasses import dataclass

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.goals.models import Goal
from mentorplan.groups.models import Group, Membership, Role
from mentorplan.testing import make_call, make_goal, make_group, make_mentor, make_trainee


@dataclass
class TwoMentors:
    lead: User
    co_mentor: User
    group: Group
    call: Call

    @property
    def co_membership(self) -> Membership:
        return self.group.memberships.get(user=self.co_mentor)


def write_note(call: Call, author: User, level: str, body: str, position: int = 0) -> Note:
    return Note.objects.create(
        call=call,
        segment=call.segments.get(position=position),
        level=level,
        author=author,
        updated_by=author,
        body=body,
    )


def two_mentors(lead: User | None = None) -> TwoMentors:
    lead = lead or make_mentor(display_name="Lee")
    co_mentor = make_mentor(display_name="Cory")
    group = make_group(lead, name="Thursday group")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    make_trainee(group, name="Amal")
    call = make_call(group)
    for mentor in (lead, co_mentor):
        name = mentor.display_name
        write_note(call, mentor, NoteLevel.PRIVATE, f"{name}'s private thoughts")
        write_note(
            call,
            mentor,
            NoteLevel.MENTORS,
            f"{name} for the mentors",
            position=1 if mentor == lead else 2,
        )
        make_goal(mentor, group, text=f"{name}'s own goal")
    return TwoMentors(lead=lead, co_mentor=co_mentor, group=group, call=call)


def note_bodies(group: Group) -> set[str]:
    return set(Note.objects.filter(call__group=group).values_list("body", flat=True))


def goal_texts(group: Group) -> set[str]:
    return set(Goal.objects.filter(group=group).values_list("text", flat=True))
