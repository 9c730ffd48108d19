import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanTemplate
from mentorplan.testing import (
    HTMX,
    default_plan,
    is_partial,
    make_mentor,
    make_plan,
    plan_rows,
    plan_total,
)

pytestmark = pytest.mark.django_db


def _url(plan: PlanTemplate) -> str:
    return reverse("plans:detail", args=[plan.key])


def test_the_built_in_plan_is_the_six_part_session(client, mentor):
    response = client.get(_url(default_plan()))

    assert response.status_code == 200
    assert plan_rows(response) == [
        ("Welcome & chit chat", 10, False),
        ("Goal catch-up", 5, False),
        ("Recap & orientation", 10, False),
        ("Technical mentoring", 30, True),
        ("Goal setting", 10, True),
        ("Wrap up", 5, False),
    ]
    assert plan_total(response) == 70


def test_the_built_in_plan_offers_a_copy_and_no_editing(client, mentor):
    plan = default_plan()

    content = client.get(_url(plan)).content.decode()

    assert "Built in" in content
    assert f'action="{reverse("plans:copy", args=[plan.key])}"' in content
    assert "Add a segment" not in content
    assert "segment_move" not in content
    for segment in plan.segments.all():
        assert reverse("plans:segment_update", args=[segment.key]) not in content


def test_my_plan_shows_its_segments_total_and_editing_tools(client, mentor):
    plan = make_plan(mentor, minutes=(15, 40))

    response = client.get(_url(plan))

    assert plan_rows(response) == [("Part 1", 15, False), ("Part 2", 40, False)]
    assert plan_total(response) == 55
    content = response.content.decode()
    assert "Add a segment" in content
    for segment in plan.segments.all():
        assert f'action="{reverse("plans:segment_update", args=[segment.key])}"' in content


def test_htmx_gets_only_the_editor(client, mentor):
    plan = make_plan(mentor, minutes=(15, 40))

    response = client.get(_url(plan), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<div id="plan-editor">')
    assert plan_total(response) == 55


def test_the_page_varies_with_the_htmx_header(client, mentor):
    """A browser must not show the cached fragment when the full page is asked for."""
    plan = make_plan(mentor)

    for headers in [{}, HTMX]:
        response = client.get(_url(plan), headers=headers)
        assert "HX-Request" in response.get("Vary", "")


def test_another_mentors_plan_is_404(client, mentor):
    plan = make_plan(make_mentor(), title="Secret plan")

    response = client.get(_url(plan))

    assert response.status_code == 404
    assert "Secret plan" not in response.content.decode()


def test_wrong_method(client, mentor):
    assert client.post(_url(make_plan(mentor))).status_code == 405
