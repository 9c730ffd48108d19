"""The trainee's page during a live call: the session as it runs, what they send from it (each of
which the runner then shows), and the poll that keeps the page up to date cheaply."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import Tag
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Action, Call
from mentorplan.goals.models import Goal, GoalEvent
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import RetroAnswer, Topic, TopicPerson
from mentorplan.room.models import TraineeLink
from mentorplan.room.presence import Hand, HandKind
from mentorplan.testing import (
    HTMX,
    at_segment,
    end_call,
    headers_read,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    start_call,
)

pytestmark = pytest.mark.django_db
GONE = "This link does not work any more"
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


@pytest.fixture
def room(time_machine):
    """A group with a live session, its mentor, and a trainee with a working link; the clock
    stands still unless a test moves it."""
    time_machine.move_to(NOW, tick=False)
    mentor = make_mentor(display_name="Sam")
    group = make_group(mentor)
    trainee = make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    _, token = TraineeLink.issue(trainee)
    return mentor, trainee, call, token


def part(response, id: str) -> Tag:
    """The part of a page with this id, which must be there."""
    found = parse(response).find(id=id)
    assert isinstance(found, Tag), f"no #{id} on the page"
    return found


def title_of(response) -> str:
    heading = part(response, "room-now").find("h2")
    assert isinstance(heading, Tag)
    return heading.get_text()


def url(name: str, token: str) -> str:
    return reverse(f"room:{name}", args=[token])


def room_version(call: Call) -> int:
    call.refresh_from_db(fields=["room_version"])
    return call.room_version


# --- The live page ----------------------------------------------------------------------------


def test_during_a_call_the_link_shows_the_live_segment_and_its_clock(client, room):
    _, _, call, token = room

    response = client.get(url("page", token))

    assert response.status_code == 200
    now = part(response, "room-now")
    assert title_of(response) == "Welcome & chit chat"
    assert now.select_one("[data-countdown]").get_text() == "10:00"  # type: ignore[union-attr]
    assert now["data-running"] == "true"
    assert "Hello, Amal" not in page_text(response)  # not the between-calls page


def test_the_page_follows_the_runner_to_the_next_segment(client, room):
    _, _, call, token = room
    call.control(Action.NEXT, now=timezone.now())

    response = client.get(url("page", token))

    assert title_of(response) == "Goal catch-up"


def test_after_the_call_the_link_is_the_trainees_page_again(client, room):
    _, _, call, token = room
    end_call(call)

    response = client.get(url("page", token))

    assert "Hello, Amal" in page_text(response)
    assert parse(response).find(id="room-now") is None


# --- The poll -----------------------------------------------------------------------------------


def test_an_unchanged_state_is_a_304_from_one_query(client, room):
    _, _, _, token = room
    etag = client.get(url("live_state", token))["ETag"]  # also notes the trainee as here

    with CaptureQueriesContext(connection) as queries, headers_read() as built:
        response = client.get(url("live_state", token), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert len(queries) <= 1
    assert built == [], "the poll gathered every header to read one"


def test_the_page_polls_from_the_etag_it_was_drawn_with(client, room):
    _, _, _, token = room
    etag = part(client.get(url("page", token)), "room-live")["data-etag"]

    response = client.get(url("live_state", token), headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_a_move_on_the_runner_brings_the_new_segment_to_the_poll(client, room):
    _, _, call, token = room
    etag = client.get(url("live_state", token))["ETag"]
    call.control(Action.NEXT, now=timezone.now())

    response = client.get(url("live_state", token), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert title_of(response) == "Goal catch-up"


def test_the_poll_tells_the_page_when_the_call_ends(client, room):
    _, _, call, token = room
    etag = client.get(url("live_state", token))["ETag"]
    end_call(call)

    response = client.get(url("live_state", token), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert part(response, "room-live")["data-mode"] == "between"


def test_a_revoked_link_polls_into_the_friendly_page(client, room):
    _, trainee, _, token = room
    TraineeLink.revoke_for(trainee)

    response = client.get(url("live_state", token))

    assert response.status_code == 404
    assert GONE in page_text(response)


def test_the_poll_answers_only_get(client, room):
    _, _, _, token = room

    assert client.post(url("live_state", token)).status_code == 405


def test_presence_is_written_at_most_every_20_seconds(client, room):
    _, trainee, call, token = room
    client.get(url("live_state", token))
    link = TraineeLink.objects.get(trainee=trainee, revoked_at__isnull=True)
    first = link.last_seen_at
    arrived = room_version(call)

    client.get(url("live_state", token))
    link.refresh_from_db()

    assert first is not None and link.last_seen_at == first
    assert arrived == 1  # arriving moved the room on once, so the runner shows them
    assert room_version(call) == 1


# --- Raised hands -------------------------------------------------------------------------------


def test_im_stuck_raises_a_hand_the_runner_shows(client, room):
    mentor, trainee, call, token = room

    response = client.post(url("live_hand", token), {"kind": HandKind.STUCK})

    assert response.status_code == 302
    hand = Hand.objects.raised().get(call=call)
    assert (hand.trainee, hand.kind) == (trainee, HandKind.STUCK)
    assert room_version(call) == 1
    client.force_login(mentor)
    runner = client.get(reverse("calls:detail", args=[call.key]))
    assert "Amal: I'm stuck" in part(runner, "room-panel").get_text(" ", strip=True)


def test_pressing_twice_keeps_one_hand_and_the_latest_words(client, room):
    _, _, call, token = room

    client.post(url("live_hand", token), {"kind": HandKind.STUCK})
    client.post(url("live_hand", token), {"kind": HandKind.MINUTE})

    assert list(Hand.objects.raised().values_list("kind", flat=True)) == [HandKind.MINUTE]


def test_a_hand_of_another_kind_is_refused_with_a_message(client, room):
    _, _, call, token = room

    response = client.post(url("live_hand", token), {"kind": "panic"})

    assert response.status_code == 400
    assert "Choose “I'm stuck” or “Need a minute”." in page_text(response)
    assert not Hand.objects.exists()
    assert room_version(call) == 0


def test_the_mentor_clears_a_hand_and_the_trainee_sees_it_go(client, room):
    mentor, trainee, call, token = room
    hand = Hand.raise_for(call, trainee, HandKind.STUCK)
    client.force_login(mentor)

    response = client.post(reverse("room:hand_clear", args=[call.key, hand.key]), headers=HTMX)

    assert response.status_code == 200
    assert "I'm stuck" not in part(response, "room-panel").get_text()
    hand.refresh_from_db()
    assert hand.cleared_by == mentor
    client.logout()
    assert "I'm fine now" not in page_text(client.get(url("page", token)))


def test_the_trainee_can_lower_their_own_hand(client, room):
    _, trainee, call, token = room
    Hand.raise_for(call, trainee, HandKind.MINUTE)

    client.post(url("live_hand", token), {"lower": "1"})

    assert not Hand.objects.raised().exists()


def test_another_groups_mentor_cannot_clear_a_hand(client, room):
    _, trainee, call, _ = room
    hand = Hand.raise_for(call, trainee, HandKind.STUCK)
    client.force_login(make_mentor())

    response = client.post(reverse("room:hand_clear", args=[call.key, hand.key]))

    assert response.status_code == 404
    assert Hand.objects.raised().exists()


def test_clearing_answers_only_post(client, room):
    mentor, trainee, call, _ = room
    hand = Hand.raise_for(call, trainee, HandKind.STUCK)
    client.force_login(mentor)

    assert client.get(reverse("room:hand_clear", args=[call.key, hand.key])).status_code == 405


def test_the_runner_lists_who_is_in_the_room(client, room):
    mentor, trainee, call, token = room
    absent = make_trainee(trainee.group, name="Bo")
    TraineeLink.issue(absent)
    client.get(url("live_state", token))
    client.force_login(mentor)

    panel = part(client.get(reverse("room:runner_panel", args=[call.key])), "room-panel")

    present = [badge.get_text() for badge in panel.select(".room-present .badge")]
    assert present == ["Amal"]


def test_someone_who_closed_their_page_leaves_the_list(client, room, time_machine):
    mentor, _, call, token = room
    client.get(url("live_state", token))
    time_machine.move_to(NOW + timedelta(seconds=31), tick=False)
    client.force_login(mentor)

    panel = part(client.get(reverse("room:runner_panel", args=[call.key])), "room-panel")

    assert panel.select(".room-present .badge") == []


def test_the_runner_shows_only_this_group_s_working_links_and_this_call_s_raised_hands(
    client, room
):
    mentor, amal, call, _ = room
    group = amal.group
    trainees = {name: make_trainee(group, name=name) for name in ["Zoe", "Bo", "Cara", "Dan"]}
    for trainee in trainees.values():
        TraineeLink.issue(trainee)
    TraineeLink.revoke_for(trainees["Cara"])
    trainees["Dan"].is_active = False  # left the course
    trainees["Dan"].save()
    other_group = make_group(mentor)
    eve = make_trainee(other_group, name="Eve")
    TraineeLink.issue(eve)
    TraineeLink.objects.update(last_seen_at=NOW)  # every page, even the revoked one, asked
    Hand.objects.create(call=call, trainee=amal, kind=HandKind.STUCK, raised_at=NOW)
    Hand.objects.create(
        call=call, trainee=trainees["Bo"], kind=HandKind.MINUTE, raised_at=NOW - timedelta(1)
    )
    Hand.objects.create(call=call, trainee=trainees["Zoe"], kind=HandKind.STUCK, cleared_at=NOW)
    Hand.objects.create(call=start_call(make_call(other_group)), trainee=eve, kind="stuck")
    client.force_login(mentor)

    panel = part(client.get(reverse("room:runner_panel", args=[call.key])), "room-panel")

    present = [badge.get_text() for badge in panel.select(".room-present .badge")]
    assert present == ["Amal", "Bo", "Zoe"]
    hands = [item.get_text() for item in panel.select(".room-hands li strong")]
    assert hands == ["Bo: Need a minute", "Amal: I'm stuck"]


def test_the_runner_reads_the_room_in_one_query(client, room):
    mentor, trainee, call, token = room
    client.get(url("live_state", token))
    Hand.raise_for(call, trainee, HandKind.STUCK)
    client.force_login(mentor)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("room:runner_panel", args=[call.key]))

    assert "Amal: I'm stuck" in part(response, "room-panel").get_text()
    room_tables = ("room_traineelink", "room_hand")
    asked = [q["sql"] for q in queries if any(table in q["sql"] for table in room_tables)]
    assert len(asked) == 1, asked


def runner_room(client, call: Call) -> tuple[list[str], list[str], list[str]]:
    """Who the runner's page lists in the room, its raised hands, and the templates it drew."""
    response = client.get(reverse("calls:detail", args=[call.key]))
    panel = part(response, "room-panel")
    present = [badge.get_text() for badge in panel.select(".room-present .badge")]
    hands = [item.get_text() for item in panel.select(".room-hands li strong")]
    return present, hands, [template.name for template in response.templates]


