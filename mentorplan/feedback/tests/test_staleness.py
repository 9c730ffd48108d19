"""A trainee with no check-in (here or late at a session) for 14 days is flagged on the group
page."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import AttendanceStatus
from mentorplan.feedback.models import is_stale
from mentorplan.groups.models import Group, Trainee
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
)

TODAY = date(2030, 3, 20)
FLAG = "no check-in for over 14 days"


@pytest.mark.parametrize(
    ("last_seen_days_ago", "stale"), [(0, False), (13, False), (14, False), (15, True), (60, True)]
)
def test_stale_after_fourteen_days_without_a_check_in(last_seen_days_ago, stale):
    last = TODAY - timedelta(days=last_seen_days_ago)

    assert is_stale(last, joined=TODAY - timedelta(days=100), today=TODAY) is stale


@pytest.mark.parametrize(("joined_days_ago", "stale"), [(0, False), (13, False), (15, True)])
def test_a_new_trainee_without_a_session_has_fourteen_days_from_joining(joined_days_ago, stale):
    assert is_stale(None, joined=TODAY - timedelta(days=joined_days_ago), today=TODAY) is stale


# --- On the group page's check-in list ----------------------------------------------------------


def _trainee(group: Group, name: str, *, joined_days_ago: int = 100) -> Trainee:
    trainee = make_trainee(group, name=name)
    Trainee.objects.filter(pk=trainee.pk).update(
        created_at=timezone.now() - timedelta(days=joined_days_ago)
    )
    return trainee


def _session(group: Group, days_ago: int, **attendance: str) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    call = end_call(make_call(group, scheduled_at=when), when)
    for name, status in attendance.items():
        check_in(call, group.trainees.get(name=name), status)


def _flagged(client, group: Group) -> set[str]:
    """The trainees the check-in list (as loaded into the group page) flags as stale."""
    response = client.get(
        reverse("feedback:team", args=[group.key]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    rows = re.findall(r'<li class="row">(.*?)</li>', response.content.decode(), re.DOTALL)
    assert rows, "the check-in list shows no trainees"
    names = {re.search(r'<span class="grow">(.*?)</span>', row)[1]: row for row in rows}  # type: ignore[index]
    return {name for name, row in names.items() if FLAG in row}


@pytest.mark.django_db
def test_seen_fifteen_days_ago_is_stale_and_thirteen_is_not(client, group):
    _trainee(group, "Amal")
    _trainee(group, "Ben")
    _session(group, 15, Amal="present", Ben="present")
    _session(group, 13, Ben="late")

    assert _flagged(client, group) == {"Amal"}


@pytest.mark.django_db
def test_being_away_is_not_a_check_in(client, group):
    _trainee(group, "Amal")
    _session(group, 20, Amal="present")
    _session(group, 2, Amal=AttendanceStatus.ABSENT)

    assert _flagged(client, group) == {"Amal"}


@pytest.mark.django_db
def test_a_new_trainee_is_not_stale_until_fourteen_days_after_being_added(client, group):
    _trainee(group, "New", joined_days_ago=0)
    _trainee(group, "Fortnight", joined_days_ago=13)
    _trainee(group, "Forgotten", joined_days_ago=15)

    assert _flagged(client, group) == {"Forgotten"}


@pytest.mark.django_db
def test_a_check_in_with_another_group_does_not_count(client, group):
    amal = _trainee(group, "Amal")
    _session(group, 20, Amal="present")
    other = make_group(make_mentor())
    yesterday = timezone.now() - timedelta(days=1)
    other_call = end_call(make_call(other, scheduled_at=yesterday), yesterday)
    check_in(other_call, amal)

    assert _flagged(client, group) == {"Amal"}
