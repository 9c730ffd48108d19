"""Fixtures for the wrap-up tests: a mentor signed in, their group, and a session at Wrap up."""

import pytest

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    at_segment,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
)


@pytest.fixture
def mentor(client) -> User:
    mentor = make_mentor(timezone="Europe/London")
    client.force_login(mentor)
    return mentor


@pytest.fixture
def group(mentor) -> Group:
    return make_group(mentor, name="Tuesday buddies")


@pytest.fixture
def amal(group) -> Trainee:
    return make_trainee(group, name="Amal")


@pytest.fixture
def call(group, amal) -> Call:
    """A live session of the mentor's group, at its Wrap up segment."""
    return at_segment(make_call(group), SegmentKind.WRAP_UP)


@pytest.fixture
def outsider(client) -> User:
    """A mentor of another group, signed in instead of the group's mentor."""
    other = make_mentor()
    make_trainee(make_group(other))
    client.force_login(other)
    return other
