"""Two saves of the same feedback at once (a double click, or two mentors) keep one row and
answer both without an error; the one that lost is shown both texts to choose from. On PostgreSQL
the requests really run side by side."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Role, Trainee
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


def _send(client: Client, call: Call, trainee: Trainee, precise: str, version: int = 0):
    data = {
        "version": version,
        "status": "concern",
        "reasons": ["falling_behind"],
        "precise": precise,
        "evidence": "Could not return a value in last week's homework",
        "actionable": "Functions need another session",
    }
    url = reverse("feedback:save", args=[call.key, trainee.key])
    return client.post(url, {f"f{trainee.pk}-{k}": v for k, v in data.items()})


def _post(client: Client, call: Call, trainee: Trainee, precise: str, version: int = 0) -> int:
    return _send(client, call, trainee, precise, version).status_code


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
def test_two_first_saves_at_once_keep_one_feedback_and_show_the_other_writer_both(
    mentor, call, amal
):
    co_mentor = make_mentor(display_name="Kofi")
    call.group.memberships.create(user=co_mentor, role=Role.CO_MENTOR)
    first, second = _client(mentor), _client(co_mentor)
    texts = ["Returning values", "Returning values from functions"]

    with meeting_before_save(Feedback):
        answers = at_once(
            lambda: _send(first, call, amal, texts[0]),
            lambda: _send(second, call, amal, texts[1]),
        )

    assert sorted(answer.status_code for answer in answers) == [302, 409]
    kept = Feedback.objects.get(call=call, trainee=amal)
    assert kept.version == 1
    loser = next(answer for answer in answers if answer.status_code == 409)
    lost = texts[1 - texts.index(kept.precise)]
    page = loser.content.decode()
    assert lost in page and kept.precise in page  # nothing is silently lost


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_saves_on_one_version_at_once_change_it_once(mentor, call, amal):
    assert _post(_client(mentor), call, amal, "Returning values") == 302
    first, second = _client(mentor), _client(mentor)

    answers = at_once(
        lambda: _post(first, call, amal, "Returning values, first try", version=1),
        lambda: _post(second, call, amal, "Returning values, second try", version=1),
    )

    assert sorted(answers) == [302, 409]
    assert Feedback.objects.get(call=call, trainee=amal).version == 2
