"""Topics from the retro: one per problem, shared across trainees, carried over until understood."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mentorplan.calls.models import Call
from mentorplan.groups.models import Group, Trainee
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.actions import save_retro, topic_lines
from mentorplan.recap.models import Topic, TopicPerson, TopicStatus
from mentorplan.recap.tests.pages import runner, topic_queue
from mentorplan.testing import (
    at_segment,
    end_call,
    make_call,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    status_press,
)

TECHNICAL = SegmentKind.TECHNICAL


@pytest.mark.parametrize(
    ("answer", "topics"),
    [
        ("", []),
        ("   \n\n  ", []),
        ("Returning values from functions", ["Returning values from functions"]),
        ("loops\nclosures", ["loops", "closures"]),
        ("loops; closures;", ["loops", "closures"]),
        ("- loops\n• closures\n* git rebase", ["loops", "closures", "git rebase"]),
        ("  array.map  \r\n\tfetch and promises", ["array.map", "fetch and promises"]),
        # The same problem twice in one answer is one topic.
        ("Loops\nloops.\nLOOPS!", ["Loops"]),
        # Punctuation alone is not a topic.
        ("?\n...\n-", []),
        # A hyphen inside the words stays.
        ("pre-commit hooks", ["pre-commit hooks"]),
    ],
)
def test_topic_lines(answer, topics):
    assert topic_lines(answer) == topics


def test_a_very_long_line_is_cut_to_a_title():
    assert topic_lines("x" * 500) == ["x" * 200]


# --- Saving retros --------------------------------------------------------------------------------


@pytest.fixture
def group() -> Group:
    group = make_group(make_mentor(), name="Evening group")
    make_trainee(group, name="Amal")
    make_trainee(group, name="Ben")
    make_trainee(group, name="Chidi")
    return group


def _trainee(group: Group, name: str) -> Trainee:
    return group.trainees.get(name=name)


def _retro(call: Call, name: str, not_understood: str) -> None:
    save_retro(
        call,
        _trainee(call.group, name),
        {"not_understood": not_understood},
        call.group.memberships.get().user,
    )


def _topics(group: Group) -> dict[str, dict[str, str]]:
    """Each topic of the group with its people and their statuses."""
    result: dict[str, dict[str, str]] = {}
    for person in TopicPerson.objects.filter(topic__group=group).select_related("topic", "trainee"):
        result.setdefault(person.topic.title, {})[person.trainee.name] = person.status
    return result


def _set(group: Group, title: str, name: str, status: str) -> None:
    updated = TopicPerson.objects.filter(
        topic__group=group, topic__title=title, trainee__name=name
    ).update(status=status)
    assert updated == 1


@pytest.mark.django_db
def test_the_same_problem_in_other_case_and_punctuation_is_one_topic_with_two_people(group):
    call = make_call(group)

    _retro(call, "Amal", "Returning values from functions")
    _retro(call, "Ben", "returning values from functions.")

    assert Topic.objects.count() == 1
    assert _topics(group) == {"Returning values from functions": {"Amal": "open", "Ben": "open"}}


@pytest.mark.django_db
def test_different_problems_are_different_topics(group):
    call = make_call(group)

    _retro(call, "Amal", "Returning values from functions\nfor loops")
    _retro(call, "Ben", "for loops; CSS grid")

    assert _topics(group) == {
        "Returning values from functions": {"Amal": "open"},
        "for loops": {"Amal": "open", "Ben": "open"},
        "CSS grid": {"Ben": "open"},
    }


@pytest.mark.django_db
def test_the_same_words_in_another_group_are_another_topic(group):
    other = make_group(make_mentor())
    make_trainee(other, name="Dana")

    _retro(make_call(group), "Amal", "for loops")
    _retro(make_call(other), "Dana", "For loops")

    assert _topics(group) == {"for loops": {"Amal": "open"}}
    assert _topics(other) == {"For loops": {"Dana": "open"}}


@pytest.mark.django_db
def test_a_trainee_who_understood_a_topic_and_raises_it_again_is_back_to_open(group):
    first = make_call(group, scheduled_at=timezone.now() - timedelta(days=14))
    _retro(first, "Amal", "for loops")
    _retro(first, "Ben", "for loops")
    _set(group, "for loops", "Amal", TopicStatus.UNDERSTOOD)
    _set(group, "for loops", "Ben", TopicStatus.UNDERSTOOD)

    second = make_call(group)
    _retro(second, "Amal", "For loops!")

    assert _topics(group) == {"for loops": {"Amal": "open", "Ben": "understood"}}
    assert Topic.objects.count() == 1


@pytest.mark.django_db
def test_saving_the_same_retro_again_does_not_reopen_a_topic(group):
    call = make_call(group)
    _retro(call, "Amal", "for loops")
    _set(group, "for loops", "Amal", TopicStatus.UNDERSTOOD)

    save_retro(
        call,
        _trainee(group, "Amal"),
        {"not_understood": "for loops", "homework": "The loops kata"},
        call.group.memberships.get().user,
    )

    assert _topics(group) == {"for loops": {"Amal": "understood"}}


@pytest.mark.django_db
def test_a_line_added_to_a_saved_retro_becomes_a_topic(group):
    call = make_call(group)
    _retro(call, "Amal", "for loops")

    _retro(call, "Amal", "for loops\nCSS grid")

    assert _topics(group) == {"for loops": {"Amal": "open"}, "CSS grid": {"Amal": "open"}}


# --- The technical queue, today and at the next session -------------------------------------------


@pytest.fixture
def last(client, group) -> Call:
    """Last session, two weeks ago. Tests settle its topics, then start `_today`."""
    client.force_login(group.memberships.get().user)
    return end_call(make_call(group, scheduled_at=timezone.now() - timedelta(days=14)))


def _today(group: Group) -> Call:
    """Today's session, started a moment after the test's setup, live in technical mentoring."""
    start = timezone.now() + timedelta(seconds=1)
    return at_segment(make_call(group, scheduled_at=start), TECHNICAL, at=start)


@pytest.mark.django_db
def test_todays_topics_are_in_the_queue_and_not_marked_carried_over(client, group):
    client.force_login(group.memberships.get().user)
    call = at_segment(make_call(group), TECHNICAL)
    _retro(call, "Amal", "Returning values from functions")
    _retro(call, "Ben", "returning values from functions.")

    assert topic_queue(runner(client, call)) == {
        "Returning values from functions": {
            "carried": False,
            "people": {"Amal": "Not yet", "Ben": "Not yet"},
        }
    }


@pytest.mark.django_db
def test_topics_not_understood_carry_over_and_understood_ones_do_not(client, group, last):
    make_topic(last, "for loops", _trainee(group, "Amal"))
    make_topic(last, "CSS grid", _trainee(group, "Ben"), status=TopicStatus.UNDERSTOOD)
    make_topic(last, "git rebase", _trainee(group, "Chidi"), status=TopicStatus.WORKING)
    make_topic(last, "async/await", _trainee(group, "Chidi"), status=TopicStatus.NEEDS_TEAM)
    today = _today(group)
    _retro(today, "Ben", "fetch")

    queue = topic_queue(runner(client, today))

    assert queue == {
        "for loops": {"carried": True, "people": {"Amal": "Not yet"}},
        "git rebase": {"carried": True, "people": {"Chidi": "Working on it"}},
        "async/await": {"carried": True, "people": {"Chidi": "Needs the course team"}},
        "fetch": {"carried": False, "people": {"Ben": "Not yet"}},
    }


@pytest.mark.django_db
def test_each_person_keeps_their_own_status_on_a_carried_topic(client, group, last):
    _retro(last, "Amal", "Returning values from functions")
    _retro(last, "Ben", "returning values from functions.")
    _set(group, "Returning values from functions", "Amal", TopicStatus.UNDERSTOOD)

    queue = topic_queue(runner(client, _today(group)))

    assert queue == {
        "Returning values from functions": {
            "carried": True,
            "people": {"Ben": "Not yet"},
            "understood before": ["Amal"],
        }
    }


@pytest.mark.django_db
def test_a_topic_understood_by_everyone_leaves_the_next_queue(client, group, last):
    _retro(last, "Amal", "for loops")
    _retro(last, "Ben", "for loops")
    _set(group, "for loops", "Amal", TopicStatus.UNDERSTOOD)
    _set(group, "for loops", "Ben", TopicStatus.UNDERSTOOD)

    assert topic_queue(runner(client, _today(group))) == {}


@pytest.mark.django_db
def test_a_topic_understood_today_stays_in_todays_queue(client, group):
    """Marking it understood must not make it vanish under the mentor's cursor."""
    client.force_login(group.memberships.get().user)
    call = at_segment(make_call(group), TECHNICAL)
    _retro(call, "Amal", "for loops")
    topic = Topic.objects.get()
    client.post(*status_press(call, topic, _trainee(group, "Amal"), "understood"))

    assert topic_queue(runner(client, call)) == {
        "for loops": {"carried": False, "people": {"Amal": "Understood"}}
    }


@pytest.mark.django_db
def test_another_groups_topics_never_reach_the_queue(client, group, last):
    today = _today(group)
    other = make_group(make_mentor())
    make_topic(make_call(other), "Other group's topic", make_trainee(other))

    assert topic_queue(runner(client, today)) == {}
