"""What leaves the app as text: the Slack text pastes into Slack's message box as written, and the
Markdown renders, in a CommonMark renderer other than the app's own, as exactly the headings,
list items and links we wrote, whatever people typed."""

from datetime import UTC, datetime, timedelta

import cmarkgfm
import pytest
from bs4 import BeautifulSoup

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.goals import actions as goal_actions
from mentorplan.groups.models import Group
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

pytestmark = pytest.mark.django_db

# Run on Wednesday 2 December 2026 at 08:57 in London.
STARTED = datetime(2026, 12, 2, 8, 57, tzinfo=UTC)

NOTE = "Tea & biscuits, <b>bold</b> and @channel: the kata is at https://e.example/kata?a=1&b=2."

STRANGE_NAME = "Bo *star* [x](https://e.example)"
MULTI_LINE_NOTE = """Homework for next time:
# not a heading
- not a list
2. nor this
<script>alert(1)</script>
===

  four spaces in: not code"""


def _group(name: str = "Tuesday buddies") -> Group:
    return make_group(make_mentor(timezone="Europe/London"), name=name)


def _run(call: Call) -> Call:
    start_call(call, STARTED)
    return end_call(call, STARTED + timedelta(hours=1, minutes=15))


def _note(call: Call, body: str, position: int = 0, **fields: object) -> Note:
    return Note.objects.create(
        call=call,
        segment=call.segments.get(position=position),
        level=NoteLevel.SHARED,
        author=call.created_by,
        body=body,
        **fields,
    )


# --- Slack ----------------------------------------------------------------------------------------


def test_the_slack_text_is_what_the_message_box_should_get():
    group = _group()
    amal = make_trainee(group, name="Amal")
    call = make_call(group, scheduled_at=STARTED)
    check_in(call, amal)
    _note(call, NOTE)
    _run(call)

    slack = summary.as_slack(summary.build(call))

    assert slack == (
        "*Mentoring session, Wednesday 2 December 2026, with Tuesday buddies*\n"
        "*Who was there:* Amal\n"
        "\n"
        "*Notes*\n"
        "• Welcome & chit chat: Tea & biscuits, <b>bold</b> and @ channel: the kata is at"
        " https://e.example/kata?a=1&b=2.\n"
        "\n"
        "*Next session:* to be arranged\n"
        "Post your questions in the Slack channel, and join a study group when you can.\n"
    )


def test_slack_links_read_as_title_and_address():
    group = _group()
    amal = make_trainee(group, name="Amal")
    call = make_call(group, scheduled_at=STARTED)
    resource = Resource.objects.create(
        owner=call.created_by, title="Arrays & <loops>", url="https://e.example/arrays"
    )
    ResourceShare.objects.create(call=call, resource=resource, trainee=amal)
    _run(call)

    slack = summary.as_slack(summary.build(call))

    assert "• Arrays & <loops> (for Amal): https://e.example/arrays\n" in slack
    assert "<https://" not in slack and "&amp;" not in slack and "&lt;" not in slack


def test_no_one_typed_mention_reaches_slack():
    group = _group(name="@here")
    amal = make_trainee(group, name="@everyone")
    call = make_call(group, scheduled_at=STARTED)
    check_in(call, amal)
    make_goal(amal, text="Ask @channel and @amal, write to amal@e.example", set_in=call)
    _note(call, "(@here) see https://e.example/@amal")
    _run(call)

    slack = summary.as_slack(summary.build(call))

    for mention in ("@here", "@everyone", "@channel", "@amal,"):
        assert mention not in slack.replace("https://e.example/@amal", "")
    assert "@ here" in slack and "@ everyone" in slack and "Ask @ channel and @ amal" in slack
    assert "amal@e.example" in slack and "https://e.example/@amal" in slack


def test_a_note_of_several_lines_stays_in_its_slack_bullet():
    group = _group()
    call = make_call(group, scheduled_at=STARTED)
    _note(call, "First line\n\n> second line\n- third line")
    _run(call)

    slack = summary.as_slack(summary.build(call))

    assert "• Welcome & chit chat: First line\n  > second line\n  - third line\n" in slack


