"""The goals board of a group: everyone's goals by person, overdue first, and follow-through."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.goals import actions
from mentorplan.goals.models import GoalStatus, NextStep
from mentorplan.groups.models import Group, Role
from mentorplan.testing import (
    HTMX,
    is_partial,
    make_goal,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture
def group(mentor) -> Group:
    return make_group(mentor, name="Tuesday group")


def _url(group: Group) -> str:
    return reverse("goals:board", args=[group.key])


def _due(days: int) -> date:
    return TODAY + timedelta(days=days)


def _section(text: str, heading: str, next_heading: str) -> str:
    return text[text.index(heading) : text.index(next_heading)]


def test_goals_by_person_overdue_first(client, mentor, group):
    amal = make_trainee(group, name="Amal")
    ben = make_trainee(group, name="Ben")
    make_trainee(group, name="Gone", is_active=False)
    make_goal(amal, text="Finish the quiz page", deadline=_due(5))
    make_goal(amal, text="Read chapter 4", deadline=_due(-3))
    make_goal(amal, text="Open a pull request", deadline=_due(-1))
    make_goal(amal, text="Fix the scoring bug", deadline=_due(-20), status=GoalStatus.MET)
    make_goal(ben, text="Write 2 tests", deadline=_due(2))
    make_goal(mentor, text="Review 2 pull requests", deadline=_due(1))
    make_goal(amal, text="A waiting proposal", proposal=True)

    response = client.get(_url(group))

    assert response.status_code == 200
    assert not is_partial(response)
    text = page_text(response)
    amals = _section(text, "Goals by person Amal", "Ben Write")
    order = ["Read chapter 4", "Open a pull request", "Finish the quiz page", "Fix the scoring"]
    assert [amals.index(goal) for goal in order] == sorted(amals.index(goal) for goal in order)
    assert amals.count("overdue") == 2
    assert "Review 2 pull requests" in text[text.index("Sam (mentor) Review") :]
    assert "Gone" not in text
    assert "A waiting proposal" not in text


def test_the_follow_through_of_each_person(client, group):
    amal = make_trainee(group, name="Amal")
    make_goal(amal, deadline=_due(-10), status=GoalStatus.MET, closed_on=_due(-10))
    make_goal(amal, deadline=_due(-5), status=GoalStatus.MET, closed_on=_due(-4))
    make_goal(amal, deadline=_due(-2), times_extended=1)

    text = page_text(client.get(_url(group)))

    assert "Amal 2/3 met on time (last 90 days) · 2/3 all time · streak 0 · 1 carried over" in text


def test_a_co_mentor_sees_the_board_and_has_goals_too(client, group):
    co_mentor = make_mentor(display_name="Kim")
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    make_goal(co_mentor, group=group, text="Bring 3 resources on CSS grid")
    client.force_login(co_mentor)

    text = page_text(client.get(_url(group)))

    assert "Kim (mentor) Bring 3 resources on CSS grid" in text


def test_htmx_gets_the_follow_through_summary_for_the_group_page(client, group):
    make_trainee(group, name="Amal")

    response = client.get(_url(group), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert 'id="goals-summary"' in response.content.decode()
    text = page_text(response)
    assert "Amal no goal came due in the last 90 days · 0/0 all time · streak 0" in text
    assert "Add a goal" not in text


def test_the_group_page_shows_the_summary(client, group):
    make_trainee(group, name="Amal")

    response = client.get(reverse("groups:detail", args=[group.key]))

    summary = parse(response).select_one("#goals-summary")
    assert summary is not None
    assert "Amal" in summary.get_text()
    assert summary.select_one(f'a[href="{_url(group)}"]') is not None


def test_an_outsider_gets_404(client, group):
    make_goal(make_trainee(group, name="Amal"), text="Amal's secret goal")
    client.force_login(make_mentor())

    response = client.get(_url(group))

    assert response.status_code == 404
    assert "Amal" not in response.content.decode()


def test_a_group_that_does_not_exist_is_404(client, mentor):
    assert client.get(reverse("goals:board", args=[make_group().key])).status_code == 404


def test_wrong_method_is_405(client, group):
    assert client.post(_url(group)).status_code == 405


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_goals(client, mentor, group):
    """Twice as many of everything that a page might look up goal by goal."""
    amal = make_trainee(group, name="Amal")
    make_goal(amal)
    one = _queries(client, _url(group))

    ben = make_trainee(group, name="Ben")
    co_mentor = make_mentor()
    group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    for n in range(29):
        owner = [amal, ben, mentor, co_mentor][n % 4]
        status = [GoalStatus.OPEN, GoalStatus.MET, GoalStatus.MISSED][n % 3]
        make_goal(owner, group=group, deadline=_due(n - 15), status=status, times_missed=n % 2)

    assert _queries(client, _url(group)) == one


def _replaced_then_extended_twice(group, mentor):
    """Amal missed a goal and took a smaller one in its place, then got more time for the smaller
    one twice: three carry-overs in the history."""
    amal = make_trainee(group, name="Amal")
    first = make_goal(amal, text="Build the whole quiz app", deadline=_due(-1))
    smaller = actions.review(
        first,
        outcome="missed",
        by=mentor,
        call=None,
        note="Too big for one week",
        next_step=NextStep.SMALLER,
        new_deadline=_due(7),
        smaller_text="Build the quiz's first page",
    )
    assert smaller is not None
    for days in (14, 21):
        actions.review(smaller, outcome="extended", by=mentor, call=None, new_deadline=_due(days))
    return amal, smaller


def test_a_replaced_then_extended_goal_counts_three_carry_overs_and_is_flagged(
    client, group, mentor
):
    _replaced_then_extended_twice(group, mentor)

    text = page_text(client.get(_url(group)))

    assert (
        "Amal 0/1 met on time (last 90 days) · 0/1 all time · streak 0 · 3 carried over ·" in text
    )
    amals = text[text.index("Goals by person Amal") :]
    assert "Build the quiz's first page needs a conversation" in amals


def test_the_person_page_counts_the_same_carry_overs(client, group, mentor):
    amal, smaller = _replaced_then_extended_twice(group, mentor)

    text = page_text(client.get(reverse("goals:person", args=[amal.key])))

    assert "Carried over 3" in text
    assert "Build the quiz's first page needs a conversation" in text


def test_figures_say_what_they_count_and_when_the_next_goal_is_due(client, group):
    amal = make_trainee(group, name="Amal")
    make_goal(amal, text="Finish the quiz page", deadline=_due(21))

    text = page_text(client.get(_url(group)))

    assert "nothing due in 90 days" not in text
    assert "Amal no goal came due in the last 90 days" in text
    assert "next due Mon 4 Feb" in text
