"""Feedback for the course team, per trainee per session: a status with reasons and a PEA note."""

import pytest
from django.urls import reverse

from mentorplan.calls.models import Call
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import (
    HTMX,
    at_segment,
    field_errors,
    is_partial,
    make_call,
    make_feedback,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
)

pytestmark = pytest.mark.django_db

LONG = "Could not return a value from a function in the homework. " * 350  # > 20,000
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PEA = ["precise", "evidence", "actionable"]


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor(display_name="Sam")
    client.force_login(mentor)
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return at_segment(make_call(group), SegmentKind.TECHNICAL)


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _url(call: Call, trainee: Trainee) -> str:
    return reverse("feedback:save", args=[call.key, trainee.key])


def _data(trainee: Trainee, **fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "status": "concern",
        "reasons": ["falling_behind"],
        "precise": "Returning a value from a function",
        "evidence": "Could not return a value in last week's homework",
        "actionable": "Functions need another session",
    }
    values.update(fields)
    return {f"f{trainee.pk}-{name}": value for name, value in values.items()}


def _saved() -> list[tuple[object, ...]]:
    return list(
        Feedback.objects.order_by("trainee__name").values_list(
            "trainee__name", "status", "reasons", "precise", "evidence", "actionable"
        )
    )


def test_giving_feedback(client, call, amal):
    response = client.post(_url(call, amal), _data(amal))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _saved() == [
        (
            "Amal",
            "concern",
            ["falling_behind"],
            "Returning a value from a function",
            "Could not return a value in last week's homework",
            "Functions need another session",
        )
    ]
    feedback = Feedback.objects.get()
    assert (feedback.call, feedback.author) == (call, call.created_by)
    page = page_text(client.get(response["Location"]))
    assert "Feedback on Amal saved." in page
    assert "Functions need another session" in page


def test_giving_it_again_changes_the_one_record(client, call, amal):
    client.post(_url(call, amal), _data(amal))
    client.post(
        _url(call, amal),
        _data(
            amal,
            status="on_track",
            reasons=[],
            actionable="Pair on a kata next session",
            version=1,
        ),
    )

    assert _saved() == [
        (
            "Amal",
            "on_track",
            [],
            "Returning a value from a function",
            "Could not return a value in last week's homework",
            "Pair on a kata next session",
        )
    ]


def test_beyond_with_reasons(client, call, amal):
    client.post(
        _url(call, amal),
        _data(amal, status="beyond", reasons=["technically_strong", "needs_extension"]),
    )

    assert _saved()[0][1:3] == ("beyond", ["technically_strong", "needs_extension"])


def test_on_track_needs_no_note(client, call, amal):
    client.post(
        _url(call, amal),
        _data(amal, status="on_track", reasons=[], precise="", evidence="", actionable=""),
    )

    assert _saved() == [("Amal", "on_track", [], "", "", "")]


def test_htmx_gets_the_feedback_tool_back_with_the_pea_check(client, call, amal):
    response = client.post(_url(call, amal), _data(amal, actionable="Good luck"), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="tool" id="feedback-tool"')
    assert "Say what should happen next" in page_text(response)
    assert len(_saved()) == 1


def test_an_outsider_gets_404_and_nothing_changes(client, call, amal):
    client.force_login(make_mentor())

    assert client.post(_url(call, amal), _data(amal)).status_code == 404
    assert _saved() == []


def test_a_trainee_of_another_group_is_404(client, call):
    stranger = make_trainee(make_group(make_mentor()), name="Stranger")

    assert client.post(_url(call, stranger), _data(stranger)).status_code == 404
    assert _saved() == []


def test_wrong_method(client, call, amal):
    assert client.get(_url(call, amal)).status_code == 405


@pytest.mark.parametrize("field", PEA)
def test_a_20_kb_note_is_refused_and_nothing_is_saved(client, call, amal, field):
    make_feedback(call, amal, status="on_track")
    before = _saved()

    response = client.post(_url(call, amal), _data(amal, **{field: LONG}))

    assert _saved() == before
    message = "Keep it under 4,000 characters"
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, amal), _data(amal, **{field: LONG}), headers=HTMX)
    assert htmx.status_code == 200
    assert any(message in e for e in field_errors(htmx, f"id_f{amal.pk}-{field}"))
    assert _saved() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "great"}, "Choose on track, concern or beyond."),
        ({"reasons": ["lazy"]}, "Choose reasons from the list."),
        (
            {"status": "concern", "reasons": [], "precise": "", "evidence": "", "actionable": ""},
            "Say what the concern or the extra need is",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(client, call, amal, fields, message):
    response = client.post(_url(call, amal), _data(amal, **fields))

    assert _saved() == []
    assert message in page_text(client.get(response["Location"]))
    htmx = client.post(_url(call, amal), _data(amal, **fields), headers=HTMX)
    assert message in page_text(htmx)
    assert _saved() == []


@pytest.mark.parametrize("evil", [SCRIPT, IMG])
def test_markup_is_stored_as_text_and_shown_inert(client, call, amal, evil):
    client.post(_url(call, amal), _data(amal, **dict.fromkeys(PEA, evil)))

    assert _saved()[0][3:] == (evil, evil, evil)
    content = client.get(reverse("calls:detail", args=[call.key])).content.decode()
    assert evil not in content
    assert content.count(evil.replace("<", "&lt;").replace(">", "&gt;")) == 3
