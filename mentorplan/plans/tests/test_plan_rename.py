import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanTemplate
from mentorplan.testing import (
    HTMX,
    default_plan,
    field_errors,
    is_partial,
    make_mentor,
    make_plan,
    page_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, title="Old name", description="Old words")


def _url(plan: PlanTemplate) -> str:
    return reverse("plans:rename", args=[plan.key])


def _saved(plan: PlanTemplate) -> tuple[str, str]:
    plan.refresh_from_db()
    return plan.title, plan.description


def test_renaming_my_plan(client, plan):
    response = client.post(_url(plan), {"title": "Exam week", "description": "Shorter recap"})

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.key])
    assert _saved(plan) == ("Exam week", "Shorter recap")
    text = page_text(client.get(response["Location"]))
    assert "Plan name saved." in text
    assert "Exam week" in text


def test_htmx_gets_the_editor_with_the_new_name(client, plan):
    response = client.post(_url(plan), {"title": "Exam week", "description": ""}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert "<h1>Exam week</h1>" in response.content.decode()
    assert _saved(plan) == ("Exam week", "")


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_an_empty_name_is_refused_and_nothing_changes(client, plan, headers):
    response = client.post(_url(plan), {"title": "  ", "description": "New words"}, headers=headers)

    assert response.status_code == 200
    assert is_partial(response) == bool(headers)
    assert field_errors(response, "id_title") == ["Give the plan a name."]
    assert "<h1>Old name</h1>" in response.content.decode()
    assert _saved(plan) == ("Old name", "Old words")


def test_the_built_in_plan_cannot_be_renamed(client, plan):
    builtin = default_plan()

    response = client.post(_url(builtin), {"title": "Hacked", "description": ""})

    assert response.status_code == 404
    assert _saved(builtin)[0] == "Standard mentoring session"


def test_another_mentors_plan_is_404(client, plan):
    client.force_login(make_mentor())

    assert client.post(_url(plan), {"title": "Hacked", "description": ""}).status_code == 404
    assert _saved(plan) == ("Old name", "Old words")


def test_wrong_method(client, plan):
    assert client.get(_url(plan)).status_code == 405
