import pytest

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.goals import actions as goal_actions
from mentorplan.testing import (
    check_in,
    end_call,
    make_call,
    make_goal,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    start_call,
)
from mentorplan.wrapup import summary
from mentorplan.wrapup.models import Resource, ResourceShare, Win


@pytest.fixture
def finished():
    mentor = make_mentor()
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    check_in(call, amal)
    segment = call.segments.first()
    assert segment is not None
    Note.objects.create(
        call=call,
        segment=segment,
        level=NoteLevel.SHARED,
        author=mentor,
        body="SHARED: try the array kata",
    )
    Note.objects.create(
        call=call,
        segment=segment,
        level=NoteLevel.PRIVATE,
        author=mentor,
        body="PRIVATE: worried about her housing",
    )
    Note.objects.create(
        call=call,
        segment=segment,
        level=NoteLevel.MENTORS,
        author=mentor,
        body="MENTORS: maybe pair her with Sam",
    )
    Note.objects.create(
        call=call,
        segment=segment,
        trainee=amal,
        level=NoteLevel.PRIVATE,
        author=mentor,
        body="PRIVATE-TRAINEE: new job",
    )
    old = make_goal(amal, text="Finish the quiz app")
    goal_actions.review(old, outcome="met", by=mentor, call=call)
    goal_actions.set_goal(
        by=mentor,
        call=call,
        group=group,
        trainee=amal,
        text="Read chapter 4 of the JavaScript book",
        deadline=old.deadline,
    )
    make_topic(call, "Returning values from functions", amal)
    resource = Resource.objects.create(
        owner=mentor, title="Array methods", url="https://example.org/arrays"
    )
    ResourceShare.objects.create(call=call, resource=resource, trainee=amal)
    Win.objects.create(call=call, trainee=amal, text="explained her loop step by step")
    end_call(call)
    following = make_call(group)
    return call, following


@pytest.mark.django_db
@pytest.mark.parametrize("render", [summary.as_markdown, summary.as_slack])
def test_the_summary_has_every_shared_item_and_nothing_private(finished, render):
    call, following = finished
    text = render(summary.build(call))

    for shared in (
        "Who was there:",
        "Finish the quiz app",
        "Read chapter 4 of the JavaScript book",
        "Returning values from functions",
        "Array methods",
        "https://example.org/arrays",
        "explained her loop step by step",
        "SHARED: try the array kata",
        following.scheduled_at.strftime("%-d"),
    ):
        assert shared in text, shared
    for secret in ("PRIVATE", "MENTORS", "housing", "Sam", "new job"):
        assert secret not in text, secret


@pytest.mark.django_db
def test_the_slack_text_gives_title_and_address_and_the_markdown_a_markdown_link(finished):
    call, _ = finished
    data = summary.build(call)
    assert "• Array methods (for Amal): https://example.org/arrays\n" in summary.as_slack(data)
    assert "- [Array methods](https://example.org/arrays) for Amal\n" in summary.as_markdown(data)


@pytest.mark.django_db
def test_slack_text_shows_what_was_typed_as_typed():
    """Slack's message box shows "&amp;" or "&lt;" as they are: the text has the real characters."""
    mentor = make_mentor()
    group = make_group(mentor)
    amal = make_trainee(group, name="Amal")
    call = start_call(make_call(group))
    goal_actions.set_goal(
        by=mentor,
        call=call,
        group=group,
        trainee=amal,
        text='Use <b> & <i> in "Bob\'s" page',
        deadline=make_goal(amal).deadline,
    )
    end_call(call)

    slack = summary.as_slack(summary.build(call))

    assert '• Amal: Use <b> & <i> in "Bob\'s" page (by ' in slack
    assert "&amp;" not in slack and "&lt;" not in slack and "&#x27;" not in slack
