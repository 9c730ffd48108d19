"""A segment kind comes from the apps: one that an app adds is offered and saved with no migration,
and a kind no app knows is refused."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mentorplan.lib.plugins import SEGMENT_KINDS
from mentorplan.plans.models import PlanTemplate
from mentorplan.testing import field_errors, make_mentor, make_plan, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairing() -> Iterator[str]:
    """A kind a new tool app would add in its AppConfig.ready()."""
    SEGMENT_KINDS.add("pairing", "Pair programming", order=45)
    yield "pairing"
    SEGMENT_KINDS.remove("pairing")


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, minutes=(10, 30))


def _add(client, plan: PlanTemplate, kind: str):
    data = {"new-title": "Pairing", "new-minutes": "15", "new-kind": kind, "new-guidance": ""}
    return client.post(reverse("plans:segment_add", args=[plan.key]), data)


def _kinds_offered(client, plan: PlanTemplate) -> list[str]:
    page = parse(client.get(reverse("plans:detail", args=[plan.key])))
    return [option.get_text() for option in page.select("#id_new-kind option")]


def test_a_kind_an_app_adds_is_offered_in_its_order(client, plan, pairing):
    offered = _kinds_offered(client, plan)

    assert offered.index("Technical mentoring") < offered.index("Pair programming")
    assert offered.index("Pair programming") < offered.index("Goal setting")
    assert offered[-1] == "Something else"


def test_a_kind_an_app_adds_can_be_saved(client, plan, pairing):
    response = _add(client, plan, "pairing")

    assert response.status_code == 302
    assert plan.segments.get(title="Pairing").kind == "pairing"


def test_a_kind_no_app_knows_is_refused_and_nothing_is_saved(client, plan):
    response = _add(client, plan, "pairing")

    assert response.status_code == 200
    assert field_errors(response, "id_new-kind")
    assert not plan.segments.filter(title="Pairing").exists()
    assert "Pair programming" not in _kinds_offered(client, plan)


def test_a_new_kind_needs_no_migration(pairing):
    out = StringIO()
    call_command("makemigrations", "plans", "calls", check=True, dry_run=True, stdout=out)

    assert "No changes detected" in out.getvalue()
