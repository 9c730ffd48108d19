import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanSegment, PlanTemplate
from mentorplan.testing import HTMX, default_plan, is_partial, make_mentor, make_plan, plan_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, minutes=(10, 20, 30))


def _segment(plan: PlanTemplate, title: str) -> PlanSegment:
    return plan.segments.get(title=title)


def _url(segment: PlanSegment) -> str:
    return reverse("plans:segment_move", args=[segment.key])


def _order(plan: PlanTemplate) -> list[str]:
    return list(plan.segments.order_by("position").values_list("title", flat=True))


def test_moving_a_segment_up(client, plan):
    response = client.post(_url(_segment(plan, "Part 3")), {"direction": "up"})

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.key])
    assert _order(plan) == ["Part 1", "Part 3", "Part 2"]
    page = client.get(response["Location"])
    assert [title for title, _, _ in plan_rows(page)] == ["Part 1", "Part 3", "Part 2"]


def test_moving_a_segment_down(client, plan):
    client.post(_url(_segment(plan, "Part 1")), {"direction": "down"})

    assert _order(plan) == ["Part 2", "Part 1", "Part 3"]


def test_htmx_gets_the_editor_in_the_new_order(client, plan):
    response = client.post(_url(_segment(plan, "Part 2")), {"direction": "down"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert [title for title, _, _ in plan_rows(response)] == ["Part 1", "Part 3", "Part 2"]


@pytest.mark.parametrize(("title", "direction"), [("Part 1", "up"), ("Part 3", "down")])
def test_the_ends_stay_put(client, plan, title, direction):
    response = client.post(_url(_segment(plan, title)), {"direction": direction})

    assert response.status_code == 302
    assert _order(plan) == ["Part 1", "Part 2", "Part 3"]


@pytest.mark.parametrize("direction", ["", "sideways"])
def test_a_direction_other_than_up_or_down_is_refused(client, plan, direction):
    response = client.post(_url(_segment(plan, "Part 2")), {"direction": direction})

    assert response.status_code == 200
    assert "Choose to move the segment up or down." in response.content.decode()
    assert _order(plan) == ["Part 1", "Part 2", "Part 3"]


def test_segments_of_the_built_in_plan_cannot_be_moved(client, plan):
    builtin = default_plan()
    before = _order(builtin)

    response = client.post(_url(builtin.segments.get(position=2)), {"direction": "up"})

    assert response.status_code == 404
    assert _order(builtin) == before


def test_another_mentors_segment_is_404(client, plan):
    client.force_login(make_mentor())

    assert client.post(_url(_segment(plan, "Part 2")), {"direction": "up"}).status_code == 404
    assert _order(plan) == ["Part 1", "Part 2", "Part 3"]


def test_wrong_method(client, plan):
    assert client.get(_url(_segment(plan, "Part 2"))).status_code == 405