def test_the_runner_keeps_its_room_part_drawn_until_the_room_changes(client, room, time_machine):
    mentor, trainee, call, token = room
    client.get(url("live_state", token))
    client.force_login(mentor)
    assert runner_room(client, call)[:2] == (["Amal"], [])

    present, hands, drawn = runner_room(client, call)
    assert (present, hands) == (["Amal"], [])
    assert "room/live/runner_panel.html" not in drawn

    Hand.raise_for(call, trainee, HandKind.STUCK)
    assert runner_room(client, call)[:2] == (["Amal"], ["Amal: I'm stuck"])

    trainee.name = "Amal K."
    trainee.save()
    assert runner_room(client, call)[:2] == (["Amal K."], ["Amal K.: I'm stuck"])

    time_machine.move_to(NOW + timedelta(seconds=31), tick=False)  # their page closed
    assert runner_room(client, call)[:2] == ([], ["Amal K.: I'm stuck"])


def test_a_kept_room_part_shows_a_hand_s_time_in_each_reader_s_zone(client, room):
    mentor, trainee, call, _ = room
    Hand.raise_for(call, trainee, HandKind.STUCK)
    times = {}
    for zone in ["Europe/London", "Pacific/Auckland"]:
        mentor.timezone = zone
        mentor.save()
        client.force_login(mentor)
        page = client.get(reverse("calls:detail", args=[call.key]))
        raised = part(page, "room-panel").select_one(".room-hands time")
        assert raised is not None, "no raised hand on the runner"
        times[zone] = raised.get_text()

    assert times == {"Europe/London": "18:00", "Pacific/Auckland": "07:00"}


