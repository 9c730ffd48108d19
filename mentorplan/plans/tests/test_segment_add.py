import pytest
from django.urls import reverse

from mentorplan.plans.forms import MINUTES_MESSAGE
from mentorplan.plans.models import PlanSegment, PlanTemplate
from mentorplan.testing import (
    HTMX,
    default_plan,
    field_errors,
    is_partial,
    make_mentor,
    make_plan,
    page_text,
    plan_rows,
    plan_total,
)

pytestmark = pytest.mark.django_db


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "new-title": "Code review",
        "new-minutes": "15",
        "new-kind": "technical",
        "new-flexible": "on",
        "new-guidance": "Read one pull request together.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, minutes=(10, 30))


def _url(plan: PlanTemplate) -> str:
    return reverse("plans:segment_add", args=[plan.key])


def test_adding_a_segment_puts_it_last_and_updates_the_total(client, plan):
    response = client.post(_url(plan), _form())

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.key])
    page = client.get(response["Location"])
    assert plan_rows(page) == [
        ("Part 1", 10, False),
        ("Part 2", 30, False),
        ("Code review", 15, True),
    ]
    assert plan_total(page) == 55
    assert "“Code review” added." in page_text(page)
    added = plan.segments.get(title="Code review")
    assert (added.position, added.kind, added.guidance) == (
        3,
        "technical",
        "Read one pull request together.",
    )


def test_htmx_gets_the_editor_with_the_new_segment(client, plan):
    response = client.post(_url(plan), _form(**{"new-flexible": ""}), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert plan_rows(response)[-1] == ("Code review", 15, False)
    assert plan_total(response) == 55


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "0", MINUTES_MESSAGE),
        ("minutes", "-5", MINUTES_MESSAGE),
        ("minutes", "600", MINUTES_MESSAGE),
        ("minutes", "abc", MINUTES_MESSAGE),
        ("minutes", "", MINUTES_MESSAGE),
        ("title", "", "Give the segment a name."),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_bad_input_is_refused_with_a_message_and_nothing_is_added(
    client, plan, field, value, message, headers
):
    response = client.post(_url(plan), _form(**{f"new-{field}": value}), headers=headers)

    assert response.status_code == 200
    assert is_partial(response) == bool(headers)
    assert field_errors(response, f"id_new-{field}") == [message]
    assert plan.segments.count() == 2
    assert plan_total(response) == 40


def test_the_built_in_plan_gets_no_new_segments(client, plan):
    builtin = default_plan()

    assert client.post(_url(builtin), _form()).status_code == 404
    assert builtin.segments.count() == 6


def test_another_mentors_plan_is_404(client, plan):
    client.force_login(make_mentor())

    assert client.post(_url(plan), _form()).status_code == 404
    assert not PlanSegment.objects.filter(title="Code review").exists()


def test_wrong_method(client, plan):
    assert client.get(_url(plan)).status_code == 405
