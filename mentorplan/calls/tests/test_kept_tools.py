"""The runner keeps the tools of Welcome and Technical mentoring drawn until something they show
changes: a page drawn again with nothing changed reads no tool's rows, and every change, made in
the runner or anywhere else, shows on the next draw. A kept tool is its reader's own: another
mentor never gets it, and its forms carry the reader's CSRF token."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorplan.calls.models import (
    Attendance,
    AttendanceStatus,
    BrainGame,
    Call,
    GameSuggestion,
    Note,
    NoteLevel,
)
from mentorplan.feedback.models import Feedback
from mentorplan.groups.models import Role, Trainee
from mentorplan.lib.fragments import CSRF_MARK
from mentorplan.plans.models import SegmentKind
from mentorplan.recap.models import Method, TopicWork
from mentorplan.room.models import TraineeLink
from mentorplan.room.presence import Hand, HandKind, record_seen
from mentorplan.testing import (
    HTMX,
    at_segment,
    make_call,
    make_feedback,
    make_group,
    make_mentor,
    make_topic,
    make_trainee,
    parse,
    start_call,
    text_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client) -> Call:
    lead = make_mentor(display_name="Lena")
    client.force_login(lead)
    group = make_group(lead)
    make_trainee(group, name="Amal")
    return start_call(make_call(group))


@pytest.fixture
def amal(call) -> Trainee:
    return call.group.trainees.get(name="Amal")


def runner(browser, call: Call):
    response = browser.get(reverse("calls:detail", args=[call.key]))
    assert response.status_code == 200
    return parse(response)


def tool(browser, call: Call):
    found = runner(browser, call).select_one("#tool")
    assert found is not None
    return found


def private_note_on(page, trainee: Trainee) -> str:
    area = page.select_one(f'#tool textarea[id$="-private-{trainee.key.hex}"]')
    assert area is not None, "no private note on the trainee in the tool"
    return area.text.strip()


def rows_read(client: Client, call: Call) -> list[str]:
    """The tables of the tools' rows that drawing the runner reads."""
    with CaptureQueriesContext(connection) as captured:
        runner(client, call)
    tables = ("recap_topic", "recap_topicwork", "feedback_feedback", "recap_method")
    return [t for t in tables for q in captured.captured_queries if f'"{t}"."id"' in q["sql"]]


def test_a_runner_drawn_again_reads_no_tool_rows(client, call):
    at_segment(call, SegmentKind.TECHNICAL)
    make_topic(call, "Recursion", *call.group.trainees.all())
    cache.clear()

    assert set(rows_read(client, call)) == {
        "recap_topic",
        "recap_topicwork",
        "feedback_feedback",
        "recap_method",
    }
    assert rows_read(client, call) == []


