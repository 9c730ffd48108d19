"""The summary is drawn once (its Markdown read, sanitised and written for Slack) and kept until
something it is made from changes: a second look asks the database only whether anything
changed, and any change shows at once, even within the same instant (the clock is stopped)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.goals import actions
from mentorplan.goals.models import ReviewOutcome
from mentorplan.testing import end_call, make_call, page_text
from mentorplan.wrapup.models import Win

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = datetime(2030, 1, 14, 18, 0, tzinfo=UTC)


def _url(call: Call) -> str:
    return reverse("wrapup:summary", args=[call.key])


def test_a_second_look_asks_only_whether_anything_changed(client, call):
    end_call(call)

    with CaptureQueriesContext(connection) as first:
        client.get(_url(call))
    with CaptureQueriesContext(connection) as again:
        client.get(_url(call))

    assert len(again.captured_queries) < len(first.captured_queries) - 5
    assert not any('"calls_note"."' in q["sql"] for q in again.captured_queries)
    # The sign-in, the session, and what changed read with the group's people.
    assert len(again.captured_queries) == 3


def test_every_change_shows_at_once(client, mentor, group, amal, call):
    segment = call.segments.first()
    assert segment is not None
    note = Note.objects.create(
        call=call, segment=segment, level=NoteLevel.SHARED, author=mentor, body="Try the kata"
    )
    goal = actions.set_goal(
        by=mentor, group=group, trainee=amal, text="Push the kata", deadline=NOW.date()
    )
    actions.review(goal, outcome=ReviewOutcome.MET, by=mentor, call=call)
    end_call(call)
    text = page_text(client.get(_url(call)))
    assert "Try the kata" in text and "Push the kata" in text

    Note.objects.resave(
        mentor,
        segment.key,
        None,
        NoteLevel.SHARED,
        note.version,
        "Try the array kata",
        timezone.now(),
    )
    assert "Try the array kata" in page_text(client.get(_url(call)))

    Win.objects.create(call=call, trainee=amal, text="Explained closures to the group")
    assert "Explained closures to the group" in page_text(client.get(_url(call)))

    actions.reopen(goal, by=mentor)
    assert "Push the kata" not in page_text(client.get(_url(call)))

    make_call(group, scheduled_at=NOW + timedelta(days=14))
    assert "Monday 28 January" in page_text(client.get(_url(call)))

    amal.name = "Amal B."
    amal.save()
    assert "Amal B." in page_text(client.get(_url(call)))
