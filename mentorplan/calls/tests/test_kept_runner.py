"""The runner keeps its note boxes and its agenda drawn: a screen drawn again with nothing
changed (after a pause, a co-mentor's move, a reload) draws neither, and everything they show
(a note's text, a minute of the agenda, the segment under way) is current on the next draw. The
note boxes are their reader's own: another mentor never gets them, and their forms carry the
reader's CSRF token. The page around them is kept too: what it shows is the page drawn afresh,
its clock this second's, its planned end in the reader's zone, a message shown once."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from bs4 import Tag
from django.core.cache import cache
from django.db.models import F
from django.test import Client
from django.urls import reverse

from mentorplan.accounts.models import User
from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.groups.models import Group, Role
from mentorplan.lib.fragments import CSRF_MARK
from mentorplan.testing import make_call, make_group, parse, start_call, text_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 24, 18, 0, tzinfo=UTC)


@pytest.fixture
def call(client, lead, frozen) -> Call:
    """Lena's session, started now: Welcome & chit chat, 10 minutes."""
    client.force_login(lead)
    return start_call(make_call(make_group(lead)))


def draw(browser: Client, call: Call, headers: dict[str, str] | None = None):
    response = browser.get(reverse("calls:detail", args=[call.key]), headers=headers)
    assert response.status_code == 200
    return response


def page_of(browser: Client, call: Call, headers: dict[str, str]) -> tuple[str, bool]:
    """The page as its reader gets it but for its CSRF token (masked afresh for every request),
    and whether the page around the parts had to be drawn."""
    response = draw(browser, call, headers)
    html = re.sub(
        r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1…", response.content.decode()
    )
    # The runner's part is drawn with no signal of its own; the share toggle is drawn inside it.
    return html, "calls/includes/share_toggle.html" in [t.name for t in response.templates]


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


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "redraw"])
def test_the_kept_page_is_the_page_drawn_afresh_whatever_the_clock_says(
    client, call, frozen, headers
):
    """Seconds later, past the segment's end, paused and a while into the pause: the kept page
    is the page a server with nothing kept draws at that moment, clock and pass included."""

    def kept_and_afresh() -> tuple[str, str, bool]:
        kept, drawn = page_of(client, call, headers)
        cache.clear()
        afresh, _ = page_of(client, call, headers)
        return kept, afresh, drawn

    page_of(client, call, headers)
    control = reverse("calls:control", args=[call.key])
    for step, shift, page_drawn in [
        ("a few seconds on", timedelta(seconds=7), False),
        ("Welcome runs over", timedelta(minutes=10), True),
        ("further over", timedelta(seconds=3), False),
        ("paused", timedelta(0), True),
        ("a while into the pause", timedelta(seconds=40), False),
    ]:
        if step == "paused":
            call.refresh_from_db()
            client.post(control, {"action": "pause", "expected": call.version})
        frozen.shift(shift)
        kept, afresh, drawn = kept_and_afresh()
        assert kept == afresh, step
        assert drawn == page_drawn, step


def test_the_group_s_name_and_video_link_show_as_they_are_now(client, call):
    group = Group.objects.filter(pk=call.group_id)
    draw(client, call)

    group.update(name="Thursday coders")
    assert "Thursday coders" in text_in(parse(draw(client, call)).title)

    group.update(video_url="https://meet.example.org/thursday")
    link = value_of(parse(draw(client, call)), "a.video-link", "href")
    assert link == "https://meet.example.org/thursday"


def test_the_planned_end_shows_in_the_reader_s_zone(client, call, lead):
    """Lena opens the runner in London, then flies to Auckland (13 hours ahead in March)."""
    london = one(parse(draw(client, call)), "time[data-planned-end]")
    User.objects.filter(pk=lead.pk).update(timezone="Pacific/Auckland")

    auckland = one(parse(draw(client, call)), "time[data-planned-end]")

    assert str(london["datetime"]).endswith("+0000")
    assert str(auckland["datetime"]).endswith("+1300")
    end = datetime.strptime(str(auckland["datetime"]), "%Y-%m-%dT%H:%M:%S%z")
    assert end == datetime.strptime(str(london["datetime"]), "%Y-%m-%dT%H:%M:%S%z")
    assert auckland.text == end.strftime("%H:%M") != london.text


def test_a_message_shows_once_on_a_kept_page(client, call):
    draw(client, call)
    client.post(reverse("calls:control", args=[call.key]), {"action": "fly"})

    with_message = parse(draw(client, call))
    after = parse(draw(client, call))

    assert "did not send what the runner expected" in text_in(one(with_message, ".messages"))
    assert after.select(".messages") == []