# --- What the trainee sends ---------------------------------------------------------------------


def test_a_retro_line_in_recap_reaches_the_runners_retro_and_topics(client, room):
    mentor, trainee, call, token = room
    at_segment(call, SegmentKind.RECAP)
    form = part(client.get(url("page", token)), "room-tool").find("form")
    assert form is not None
    before = room_version(call)

    response = client.post(
        url("live_retro", token),
        {"version": "0", "last_lesson": "Arrays", "homework": "", "not_understood": "closures"},
    )

    assert response.status_code == 302
    answer = RetroAnswer.objects.get(call=call, trainee=trainee)
    assert answer.not_understood == "closures"
    assert TopicPerson.objects.filter(trainee=trainee, topic__title="closures").exists()
    assert room_version(call) == before + 1
    client.force_login(mentor)
    runner = client.get(reverse("calls:detail", args=[call.key]))
    field = parse(runner).find("textarea", attrs={"name": f"r{trainee.pk}-not_understood"})
    assert isinstance(field, Tag) and field.get_text().strip() == "closures"


def test_a_retro_sent_on_an_old_version_changes_nothing_and_says_why(client, room):
    _, trainee, call, token = room
    at_segment(call, SegmentKind.RECAP)
    RetroAnswer.objects.create(call=call, trainee=trainee, last_lesson="Mentor's words", version=2)

    response = client.post(
        url("live_retro", token),
        {"version": "1", "last_lesson": "Mine", "homework": "", "not_understood": ""},
    )

    assert response.status_code == 400
    assert "Your mentor changed your retro while you were writing" in page_text(response)
    assert RetroAnswer.objects.get(call=call, trainee=trainee).last_lesson == "Mentor's words"


