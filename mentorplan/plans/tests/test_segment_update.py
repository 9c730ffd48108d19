import pytest
from django.urls import reverse

from mentorplan.plans.forms import MINUTES_MESSAGE
from mentorplan.plans.models import PlanSegment
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


@pytest.fixture
def segment(client) -> PlanSegment:
    mentor = make_mentor()
    client.force_login(mentor)
    return make_plan(mentor, minutes=(10, 30, 5)).segments.get(position=2)


def _url(segment: PlanSegment) -> str:
    return reverse("plans:segment_update", args=[segment.key])


def _form(segment: PlanSegment, **overrides: str) -> dict[str, str]:
    data = {
        "title": "Pair programming",
        "minutes": "45",
        "kind": "technical",
        "flexible": "on",
        "guidance": "One drives, one navigates.",
    }
    data.update(overrides)
    return {f"s{segment.pk}-{name}": value for name, value in data.items()}


def _saved(segment: PlanSegment) -> tuple[object, ...]:
    segment.refresh_from_db()
    return segment.title, segment.minutes, segment.kind, segment.flexible, segment.guidance


def test_retiming_and_renaming_a_segment_updates_the_total(client, segment):
    response = client.post(_url(segment), _form(segment))

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[segment.template.key])
    assert _saved(segment) == (
        "Pair programming",
        45,
        "technical",
        True,
        "One drives, one navigates.",
    )
    page = client.get(response["Location"])
    assert plan_rows(page)[1] == ("Pair programming", 45, True)
    assert plan_total(page) == 60
    assert "“Pair programming” saved." in page_text(page)


def test_htmx_gets_the_editor_with_the_new_total(client, segment):
    response = client.post(_url(segment), _form(segment, flexible=""), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert plan_rows(response)[1] == ("Pair programming", 45, False)
    assert plan_total(response) == 60


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "0", MINUTES_MESSAGE),
        ("minutes", "-5", MINUTES_MESSAGE),
        ("minutes", "600", MINUTES_MESSAGE),
        ("minutes", "abc", MINUTES_MESSAGE),
        ("minutes", "", MINUTES_MESSAGE),
        ("title", "", "Give the segment a name."),
        ("title", "   ", "Give the segment a name."),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_bad_input_is_refused_with_a_message_and_nothing_changes(
    client, segment, field, value, message, headers
):
    before = _saved(segment)

    response = client.post(_url(segment), _form(segment, **{field: value}), headers=headers)

    assert response.status_code == 200
    assert is_partial(response) == bool(headers)
    assert field_errors(response, f"id_s{segment.pk}-{field}") == [message]
    assert _saved(segment) == before
    assert plan_rows(response)[1] == ("Part 2", 30, False)
    assert plan_total(response) == 45


def test_segments_of_the_built_in_plan_cannot_be_changed(client, segment):
    builtin_segment = default_plan().segments.get(position=4)
    before = _saved(builtin_segment)

    response = client.post(_url(builtin_segment), _form(builtin_segment))

    assert response.status_code == 404
    assert _saved(builtin_segment) == before


def test_another_mentors_segment_is_404(client, segment):
    before = _saved(segment)
    client.force_login(make_mentor())

    assert client.post(_url(segment), _form(segment)).status_code == 404
    assert _saved(segment) == before


def test_wrong_method(client, segment):
    assert client.get(_url(segment)).status_code == 405
