import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanSegment, PlanTemplate
from mentorplan.testing import default_plan, make_mentor, make_plan, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(client) -> PlanTemplate:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, title="Old plan")


def _url(plan: PlanTemplate) -> str:
    return reverse("plans:delete", args=[plan.key])


def test_deleting_my_plan(client, plan):
    response = client.post(_url(plan))

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:list")
    assert not PlanTemplate.objects.filter(pk=plan.pk).exists()
    assert not PlanSegment.objects.filter(template_id=plan.pk).exists()
    text = page_text(client.get(response["Location"]))
    assert "“Old plan” is deleted." in text
    assert client.get(reverse("plans:detail", args=[plan.key])).status_code == 404


def test_the_built_in_plan_cannot_be_deleted(client, plan):
    builtin = default_plan()

    assert client.post(_url(builtin)).status_code == 404
    assert builtin.segments.count() == 6


def test_another_mentors_plan_is_404(client, plan):
    client.force_login(make_mentor())

    assert client.post(_url(plan)).status_code == 404
    assert PlanTemplate.objects.filter(pk=plan.pk).exists()


def test_wrong_method(client, plan):
    assert client.get(_url(plan)).status_code == 405
    assert PlanTemplate.objects.filter(pk=plan.pk).exists()
