"""Small factories for tests: plain functions, sensible defaults, keyword overrides."""

import itertools

from mentorplan.accounts.models import User
from mentorplan.groups.models import Group, Membership, Role, Trainee
from mentorplan.plans.models import PlanSegment, PlanTemplate, SegmentKind

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_mentor(**fields: object) -> User:
    n = next(_counter)
    fields.setdefault("email", f"mentor{n}@example.org")
    fields.setdefault("display_name", f"Mentor {n}")
    return User.objects.create_user(password=PASSWORD, **fields)  # type: ignore[arg-type]


def make_group(mentor: User | None = None, *, role: str = Role.LEAD, **fields: object) -> Group:
    fields.setdefault("name", f"Group {next(_counter)}")
    fields.setdefault("course", "Intro to Programming")
    fields.setdefault("region", "London")
    group = Group.objects.create(**fields)
    if mentor is not None:
        Membership.objects.create(group=group, user=mentor, role=role)
    return group


def make_trainee(group: Group, **fields: object) -> Trainee:
    fields.setdefault("name", f"Trainee {next(_counter)}")
    return Trainee.objects.create(group=group, **fields)


def make_plan(
    owner: User | None, minutes: tuple[int, ...] = (10, 30, 5), **fields: object
) -> PlanTemplate:
    fields.setdefault("title", f"Plan {next(_counter)}")
    plan = PlanTemplate.objects.create(owner=owner, **fields)
    for position, length in enumerate(minutes, start=1):
        PlanSegment.objects.create(
            template=plan,
            position=position,
            kind=SegmentKind.OTHER,
            title=f"Part {position}",
            minutes=length,
        )
    return plan


def default_plan() -> PlanTemplate:
    return PlanTemplate.objects.get(owner__isnull=True, title="Standard mentoring session")
