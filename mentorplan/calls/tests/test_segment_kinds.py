"""A session's segments take their kinds from the apps, as plan segments do: a kind a tool app
registers shows by its label on the session's copy too."""

from collections.abc import Iterator

import pytest
from django.db import IntegrityError

from mentorplan.calls.models import CallSegment
from mentorplan.lib.plugins import SEGMENT_KINDS
from mentorplan.plans.models import PlanSegment
from mentorplan.testing import make_call, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing() -> Iterator[str]:
    """A kind a new tool app would add in its AppConfig.ready()."""
    SEGMENT_KINDS.add("pairing", "Pair programming", order=45)
    yield "pairing"
    SEGMENT_KINDS.remove("pairing")


def _session_with_pairing(group, mentor) -> CallSegment:
    plan = make_plan(mentor, minutes=(10, 30))
    PlanSegment.objects.filter(template=plan, position=2).update(kind="pairing", title="Pairs")
    call = make_call(group, plan)
    return call.segments.get(title="Pairs")


def test_a_kind_an_app_registers_shows_by_its_label(group, mentor, pairing):
    segment = _session_with_pairing(group, mentor)

    assert segment.kind == "pairing"
    assert segment.get_kind_display() == "Pair programming"
    segment.full_clean()  # a registered kind is a valid one


def test_a_segment_without_a_kind_is_refused_by_the_database(group):
    segment = make_call(group).segments.first()
    assert segment is not None

    with pytest.raises(IntegrityError):
        CallSegment.objects.filter(pk=segment.pk).update(kind="")
