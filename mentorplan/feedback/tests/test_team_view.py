"""The team view: check-ins with staleness, patterns across trainees, all feedback of a group."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Group, Membership, Role
from mentorplan.recap.models import TopicPerson, TopicStatus
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_feedback,
    make_group,
    make_history,
    make_mentor,
    make_topic,
    make_trainee,
    page_text,
    parse,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def group(client) -> Group:
    mentor = make_mentor(display_name="Sam")
    client.force_login(mentor)
    group = make_group(mentor, name="Evening group")
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    return group


@pytest.fixture
def call(group) -> Call:
    return end_call(make_call(group, scheduled_at=timezone.now() - timedelta(days=3)))


def _url(group: Group) -> str:
    return reverse("feedback:team", args=[group.key])


def _feedback_rows(response) -> list[list[str]]:
    """The 'All feedback' table as text, one list of cells per row."""
    content = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", content, re.DOTALL)
    if body is None:
        return []
    cells = [
        re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        for row in re.findall(r"<tr>(.*?)</tr>", body[1], re.DOTALL)
    ]
    return [
        [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()) for c in row]
        for row in cells
    ]


def test_the_team_view(client, group, call):
    amal = group.trainees.get(name="Amal")
    make_feedback(call, amal, status="concern", reasons=["falling_behind", "missed_sessions"])

    response = client.get(_url(group))

    assert response.status_code == 200
    assert not is_partial(response)
    text = page_text(response)
    assert "Feedback for the course team" in text
    assert "Check-ins" in text
    rows = _feedback_rows(response)
    assert len(rows) == 1
    assert rows[0][1:] == [
        "Amal",
        "Concern Falling behind, Missed sessions",
        "Returning a value from a function",
        "Could not return a value in last week's homework",
        "Functions need another session",
        "Sam",
    ]
    assert f'href="{reverse("feedback:export", args=[group.key])}"' in response.content.decode()


def test_the_same_problem_for_several_trainees_is_shown_as_a_pattern(client, group, call):
    amal, ben = group.trainees.get(name="Amal"), group.trainees.get(name="Ben")
    make_topic(call, "Returning values from functions", amal, ben)
    make_topic(call, "Only Amal's topic", amal)
    TopicPerson.objects.filter(trainee=ben).update(status=TopicStatus.UNDERSTOOD)

    text = page_text(client.get(_url(group)))

    assert "Returning values from functions — Amal (not yet), Ben (understood)" in text
    assert "Only Amal's topic" not in text


def test_the_group_page_shows_the_check_ins_and_links_to_them(client, group, call):
    make_feedback(call, group.trainees.get(name="Amal"), status="beyond")

    response = client.get(reverse("groups:detail", args=[group.key]))

    checkins = parse(response).select_one("#checkins")
    assert checkins is not None
    assert "Amal" in checkins.get_text()
    assert "Beyond — needs extension work" in checkins.get_text()
    assert checkins.select_one(f'a[href="{_url(group)}"]') is not None


def test_htmx_gets_only_the_check_ins(client, group, call):
    make_feedback(call, group.trainees.get(name="Amal"), status="beyond")

    response = client.get(_url(group), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="card" id="checkins"')
    assert "Beyond — needs extension work" in page_text(response)
    assert "<table" not in content
    assert "Returning a value from a function" not in content


def test_an_outsider_gets_404(client, group, call):
    make_feedback(call, group.trainees.get(name="Amal"))
    client.force_login(make_mentor())

    for headers in [{}, HTMX]:
        response = client.get(_url(group), headers=headers)
        assert response.status_code == 404
        assert "Amal" not in response.content.decode()


def test_a_co_mentor_sees_it(client, group, call):
    co = make_mentor()
    Membership.objects.create(group=group, user=co, role=Role.CO_MENTOR)
    make_feedback(call, group.trainees.get(name="Amal"))
    client.force_login(co)

    assert len(_feedback_rows(client.get(_url(group)))) == 1


def test_wrong_method(client, group):
    assert client.post(_url(group)).status_code == 405


def test_private_and_mentors_notes_never_appear(client, group, call):
    amal = group.trainees.get(name="Amal")
    make_feedback(call, amal)
    author = group.memberships.get().user
    for level, segment in [(NoteLevel.PRIVATE, 0), (NoteLevel.MENTORS, 3)]:
        for trainee in [amal, None]:
            Note.objects.create(
                call=call,
                segment=call.segments.get(position=segment),
                trainee=trainee,
                level=level,
                author=author,
                body=f"Zebra-{level}-{bool(trainee)}: moving house, money worries",
            )

    for headers in [{}, HTMX]:
        content = client.get(_url(group), headers=headers).content.decode()
        assert "Zebra" not in content
        assert "money worries" not in content


def test_another_groups_feedback_never_appears(client, group, call):
    mentor = group.memberships.get().user
    other = make_group(mentor, name="Morning group")
    dana = make_trainee(other, name="Dana")
    other_call = end_call(make_call(other, scheduled_at=timezone.now() - timedelta(days=1)))
    make_feedback(other_call, dana, precise="Morning group's recursion", status="concern")
    make_topic(other_call, "Morning pattern", dana, make_trainee(other, name="Eli"))
    make_feedback(call, group.trainees.get(name="Amal"))

    for headers in [{}, HTMX]:
        text = page_text(client.get(_url(group), headers=headers))
        assert "Dana" not in text
        assert "Morning" not in text
    assert len(_feedback_rows(client.get(_url(group)))) == 1


@pytest.mark.parametrize("evil", [SCRIPT, IMG])
def test_markup_is_shown_as_text(client, group, call, evil):
    evil_trainee = make_trainee(group, name=evil)
    make_feedback(call, evil_trainee, precise=evil, evidence=evil, actionable=evil)
    make_topic(call, evil, evil_trainee, group.trainees.get(name="Amal"))

    for headers in [{}, HTMX]:
        response = client.get(_url(group), headers=headers)
        content = response.content.decode()
        assert evil not in content
        assert evil.replace("<", "&lt;").replace(">", "&gt;") in content
    assert _feedback_rows(client.get(_url(group)))[0][3:6] == [evil] * 3


def _queries(client, group: Group, headers: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(_url(group), headers=headers)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_the_number_of_queries_does_not_grow_with_history(client, group, headers):
    mentor = group.memberships.get().user
    long = make_group(mentor, name="Long-running group")
    for name in ["Amal", "Ben", "Chidi"]:
        make_trainee(long, name=name)
    make_trainee(group, name="Chidi")
    make_history(group, 1)
    make_history(long, 15)
    assert len(_feedback_rows(client.get(_url(long)))) == 45

    assert _queries(client, group, headers) == _queries(client, long, headers)
