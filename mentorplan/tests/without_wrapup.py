"""Pages that must work when the wrap-up app is left out. Not collected with the suite (the name
has no `test_` in front): test_without_wrapup.py runs this module in its own process with
`mentorplan.settings_without_wrapup`."""

import pytest
from django.apps import apps
from django.urls import reverse

from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    at_segment,
    end_call,
    make_call,
    make_trainee,
    page_text,
    parse,
    start_call,
)

pytestmark = pytest.mark.django_db


def _links(response) -> list[str]:
    return [str(a["href"]) for a in parse(response).find_all("a", href=True)]


def test_the_wrapup_app_is_left_out():
    assert not apps.is_installed("mentorplan.wrapup")


def test_the_group_page_shows_the_other_panels_and_no_progress(client, group):
    response = client.get(reverse("groups:detail", args=[group.key]))

    assert response.status_code == 200
    cards = [section["id"] for section in parse(response).select("section.card")]
    assert cards[:3] == ["sessions", "goals-summary", "checkins"]
    assert "progress" not in cards
    assert not [link for link in _links(response) if "/wrap-up/" in link]


def test_the_runner_works_in_every_segment_of_the_default_plan(client, group):
    make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    kinds = list(call.segments.values_list("kind", flat=True))
    assert SegmentKind.WRAP_UP in kinds

    for kind in kinds:
        at_segment(call, kind)
        response = client.get(reverse("calls:detail", args=[call.key]))

        assert response.status_code == 200, kind
        assert "Before you say goodbye" not in page_text(response)  # the wrap-up tool's heading
        assert not [link for link in _links(response) if "/wrap-up/" in link]


def test_the_finished_page_works_without_the_summary_button(client, group):
    call = end_call(start_call(make_call(group)))

    response = client.get(reverse("calls:detail", args=[call.key]))

    assert response.status_code == 200
    assert "Planned and actual" in page_text(response)
    assert "Summary to share on Slack" not in page_text(response)
    assert not [link for link in _links(response) if "/wrap-up/" in link]


@pytest.mark.parametrize("name", ["accounts:profile", "plans:list"])
def test_pages_that_link_to_the_wrapup_pages_leave_the_links_out(client, mentor, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert not [link for link in _links(response) if "/wrap-up/" in link]
