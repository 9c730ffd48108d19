"""The runner keeps its note boxes and its agenda drawn: a screen drawn again with nothing
changed (after a pause, a co-mentor's move, a reload) draws neither, and everything they show
(a note's text, a minute of the agenda, the segment under way) is current on the next draw. The
note boxes are their reader's own: another mentor never gets them, and their forms carry the
reader's CSRF token."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import Tag
from django.db.models import F
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Role
from mentorplan.lib.fragments import CSRF_MARK
from mentorplan.testing import make_call, make_group, parse, start_call, text_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 24, 18, 0, tzinfo=UTC)


@pytest.fixture
def call(client, lead, frozen) -> Call:
    """Lena's session, started now: Welcome & chit chat, 10 minutes."""
    client.force_login(lead)
    return start_call(make_call(make_group(lead)))


def draw(browser: Client, call: Call):
    response = browser.get(reverse("calls:detail", args=[call.key]))
    assert response.status_code == 200
    return response


def one(page: Tag, selector: str) -> Tag:
    found = page.select_one(selector)
    assert found is not None, f"nothing on the page matches {selector}"
    return found


def value_of(page: Tag, selector: str, attribute: str = "value") -> str:
    return str(one(page, selector)[attribute])


def note_boxes(browser: Client, call: Call) -> dict[str, tuple[str, bool]]:
    """Each note box's level, with its text and whether it is open."""
    section = one(parse(draw(browser, call)), "section.notes")
    return {
        value_of(box, 'input[name="level"]'): (
            one(box, "textarea").text.strip(),
            "open" in box.attrs,
        )
        for box in section.select("details.note-box")
    }


def agenda(browser: Client, call: Call) -> list[str]:
    """The agenda's lines as the reader sees them."""
    return [text_in(line) for line in parse(draw(browser, call)).select("ol.agenda li")]


def save_note(browser: Client, call: Call, level: str, body: str) -> None:
    """As the note box saves what is typed."""
    segment = call.segments.get(position=call.current_position or 0)
    note = Note.objects.filter(segment=segment, level=level, trainee=None).first()
    saved = browser.post(
        reverse("calls:note_save", args=[segment.key]),
        {"level": level, "version": note.version if note else 0, "body": body},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200, saved.content


def test_a_runner_drawn_again_draws_neither_the_note_boxes_nor_the_agenda(client, call):
    first = draw(client, call)
    assert "calls/includes/note.html" in [t.name for t in first.templates]

    again = draw(client, call)

    assert "calls/includes/note.html" not in [t.name for t in again.templates]
    for part in ["section.notes", "aside.agenda-card"]:
        assert text_in(parse(again).select_one(part)) == text_in(parse(first).select_one(part))


def test_a_note_saved_shows_on_the_next_draw_and_opens_its_box(client, call, co_mentor_client):
    assert note_boxes(client, call)[NoteLevel.MENTORS] == ("", False)

    save_note(co_mentor_client, call, NoteLevel.MENTORS, "Amal is moving house this week")

    assert note_boxes(client, call)[NoteLevel.MENTORS] == ("Amal is moving house this week", True)

    # However it is saved, a new text comes with a new version.
    Note.objects.filter(level=NoteLevel.MENTORS).update(
        body="Amal has moved", version=F("version") + 1
    )
    assert note_boxes(client, call)[NoteLevel.MENTORS] == ("Amal has moved", True)


def test_the_note_boxes_are_their_reader_s_own(client, call, co_mentor_client):
    def drafts(browser: Client) -> set[str]:
        """Whose device keeps what is typed in the boxes until it is saved."""
        page = parse(draw(browser, call))
        return {
            str(area["data-draft-key"]).split(":")[1]
            for area in page.select("section.notes textarea")
        }

    lena, kofi = (m.user_id for m in call.group.memberships.order_by("joined_at"))
    assert drafts(client) == {str(lena)}
    assert drafts(co_mentor_client) == {str(kofi)}

    save_note(client, call, NoteLevel.PRIVATE, "Ask Bea about her interview")
    assert note_boxes(client, call)[NoteLevel.PRIVATE] == ("Ask Bea about her interview", True)
    assert note_boxes(co_mentor_client, call)[NoteLevel.PRIVATE] == ("", True)
    assert "interview" not in draw(co_mentor_client, call).content.decode()


def test_the_note_boxes_forms_carry_the_reader_s_own_token(call):
    """Lena's laptop draws the boxes; her phone, signed in on its own, gets them kept."""
    lena = call.group.memberships.get(role=Role.LEAD).user
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    laptop.force_login(lena)
    phone.force_login(lena)
    draw(laptop, call)

    response = draw(phone, call)

    assert CSRF_MARK not in response.content.decode()
    form = one(parse(response), "section.notes form")
    token = value_of(form, 'input[name="csrfmiddlewaretoken"]')
    fields = {"csrfmiddlewaretoken": token, "level": NoteLevel.SHARED, "version": 0, "body": "Hi"}
    sent = phone.post(str(form["action"]), fields, headers={"Accept": "application/json"})
    assert sent.status_code == 200
    assert Note.objects.get(level=NoteLevel.SHARED).body == "Hi"


def test_the_agenda_s_minutes_move_with_the_clock(client, call, frozen):
    """Welcome running over takes its minutes out of the flexible parts still to come."""
    frozen.shift(timedelta(minutes=5))
    before = agenda(client, call)
    assert before[3].startswith("Technical mentoring flexible 30 min Go"), before

    frozen.shift(timedelta(minutes=9))
    after = agenda(client, call)

    assert after[3].startswith("Technical mentoring flexible 27 min (plan 30) Go"), after
    assert after[4].startswith("Goal setting flexible 9 min (plan 10) Go"), after


def test_the_agenda_follows_the_session_moving_on(client, call, co_mentor_client, frozen):
    def expected_version() -> str:
        """The version the agenda's "Go" buttons send: a screen behind is refused."""
        return value_of(parse(draw(client, call)), 'aside.agenda-card input[name="expected"]')

    frozen.shift(timedelta(minutes=12))
    control = reverse("calls:control", args=[call.key])
    for action in ["next", "pause"]:
        agenda(client, call)
        call.refresh_from_db()
        moved = co_mentor_client.post(control, {"action": action, "expected": call.version})
        assert moved.status_code == 302

    lines = agenda(client, call)
    assert lines[0].startswith("Welcome & chit chat 12 of 10 min Go")
    assert lines[1].startswith("Goal catch-up 5 min now")
    call.refresh_from_db()
    assert expected_version() == str(call.version)


def test_the_kept_parts_of_a_page_carry_one_token(client, call):
    """The reader's token is masked once for all of them, as a template does for its forms."""
    draw(client, call)

    page = parse(draw(client, call))

    kept = ["section.notes", "aside.agenda-card", "#tool"]
    tokens = {
        field["value"]
        for part in kept
        for field in page.select(f'{part} input[name="csrfmiddlewaretoken"]')
    }
    assert len(tokens) == 1
    assert all(page.select(f'{part} input[name="csrfmiddlewaretoken"]') for part in kept)
