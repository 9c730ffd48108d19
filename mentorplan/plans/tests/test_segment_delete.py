import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanSegment, PlanTemplate
from mentorplan.testing import (
    HTMX,
    default_plan,
    is_partial,
    make_mentor,
    make_plan,
    page_text,
    plan_rows,
    plan_total,
)

pytestmark = pytest.mark.django_db

LAST_ONE = "A plan needs at least one segment, so the last one stays."


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, minutes=(10, 20, 30))


def _url(segment: PlanSegment) -> str:
    return reverse("plans:segment_delete", args=[segment.key])


def _order(plan: PlanTemplate) -> list[tuple[int, str]]:
    return list(plan.segments.values_list("position", "title"))


def test_removing_a_segment_closes_the_gap_and_updates_the_total(client, plan):
    response = client.post(_url(plan.segments.get(title="Part 2")))

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.key])
    assert _order(plan) == [(1, "Part 1"), (2, "Part 3")]
    page = client.get(response["Location"])
    assert plan_rows(page) == [("Part 1", 10, False), ("Part 3", 30, False)]
    assert plan_total(page) == 40
    assert "“Part 2” removed." in page_text(page)


def test_htmx_gets_the_editor_without_the_segment(client, plan):
    response = client.post(_url(plan.segments.get(title="Part 1")), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert plan_rows(response) == [("Part 2", 20, False), ("Part 3", 30, False)]
    assert plan_total(response) == 50


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_the_last_segment_stays(client, headers):
    mentor = make_mentor()
    client.force_login(mentor)
    plan = make_plan(mentor, minutes=(25,))

    response = client.post(_url(plan.segments.get()), headers=headers)

    assert response.status_code == 200
    assert is_partial(response) == bool(headers)
    assert LAST_ONE in response.content.decode()
    assert _order(plan) == [(1, "Part 1")]
    assert plan_rows(response) == [("Part 1", 25, False)]


def test_segments_of_the_built_in_plan_cannot_be_removed(client, plan):
    builtin = default_plan()

    assert client.post(_url(builtin.segments.get(position=6))).status_code == 404
    assert builtin.segments.count() == 6


def test_another_mentors_segment_is_404(client, plan):
    client.force_login(make_mentor())

    assert client.post(_url(plan.segments.get(title="Part 2"))).status_code == 404
    assert len(_order(plan)) == 3


def test_wrong_method(client, plan):
    assert client.get(_url(plan.segments.get(title="Part 2"))).status_code == 405
    assert len(_order(plan)) == 3
