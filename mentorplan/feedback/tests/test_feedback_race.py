"""Two first saves of the same feedback at once (a double click, or two mentors) keep one row and
answer both without an error; on PostgreSQL the requests really run side by side."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.testing import at_segment, make_call, make_group, make_mentor, make_trainee
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql


@pytest.fixture
def mentor() -> User:
    return make_mentor()


@pytest.fixture
def call(mentor) -> Call:
    group = make_group(mentor)
    make_trainee(group, name="Amal")
    return at_segment(make_call(group), SegmentKind.TECHNICAL)


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, call: Call, trainee: Trainee, precise: str, version: int = 0) -> int:
    data = {
        "version": version,
        "status": "concern",
        "reasons": ["falling_behind"],
        "precise": precise,
        "evidence": "Could not return a value in last week's homework",
        "actionable": "Functions need another session",
    }
    url = reverse("feedback:save", args=[call.key, trainee.key])
    response = client.post(url, {f"f{trainee.pk}-{k}": v for k, v in data.items()})
    return response.status_code


@pytest.mark.django_db
def test_saving_the_same_feedback_twice_keeps_one_row_with_the_last_text(mentor, call, amal):
    client = _client(mentor)
    assert _post(client, call, amal, "Returning values") == 302
    assert _post(client, call, amal, "Returning values from functions", version=1) == 302

    assert list(Feedback.objects.values_list("trainee__name", "precise")) == [
        ("Amal", "Returning values from functions")
    ]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_at_once_keep_one_feedback(mentor, call, amal):
    first, second = _client(mentor), _client(mentor)

    with meeting_before_save(Feedback):
        answers = at_once(
            lambda: _post(first, call, amal, "Returning values"),
            lambda: _post(second, call, amal, "Returning values from functions"),
        )

    assert answers == [302, 302]
    assert Feedback.objects.filter(call=call, trainee=amal).count() == 1
