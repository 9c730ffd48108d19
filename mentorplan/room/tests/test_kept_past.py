"""A trainee's page between calls keeps their last sessions drawn (reading three session
summaries was most of its work): asked for again with nothing changed it builds no summary,
every change to what those sessions show reaches the next view, and each trainee's copy is their
own."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db.models import F
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Trainee
from mentorplan.room.models import TraineeLink
from mentorplan.testing import end_call, make_call, make_group, make_mentor, make_trainee, parse
from mentorplan.wrapup import summary
from mentorplan.wrapup.models import Win

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
# Monday 16 February, 23:30 in London: already Tuesday in Auckland.
HELD = datetime(2026, 2, 16, 23, 30, tzinfo=UTC)


@pytest.fixture
def story(frozen) -> tuple[User, Call, Trainee, Trainee]:
    """A past session of Sam's group, with a shared note for Amal and one for Bo."""
    sam = make_mentor(display_name="Sam", timezone="Europe/London")
    group = make_group(sam)
    amal, bo = make_trainee(group, name="Amal"), make_trainee(group, name="Bo")
    past = end_call(make_call(group, scheduled_at=HELD), HELD)
    segment = past.segments.get(position=0)
    for trainee in (amal, bo):
        Note.objects.create(
            call=past,
            segment=segment,
            trainee=trainee,
            level=NoteLevel.SHARED,
            author=sam,
            body=f"{trainee.name}: try map",
        )
    return sam, past, amal, bo


def page_of(trainee: Trainee) -> str:
    return reverse("room:page", args=[TraineeLink.issue(trainee)[1]])


def past_of(client, page: str) -> str:
    """The text of the page's "Your last sessions"."""
    section = parse(client.get(page)).select_one('section[aria-labelledby="past-title"]')
    assert section is not None, "the page shows no past session"
    return " ".join(section.get_text(" ").split())


def test_the_page_asked_for_again_builds_no_summary(client, story):
    page = page_of(story[2])
    first = past_of(client, page)

    with mock.patch.object(summary, "build", wraps=summary.build) as built:
        again = past_of(client, page)

    assert built.call_count == 0
    assert again == first
    assert "Monday 16 February 2026" in again and "Amal: try map" in again


def test_every_change_to_a_past_session_shows_on_the_next_view(client, story):
    sam, past, amal, _ = story
    page = page_of(amal)
    assert "Amal: try map" in past_of(client, page)

    # As the runner saves a note: a new version, at a later time.
    Note.objects.filter(call=past, trainee=amal).update(
        body="Amal: try filter", version=F("version") + 1, updated_at=NOW + timedelta(hours=1)
    )
    assert "Amal: try filter" in past_of(client, page)

    Win.objects.create(call=past, trainee=amal, text="Wrote her first loop")
    assert "Wrote her first loop" in past_of(client, page)

    sam.timezone = "Pacific/Auckland"  # the group's day is its lead mentor's
    sam.save(update_fields=["timezone"])
    assert "Tuesday 17 February 2026" in past_of(client, page)

    later = HELD + timedelta(days=14)
    end_call(make_call(past.group, scheduled_at=later), later)
    assert "Tuesday 3 March 2026" in past_of(client, page)


def test_each_trainee_gets_their_own_past_sessions(client, story):
    _, _, amal, bo = story
    amal_page, bo_page = page_of(amal), page_of(bo)

    for _ in range(2):  # drawn, then kept
        amal_sees, bo_sees = past_of(client, amal_page), past_of(client, bo_page)
        assert "Amal: try map" in amal_sees and "Bo: try map" not in amal_sees
        assert "Bo: try map" in bo_sees and "Amal: try map" not in bo_sees