def test_a_mark_in_the_tool_shows_on_the_next_draw(client, call, amal):
    tool(client, call)

    url = reverse("calls:attendance", args=[call.key, amal.key])
    assert client.post(url, {"status": "late"}, headers=HTMX).status_code == 200

    pressed = tool(client, call).select('[aria-label="Attendance of Amal"] [aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["late"]


def test_attendance_recorded_elsewhere_shows_on_the_next_draw(client, call, amal):
    """Not through the tool, so only its rows' marks tell of it."""
    tool(client, call)

    Attendance.objects.create(call=call, trainee=amal, status=AttendanceStatus.LATE)

    pressed = tool(client, call).select('[aria-label="Attendance of Amal"] [aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["late"]


def test_another_game_shows_on_the_next_draw(client, call):
    """A game is changed in place: only the room version tells of it."""
    for name in ["Odd one out", "Desert island"]:
        BrainGame.objects.get_or_create(
            name=name,
            defaults={"url": "https://example.org/", "exercises": "reasoning", "description": "."},
        )
    tool(client, call)
    before = GameSuggestion.objects.get(call=call).game

    assert client.post(reverse("calls:game_shuffle", args=[call.key])).status_code == 302

    after = GameSuggestion.objects.get(call=call).game
    assert after != before
    shown = text_in(tool(client, call))
    assert after.name in shown and before.name not in shown


def test_a_trainee_renamed_on_the_group_page_shows_on_the_next_draw(client, call, amal):
    assert "Amal" in text_in(tool(client, call))

    Trainee.objects.filter(pk=amal.pk).update(name="Amal K.")

    assert "Amal K." in text_in(tool(client, call))


def test_pronouns_edited_on_the_group_page_show_on_the_next_draw(client, call, amal):
    assert "(she/her)" not in text_in(tool(client, call))

    Trainee.objects.filter(pk=amal.pk).update(pronouns="she/her")

    assert "Amal (she/her)" in text_in(tool(client, call))


def test_a_game_edited_in_the_admin_shows_on_the_next_draw(client, call):
    shown = text_in(tool(client, call))  # the game is picked on the first visit
    game = GameSuggestion.objects.get(call=call).game
    assert game.description in shown

    game.description = "Find the odd one out, then say why."
    game.save()

    assert "Find the odd one out, then say why." in text_in(tool(client, call))


def test_the_reader_s_note_saved_as_they_type_shows_on_the_next_draw(client, call, amal):
    assert private_note_on(runner(client, call), amal) == ""
    welcome = call.segments.get(kind=SegmentKind.WELCOME)

    saved = client.post(
        reverse("calls:note_save", args=[welcome.key]),
        {"level": NoteLevel.PRIVATE, "trainee": amal.key, "version": 0, "body": "Tired today"},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200
    assert private_note_on(runner(client, call), amal) == "Tired today"

    Note.objects.filter(trainee=amal).update(body="Tired, new job", version=F("version") + 1)
    assert private_note_on(runner(client, call), amal) == "Tired, new job"


def test_a_kept_tool_is_its_reader_s_own(client, call, amal, co_mentor_client):
    welcome = call.segments.get(kind=SegmentKind.WELCOME)
    lena = call.group.memberships.get(role=Role.LEAD).user
    Note.objects.create(
        call=call,
        segment=welcome,
        trainee=amal,
        level=NoteLevel.PRIVATE,
        author=lena,
        body="Asked for a quieter group",
    )
    assert private_note_on(runner(co_mentor_client, call), amal) == ""  # Kofi draws the tool first

    assert private_note_on(runner(client, call), amal) == "Asked for a quieter group"
    assert "quieter" not in runner(co_mentor_client, call).decode()


def test_a_kept_tool_keeps_each_reader_s_drafts_apart(client, call, co_mentor_client):
    """What a mentor types is kept on their device under their own name until it is saved."""

    def drafts(browser: Client) -> set[str]:
        return {
            area["data-draft-key"].split(":")[1] for area in tool(browser, call).select("textarea")
        }

    lena, kofi = (m.user_id for m in call.group.memberships.order_by("joined_at"))
    assert drafts(client) == {str(lena)}
    assert drafts(co_mentor_client) == {str(kofi)}


def test_a_kept_tool_s_forms_carry_the_reader_s_own_token(call, amal):
    """Lena's laptop draws the tool; her phone, signed in on its own, gets it kept."""
    lena = call.group.memberships.get(role=Role.LEAD).user
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (laptop, phone):
        browser.force_login(lena)
    runner(laptop, call)
    page = runner(phone, call)

    assert CSRF_MARK not in page.decode()
    form = page.select_one(f'#tool form[action$="/{amal.key}/"]')
    assert form is not None
    token = form.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    sent = phone.post(form["action"], {"csrfmiddlewaretoken": token, "status": "absent"})

    assert sent.status_code == 302  # a token that is not the phone's own is refused: 403
    pressed = tool(phone, call).select('[aria-label="Attendance of Amal"] [aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["absent"]


@pytest.fixture
def technical(call) -> Call:
    at_segment(call, SegmentKind.TECHNICAL)
    make_topic(call, "Recursion", *call.group.trainees.all())
    return call


def test_work_on_a_topic_saved_elsewhere_shows_on_the_next_draw(client, technical):
    tool(client, technical)
    topic = technical.group.topics.get()

    TopicWork.objects.create(call=technical, topic=topic, gap="Base case never reached")

    assert "Base case never reached" in tool(client, technical).decode()


def test_feedback_edited_elsewhere_shows_on_the_next_draw(client, technical, amal):
    make_feedback(technical, amal, precise="Loops over a dict's items")
    assert "Loops over a dict" in tool(client, technical).decode()

    Feedback.objects.filter(trainee=amal).update(
        precise="Loops over a dict's keys", version=F("version") + 1
    )

    assert "Loops over a dict's keys" in tool(client, technical).decode()


@pytest.fixture
def last_week(call) -> Call:
    """The group's session of a week before."""
    return make_call(call.group, scheduled_at=call.scheduled_at - timedelta(days=7))


def test_what_another_session_of_the_group_records_does_not_draw_welcome_again(
    client, call, amal, last_week
):
    """Welcome shows this session's attendance only."""
    runner(client, call)
    with CaptureQueriesContext(connection) as unchanged:
        runner(client, call)

    Attendance.objects.create(call=last_week, trainee=amal, status=AttendanceStatus.ABSENT)

    with CaptureQueriesContext(connection) as after:
        runner(client, call)
    assert len(after) == len(unchanged)


def test_what_another_session_of_the_group_records_does_not_draw_technical_again(
    client, technical, amal, last_week
):
    """Technical mentoring shows this session's work on topics and feedback only."""
    runner(client, technical)
    topic = technical.group.topics.get()

    TopicWork.objects.create(call=last_week, topic=topic, gap="Base case never reached")
    feedback = make_feedback(last_week, amal)
    Feedback.objects.filter(pk=feedback.pk).update(
        precise="Loops over a dict's keys", version=F("version") + 1
    )

    assert rows_read(client, technical) == []
    assert "Base case never reached" not in tool(client, technical).decode()


def test_a_pause_or_a_step_back_does_not_draw_the_kept_tools_again(client, technical):
    runner(client, technical)
    control = reverse("calls:control", args=[technical.key])
    before = technical.version

    for action in ["pause", "resume", "add_time", "next", "previous"]:
        technical.refresh_from_db()
        sent = client.post(control, {"action": action, "expected": technical.version})
        assert sent.status_code == 302

    technical.refresh_from_db()
    shown = technical.segments.get(position=technical.current_position)
    assert technical.version == before + 5 and shown.kind == SegmentKind.TECHNICAL
    assert rows_read(client, technical) == []


def test_a_trainee_coming_or_raising_a_hand_does_not_draw_the_kept_tools_again(
    client, technical, amal
):
    """Only the room part shows them: the tools stay as they were drawn."""
    runner(client, technical)
    link, _ = TraineeLink.issue(amal)

    assert record_seen(link, technical.pk)
    Hand.raise_for(technical, amal, HandKind.STUCK)

    assert rows_read(client, technical) == []
    room = runner(client, technical).select_one("#room-panel")
    assert "Amal: I'm stuck" in text_in(room) and "In the room: Amal" in text_in(room)


def test_a_topic_a_trainee_sends_from_their_phone_shows_on_the_next_draw(technical, amal):
    lena = technical.group.memberships.get(role=Role.LEAD).user
    browser = Client()
    browser.force_login(lena)
    tool(browser, technical)
    _, token = TraineeLink.issue(amal)
    phone = Client()

    sent = phone.post(reverse("room:live_topic", args=[token]), {"title": "Async and await"})

    assert sent.status_code == 302
    topic = tool(browser, technical).find("h3", string=lambda text: "Async and await" in text)
    assert topic is not None


def methods_offered(browser, call: Call) -> set[str]:
    return {option.text for option in tool(browser, call).select('select[name$="method"] option')}


def test_a_method_added_in_another_group_s_session_shows_on_the_next_draw(client, technical):
    """Lena's own methods are offered in every group she mentors."""
    lena = technical.group.memberships.get(role=Role.LEAD).user
    other = make_group(lena, name="Thursday buddies")
    make_trainee(other, name="Dawit")
    elsewhere = at_segment(start_call(make_call(other)), SegmentKind.TECHNICAL)
    assert "Rubber duck" not in methods_offered(client, technical)

    url = reverse("recap:method_add", args=[elsewhere.key])
    assert client.post(url, {"name": "Rubber duck"}).status_code == 302

    assert "Rubber duck" in methods_offered(client, technical)


def test_a_built_in_method_renamed_in_the_admin_shows_on_the_next_draw(client, technical):
    method = Method.objects.filter(owner=None).first()
    assert method is not None and method.name in methods_offered(client, technical)

    method.name = "Explain it to a rubber duck"
    method.save()

    assert "Explain it to a rubber duck" in methods_offered(client, technical)
