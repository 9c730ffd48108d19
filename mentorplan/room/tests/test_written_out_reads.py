"""The trainee's page and its poll read the link, the group's live call and a raised hand in
SQL written out (building the ORM's queries took longer than drawing the page): each read gives
what the ORM gives, a link that does not work opens nothing, and the page and the poll ask
nothing through the ORM."""

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Trainee
from mentorplan.room.access import LinkGone, get_room
from mentorplan.room.live import live_call
from mentorplan.room.models import TraineeLink, hash_token
from mentorplan.room.presence import Hand, HandKind
from mentorplan.testing import (
    end_call,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    start_call,
    stored_fields,
)

pytestmark = pytest.mark.django_db


def _open(token: str) -> tuple[TraineeLink, Trainee]:
    return get_room(RequestFactory().get("/"), token)


@pytest.fixture
def amal() -> Trainee:
    group = make_group(make_mentor(), video_url="https://meet.example.org/abc", region="Lagos")
    return make_trainee(group, name="Amal", pronouns="she/her", timezone="Africa/Lagos")


def test_a_working_link_gives_its_trainee_and_their_group_in_one_query_as_the_orm_reads_them(
    amal,
):
    link, token = TraineeLink.issue(amal)
    link.record_open()

    with CaptureQueriesContext(connection) as queries:
        read, trainee = _open(token)
        group = trainee.group

    assert len(queries) == 1
    assert read.trainee is trainee
    assert stored_fields(read) == stored_fields(TraineeLink.objects.get(pk=link.pk))
    assert stored_fields(trainee) == stored_fields(Trainee.objects.get(pk=amal.pk))
    assert stored_fields(group) == stored_fields(Group.objects.get(pk=amal.group_id))


def test_a_link_that_does_not_work_opens_no_room(amal):
    old, old_token = TraineeLink.issue(amal)
    _, token = TraineeLink.issue(amal)  # closes the old one
    bea = make_trainee(amal.group, name="Bea")
    _, gone_token = TraineeLink.issue(bea)
    Trainee.objects.filter(pk=bea.pk).update(is_active=False)  # Bea left the course
    never_made = "A" * 43
    refused = [old_token, gone_token, never_made, token[:-1], token + "A", token[:-1] + "/", ""]

    for value in refused:
        with pytest.raises(LinkGone):
            _open(value)
        # The ORM's reading of the rule agrees.
        working = TraineeLink.objects.active().filter(
            token_hash=hash_token(value), trainee__is_active=True
        )
        assert not working.exists(), value
    assert _open(token)[1] == amal


def test_the_live_call_is_the_one_the_orm_calls_live_and_comes_with_the_group(amal):
    group, now = amal.group, timezone.now()

    def as_the_orm_reads_it() -> Call | None:
        return Call.objects.filter(group_id=amal.group_id).live().first()

    make_call(group, scheduled_at=now + timedelta(days=1))
    end_call(make_call(group, scheduled_at=now - timedelta(days=7)), now - timedelta(days=7))
    start_call(make_call(make_group(make_mentor())))  # another group's
    assert live_call(amal) is None
    assert as_the_orm_reads_it() is None

    first = start_call(make_call(group), now - timedelta(minutes=5))
    start_call(make_call(group), now)  # started later, by a co-mentor

    _, amal = _open(TraineeLink.issue(amal)[1])  # as the room's views have her
    with CaptureQueriesContext(connection) as queries:
        call = live_call(amal)
        assert call is not None
        name = call.group.name

    assert len(queries) == 1
    assert name == group.name
    expected = as_the_orm_reads_it()
    assert expected is not None and expected.pk == first.pk
    assert stored_fields(call) == stored_fields(expected)


def test_a_trainees_raised_hand_is_the_one_the_orm_finds(amal):
    call = start_call(make_call(amal.group))
    bea = make_trainee(amal.group, name="Bea")
    earlier = end_call(make_call(amal.group, scheduled_at=timezone.now() - timedelta(days=7)))
    Hand.objects.create(call=earlier, trainee=amal, kind=HandKind.STUCK)  # never lowered

    def as_the_orm_reads_it() -> Hand | None:
        return Hand.objects.raised().filter(call=call, trainee=amal).first()

    Hand.raise_for(call, bea, HandKind.STUCK)
    assert Hand.raised_by(call, amal) is None
    assert as_the_orm_reads_it() is None

    Hand.raise_for(call, amal, HandKind.MINUTE)
    with CaptureQueriesContext(connection) as queries:
        hand = Hand.raised_by(call, amal)
        assert hand is not None
        said = (hand.get_kind_display(), hand.trainee.name)
    assert len(queries) == 1
    assert said == ("Need a minute", "Amal")
    expected = as_the_orm_reads_it()
    assert expected is not None
    assert stored_fields(hand) == stored_fields(expected)

    Hand.clear(call, trainee=amal)
    assert Hand.raised_by(call, amal) is None
    assert as_the_orm_reads_it() is None


def test_the_trainees_live_page_and_its_poll_ask_nothing_through_the_orm(client, amal):
    call = start_call(make_call(amal.group))
    Hand.raise_for(call, amal, HandKind.STUCK)
    _, token = TraineeLink.issue(amal)
    page, state = reverse("room:page", args=[token]), reverse("room:live_state", args=[token])
    client.get(page)  # the first visit notes that the link reached her: a write, once

    through_the_orm = []
    run = SQLCompiler.execute_sql

    def counted(compiler: SQLCompiler, *args: Any, **kwargs: Any) -> Any:
        through_the_orm.append(compiler.query.model)
        return run(compiler, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "execute_sql", counted):
        shown = client.get(page)
        polled = client.get(state)  # no ETag: the answer brings the live parts

    assert (shown.status_code, polled.status_code) == (200, 200)
    for answer in (shown, polled):  # her raised hand is on both
        assert "You told your mentor: <strong>I&#x27;m stuck</strong>" in answer.content.decode()
    assert through_the_orm == []
