"""The live PEA check beside the feedback form: advice on what is typed, and nothing saved."""

import re

import pytest
from django.urls import reverse

from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Group
from mentorplan.testing import HTMX, is_partial, make_group, make_mentor, make_trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(client) -> Group:
    mentor = make_mentor()
    client.force_login(mentor)
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    return group


def _url(group: Group) -> str:
    return reverse("feedback:check", args=[group.key])


def _verdicts(response) -> dict[str, bool]:
    """Each PEA letter and whether the check is happy with it."""
    items = re.findall(
        r'<li class="smart-item (is-ok|is-advice)">\s*<span class="smart-letter"[^>]*>(\w)</span>',
        response.content.decode(),
    )
    return {letter: state == "is-ok" for state, letter in items}


def test_checking_good_feedback(client, group):
    response = client.post(
        _url(group),
        {
            "f7-precise": "Returning a value from a function",
            "f7-evidence": "Could not return a value in last week's homework",
            "f7-actionable": "Functions need another session",
            "f7-status": "concern",
        },
    )

    assert response.status_code == 200
    assert _verdicts(response) == {"P": True, "E": True, "A": True}


def test_checking_vague_feedback(client, group):
    lost = "Struggling with JavaScript and generally lost"
    response = client.post(
        _url(group), {"f7-precise": lost, "f7-evidence": lost, "f7-actionable": lost}, headers=HTMX
    )

    assert _verdicts(response) == {"P": False, "E": False, "A": False}


def test_htmx_gets_only_the_check(client, group):
    response = client.post(_url(group), {"f7-precise": "Loops"}, headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<ul class="smart"')


def test_nothing_typed_yet(client, group):
    assert _verdicts(client.post(_url(group), headers=HTMX)) == {"P": False, "E": False, "A": False}


def test_an_outsider_gets_404(client, group):
    client.force_login(make_mentor())

    assert client.post(_url(group), {"f7-precise": "Loops"}).status_code == 404


def test_wrong_method(client, group):
    trainee = group.trainees.get()

    response = client.get(
        _url(group), {f"f{trainee.pk}-precise": "Loops", f"f{trainee.pk}-status": "on_track"}
    )

    assert response.status_code == 405
    assert not Feedback.objects.exists()


def test_a_20_kb_note_is_checked_and_nothing_is_saved(client, group):
    long = "Could not return a value from a function in the homework. " * 350

    response = client.post(
        _url(group), {"f7-precise": long, "f7-evidence": long, "f7-actionable": long}
    )

    assert response.status_code == 200
    assert _verdicts(response)["E"] is True
    assert long[:100] not in response.content.decode()
    assert not Feedback.objects.exists()


def test_markup_is_not_echoed(client, group):
    response = client.post(_url(group), {"f7-precise": "<script>alert(1)</script>"})

    assert "<script>" not in response.content.decode()
