"""Two presses at once on the trainee's "I'm stuck", and two mentors clearing one hand at once."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.room.models import TraineeLink
from mentorplan.room.presence import Hand, HandKind
from mentorplan.testing import make_call, make_group, make_mentor, make_trainee, start_call
from mentorplan.testing.race import at_once, needs_postgresql

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def test_two_presses_at_once_raise_one_hand():
    group = make_group(make_mentor())
    call = start_call(make_call(group))
    _, token = TraineeLink.issue(make_trainee(group, name="Amal"))
    url = reverse("room:live_hand", args=[token])

    answers = at_once(*[lambda: Client().post(url, {"kind": HandKind.STUCK})] * 2)

    assert [answer.status_code for answer in answers] == [302, 302]
    assert Hand.objects.raised().filter(call=call).count() == 1


def test_two_mentors_clearing_at_once_clear_it_once():
    mentor = make_mentor()
    group = make_group(mentor)
    call = start_call(make_call(group))
    hand = Hand.raise_for(call, make_trainee(group), HandKind.STUCK)
    call.refresh_from_db()
    before = call.room_version

    results = at_once(*[lambda: Hand.clear(call, key=hand.key, by=mentor)] * 2)

    assert sorted(results) == [False, True]
    call.refresh_from_db()
    assert call.room_version == before + 1