# --- Markdown, read by another CommonMark renderer -----------------------------------------------


@pytest.fixture
def strange() -> Call:
    """A session in which every typed value is full of Markdown, HTML and line breaks."""
    mentor = make_mentor(timezone="Europe/London")
    group = make_group(mentor, name="# The *best* group")
    bo = make_trainee(group, name=STRANGE_NAME)
    call = make_call(group, scheduled_at=STARTED)
    check_in(call, bo)
    old = make_goal(bo, text="Learn `map` & _filter_", deadline=STARTED.date())
    goal_actions.review(old, outcome="met", by=mentor, call=call)
    make_goal(
        bo,
        text="<i>Two</i> katas\n## a day",
        measure="| a | table |\n|---|---|",
        set_in=call,
        deadline=STARTED.date() + timedelta(days=7),
    )
    make_topic(call, "Arrays ![img](https://e.example/i.png)", bo)
    resource = Resource.objects.create(
        owner=mentor, title="Loops <b>& more</b>", url="https://e.example/lo ops(1)"
    )
    ResourceShare.objects.create(call=call, resource=resource, trainee=bo)
    Win.objects.create(call=call, trainee=bo, text="~~struck~~ &copy; [ref]: /x")
    _note(call, MULTI_LINE_NOTE)
    _note(call, "Read https://e.example/a_b_c now", position=1)
    _run(call)
    return call


@pytest.mark.parametrize(
    "render", [cmarkgfm.markdown_to_html, cmarkgfm.github_flavored_markdown_to_html]
)
def test_the_markdown_renders_as_written(strange, render):
    markdown = summary.as_markdown(summary.build(strange))
    html = BeautifulSoup(render(markdown), "html.parser")

    headings = [(h.name, h.get_text()) for h in html.find_all(["h1", "h2", "h3", "h4"])]
    assert headings == [
        ("h1", "Mentoring session, Wednesday 2 December 2026, with # The *best* group"),
        ("h2", "Goals we reviewed"),
        ("h2", "New goals"),
        ("h2", "Topics"),
        ("h2", "Resources"),
        ("h2", "Well done"),
        ("h2", "Notes"),
        ("h2", "Next session"),
    ]
    assert [[li.get_text() for li in ul.find_all("li")] for ul in html.find_all("ul")] == [
        [f"{STRANGE_NAME}: Learn `map` & _filter_ — done"],
        [
            f"{STRANGE_NAME}: <i>Two</i> katas\n## a day (by Wed 9 Dec)"
            " — done when | a | table |\n|---|---|"
        ],
        [f"Arrays ![img](https://e.example/i.png): {STRANGE_NAME}: still working on it"],
        [f"Loops <b>& more</b> for {STRANGE_NAME}"],
        [f"{STRANGE_NAME}: ~~struck~~ &copy; [ref]: /x"],
        [
            "Welcome & chit chat: Homework for next time:\n# not a heading\n- not a list\n"
            "2. nor this\n<script>alert(1)</script>\n===\nfour spaces in: not code",
            "Goal catch-up: Read https://e.example/a_b_c now",
        ],
    ]
    links = [(a["href"], a.get_text()) for a in html.find_all("a")]
    name = ("https://e.example", "https://e.example")  # the address in the name: seen, not hidden
    assert links == [
        name,  # who was there
        name,  # goals reviewed
        name,  # new goals
        ("https://e.example/i.png", "https://e.example/i.png"),
        name,
        ("https://e.example/lo%20ops%281%29", "Loops <b>& more</b>"),
        name,
        name,  # well done
        ("https://e.example/a_b_c", "https://e.example/a_b_c"),
    ]
    # Nothing typed became markup: no raw HTML, emphasis, code, images, tables or quotes.
    tags = {tag.name for tag in html.find_all()}
    assert tags <= {"h1", "h2", "p", "ul", "li", "a", "strong", "br"}
    assert [s.get_text() for s in html.find_all("strong")] == ["Who was there:"]
