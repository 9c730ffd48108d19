import pytest
from django.urls import reverse

from mentorplan.plans.models import PlanTemplate
from mentorplan.testing import default_plan, make_mentor, make_plan, page_text, plan_rows

pytestmark = pytest.mark.django_db


def _url(plan: PlanTemplate) -> str:
    return reverse("plans:copy", args=[plan.key])


def test_copying_the_built_in_plan_gives_me_my_own_editable_copy(client, mentor):
    original = default_plan()
    original_rows = plan_rows(client.get(reverse("plans:detail", args=[original.key])))

    response = client.post(_url(original))

    copy = PlanTemplate.objects.get(owner=mentor)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[copy.key])
    page = client.get(response["Location"])
    assert plan_rows(page) == original_rows
    text = page_text(page)
    assert "This is your own copy of “Standard mentoring session”." in text
    assert "Standard mentoring session (my copy)" in text
    assert "Add a segment" in text
    assert copy.segments.get(position=1).guidance == original.segments.get(position=1).guidance
    assert original.segments.count() == 6  # the original is untouched


def test_copying_my_own_plan(client, mentor):
    mine = make_plan(mentor, title="Short call", minutes=(5, 20))

    client.post(_url(mine))

    copy = PlanTemplate.objects.exclude(pk=mine.pk).get(owner=mentor)
    assert copy.title == "Short call (my copy)"
    assert list(copy.segments.values_list("minutes", flat=True)) == [5, 20]


def test_another_mentors_plan_cannot_be_copied(client, mentor):
    theirs = make_plan(make_mentor())

    assert client.post(_url(theirs)).status_code == 404
    assert not PlanTemplate.objects.filter(owner=mentor).exists()


def test_wrong_method(client, mentor):
    assert client.get(_url(default_plan())).status_code == 405
    assert not PlanTemplate.objects.filter(owner=mentor).exists()