def test_a_topic_they_still_find_hard_joins_the_queue_as_theirs(client, room):
    _, trainee, call, token = room
    at_segment(call, SegmentKind.TECHNICAL)

    client.post(url("live_topic", token), {"title": "Async and await"})

    topic = Topic.objects.get(group=trainee.group)
    assert topic.title == "Async and await"
    assert list(topic.people.values_list("trainee", flat=True)) == [trainee.pk]


def test_a_topic_without_words_is_refused_with_a_message(client, room):
    _, _, call, token = room
    at_segment(call, SegmentKind.TECHNICAL)

    response = client.post(url("live_topic", token), {"title": "?!"})

    assert response.status_code == 400
    assert "it needs a letter or a digit" in page_text(response)
    assert not Topic.objects.exists()


def test_a_proposed_goal_waits_for_the_mentor_in_goal_setting(client, room):
    mentor, trainee, call, token = room
    at_segment(call, SegmentKind.GOAL_SETTING)
    deadline = timezone.localdate() + timedelta(days=10)

    client.post(
        url("live_propose", token),
        {"text": "Finish the quiz app's scoring", "measure": "A PR is open", "deadline": deadline},
    )

    goal = Goal.objects.get(trainee=trainee)
    assert goal.proposal and goal.set_in == call
    assert GoalEvent.objects.get(goal=goal).note == "Proposed by the trainee."
    client.force_login(mentor)
    runner = client.get(reverse("calls:detail", args=[call.key]))
    assert "Finish the quiz app's scoring" in part(runner, "goal-setting").get_text()


def test_a_proposal_without_a_deadline_is_refused_with_a_message(client, room):
    _, _, call, token = room
    at_segment(call, SegmentKind.GOAL_SETTING)

    response = client.post(url("live_propose", token), {"text": "Do katas", "deadline": ""})

    assert response.status_code == 400
    assert "Every goal needs a deadline." in page_text(response)
    assert not Goal.objects.exists()


def test_the_smart_advice_is_given_for_the_trainees_own_goal(client, room):
    _, _, _, token = room

    response = client.post(url("live_goal_check", token), {"text": "get better at js"})

    assert response.status_code == 200
    assert "“get better” is hard to see from outside" in page_text(response)


def test_sending_after_the_call_ended_changes_nothing_and_says_so(client, room):
    _, _, call, token = room
    end_call(call)

    response = client.post(url("live_hand", token), {"kind": HandKind.STUCK}, follow=True)

    assert "Your session has finished, so this was not sent." in page_text(response)
    assert not Hand.objects.exists()


@pytest.mark.parametrize("name", ["live_hand", "live_retro", "live_topic", "live_propose"])
def test_sending_answers_only_post(client, room, name):
    _, _, _, token = room

    assert client.get(url(name, token)).status_code == 405


@pytest.mark.parametrize(
    "name", ["live_state", "live_hand", "live_retro", "live_topic", "live_propose"]
)
def test_a_forged_token_gets_the_friendly_page_and_changes_nothing(client, room, name):
    _, _, call, _ = room
    forged = "x" * 43
    method = client.get if name == "live_state" else client.post

    response = method(url(name, forged), {"kind": HandKind.STUCK, "title": "closures"})

    assert response.status_code == 404
    assert GONE in page_text(response)
    assert not Hand.objects.exists() and not Topic.objects.exists()
    assert room_version(call) == 0


def test_a_trainees_answer_reaches_the_runners_poll_without_touching_the_live_state(client, room):
    mentor, _, call, token = room
    client.force_login(mentor)
    state = reverse("calls:state", args=[call.key])
    before = client.get(state)
    client.logout()

    client.post(url("live_hand", token), {"kind": HandKind.STUCK})
    client.force_login(mentor)
    after = client.get(state, headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["room"] > before.json()["room"]
    # The live state's version is the one the mentor's buttons send: a Next pressed on the
    # screen as it was still moves the session on.
    assert after.json()["version"] == before.json()["version"]
    assert call.control(Action.NEXT, now=timezone.now(), expected=before.json()["version"])
