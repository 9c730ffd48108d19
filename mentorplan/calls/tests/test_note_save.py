"""Autosaving notes: three levels, versions against silent overwrites, private means private."""

from functools import partial
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.calls.forms import NOTE_MAX_CHARS
from mentorplan.calls.models import Call, CallSegment, Note, NoteLevel
from mentorplan.groups.models import Membership, Role
from mentorplan.testing import (
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    make_trainee,
    page_text,
    parse,
    start_call,
)
from mentorplan.testing.race import at_once, meeting_before_save, needs_postgresql

pytestmark = pytest.mark.django_db

# What notes.js sends; a form sent by the browser itself (JavaScript off) asks for HTML.
JS = {"Accept": "application/json, text/html;q=0.9"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
HTMX = {"HX-Request": "true", **JS}


@pytest.fixture
def call(client) -> Call:
    lead = make_mentor(display_name="Lead")
    client.force_login(lead)
    group = make_group(lead)
    co_mentor = make_mentor(display_name="Co")
    Membership.objects.create(group=group, user=co_mentor, role=Role.CO_MENTOR)
    return start_call(make_call(group))


@pytest.fixture
def segment(call) -> CallSegment:
    return call.segments.get(position=0)


def _lead(call: Call):
    return call.group.memberships.get(role=Role.LEAD).user


def _co_mentor(call: Call):
    return call.group.memberships.get(role=Role.CO_MENTOR).user


def _url(segment: CallSegment) -> str:
    return reverse("calls:note_save", args=[segment.key])


def _save(client, segment, body, *, level="mentors", version=0, headers=JS, **fields):
    data = {"level": level, "body": body, "version": version, **fields}
    return client.post(_url(segment), data, headers=headers)


def _page(client, call: Call) -> str:
    return page_text(client.get(reverse("calls:detail", args=[call.key])))


def _notes() -> list[tuple[str, str, int]]:
    return sorted(Note.objects.values_list("level", "body", "version"))


def _conflict(response) -> dict[str, Any]:
    """What the conflict partial shows the writer: who saved first, their text, the choices, and
    the version their text has (a save on top of it is what settles the conflict)."""
    assert response["Content-Type"].startswith("text/html")
    assert is_partial(response)
    box = parse(response).select_one("[data-conflict]")
    says = box and box.select_one("p")
    theirs = box and box.select_one("[data-their-text]")
    assert box and says and theirs, "no conflict choice in the answer"
    return {
        "says": " ".join(says.get_text(" ").split()),
        # A browser drops the line break that opens a <pre>; this parser keeps it.
        "theirs": theirs.get_text().removeprefix("\n"),
        "buttons": [button.get_text(strip=True) for button in box.select("button")],
        "version": box["data-version"],
    }


def test_saving_a_note_and_saving_it_again(client, segment):
    first = _save(client, segment, "Amal found a new job")

    assert first.status_code == 200
    assert first.json()["version"] == 1
    assert first.json()["saved_at"]
    note = Note.objects.get()
    assert (note.level, note.body, note.call, note.segment) == (
        NoteLevel.MENTORS,
        "Amal found a new job",
        segment.call,
        segment,
    )
    assert note.author == note.updated_by == _lead(segment.call)

    second = _save(client, segment, "Amal found a new job in Leeds", version=1)

    assert second.json()["version"] == 2
    assert _notes() == [("mentors", "Amal found a new job in Leeds", 2)]


def test_the_runner_shows_the_saved_note_with_its_version(client, segment):
    _save(client, segment, "Remember the CV review")

    content = client.get(reverse("calls:detail", args=[segment.call.key])).content.decode()

    assert "Remember the CV review</textarea>" in content
    assert 'name="level" value="mentors">\n  <input type="hidden" name="version" value="1">' in (
        content
    )


def test_a_stale_version_gets_the_other_text_and_overwrites_nothing(client, segment):
    call = segment.call
    client.force_login(_co_mentor(call))
    _save(client, segment, "Co-mentor's text")
    client.force_login(_lead(call))

    response = _save(client, segment, "Lead's text, typed at the same time", version=0)

    assert response.status_code == 409
    choice = _conflict(response)
    assert choice["version"] == "1"
    assert choice["theirs"] == "Co-mentor's text"
    assert _notes() == [("mentors", "Co-mentor's text", 1)]

    merged = _save(client, segment, "Co-mentor's text\nLead's text", version=1)
    assert merged.status_code == 200
    assert _notes() == [("mentors", "Co-mentor's text\nLead's text", 2)]


def test_a_note_at_the_limit_is_saved(client, segment):
    assert _save(client, segment, "x" * NOTE_MAX_CHARS).status_code == 200


def test_a_note_over_the_limit_is_refused_with_a_message(client, segment):
    _save(client, segment, "Short")

    response = _save(client, segment, "x" * (NOTE_MAX_CHARS + 1), version=1)

    assert response.status_code == 400
    assert response.json()["error"] == "A note holds up to 20,000 characters."
    assert _notes() == [("mentors", "Short", 1)]


@pytest.mark.parametrize(
    "fields",
    [
        {"level": "secret"},
        {"level": ""},
        {"version": "abc"},
        {"version": "-1"},
        {"version": ""},
        {"trainee": "not-a-key"},
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(client, segment, fields):
    data = {"level": "mentors", "body": "Text", "version": "0", **fields}

    response = client.post(_url(segment), data, headers=JS)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not Note.objects.exists()


def test_html_is_kept_as_text_and_shown_escaped(client, segment):
    body = '<script>alert("hi")</script><b>bold</b> & more'

    _save(client, segment, body)
    end_call(segment.call)
    content = client.get(reverse("calls:detail", args=[segment.call.key])).content.decode()

    assert Note.objects.get().body == body
    assert (
        "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; more"
        in (content)
    )
    assert "<script>alert" not in content
    assert "<b>bold</b>" not in content


def test_a_trainee_of_another_group_is_404(client, segment):
    stranger = make_trainee(make_group(make_mentor()))

    response = _save(client, segment, "Text", level="private", trainee=stranger.key)

    assert response.status_code == 404
    assert not Note.objects.exists()


def test_private_notes_about_a_trainee(client, segment):
    amal = make_trainee(segment.call.group, name="Amal")

    response = _save(client, segment, "Worried about rent", level="private", trainee=amal.key)

    assert response.status_code == 200
    note = Note.objects.get()
    assert (note.trainee, note.level, note.author) == (amal, "private", _lead(segment.call))
    content = client.get(reverse("calls:detail", args=[segment.call.key])).content.decode()
    assert "Worried about rent</textarea>" in content


def test_two_mentors_private_notes_on_one_segment_are_kept_apart(client, segment):
    call = segment.call
    amal = make_trainee(call.group, name="Amal")
    lead_says = _save(client, segment, "Lead's own thoughts", level="private")
    _save(client, segment, "Lead about Amal", level="private", trainee=amal.key)
    client.force_login(_co_mentor(call))
    co_says = _save(client, segment, "Co-mentor's own thoughts", level="private")
    _save(client, segment, "Co-mentor about Amal", level="private", trainee=amal.key)

    assert lead_says.status_code == co_says.status_code == 200
    assert co_says.json()["version"] == 1
    rows = Note.objects.filter(level=NoteLevel.PRIVATE)
    assert sorted(rows.values_list("author__display_name", "body")) == [
        ("Co", "Co-mentor about Amal"),
        ("Co", "Co-mentor's own thoughts"),
        ("Lead", "Lead about Amal"),
        ("Lead", "Lead's own thoughts"),
    ]


def test_a_private_note_is_never_shown_to_a_co_mentor(client, segment):
    call = segment.call
    amal = make_trainee(call.group, name="Amal")
    _save(client, segment, "Only for me", level="private")
    _save(client, segment, "Only for me, about Amal", level="private", trainee=amal.key)
    _save(client, segment, "For both of us", level="mentors")
    _save(client, segment, "For everyone", level="shared")
    client.force_login(_co_mentor(call))

    runner = _page(client, call)

    assert "Only for me" not in runner
    assert "For both of us" in runner
    assert "For everyone" in runner

    end_call(call)
    finished = _page(client, call)

    assert "Only for me" not in finished
    assert "For both of us" in finished
    assert "For everyone" in finished

    client.force_login(_lead(call))
    own = _page(client, call)
    assert "Only for me" in own
    assert "Only for me, about Amal" in own


def test_a_co_mentor_cannot_reach_a_private_note_through_a_conflict(client, segment):
    _save(client, segment, "Only for me", level="private")
    client.force_login(_co_mentor(segment.call))

    response = _save(client, segment, "Mine", level="private", version=1)

    # The co-mentor's version 1 is checked against their own (new) note, never the lead's.
    assert response.status_code == 409
    assert "Only for me" not in response.content.decode()
    assert Note.objects.get(author=_lead(segment.call)).body == "Only for me"


def test_without_javascript_saving_returns_to_the_session(client, segment):
    response = _save(client, segment, "Typed with JavaScript off", headers=BROWSER)

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[segment.call.key])
    assert _notes() == [("mentors", "Typed with JavaScript off", 1)]
    assert "Note saved." in page_text(client.get(response["Location"]))


def test_without_javascript_a_conflict_or_bad_input_says_so(client, segment):
    _save(client, segment, "First")

    stale = _save(client, segment, "Second", version=0, headers=BROWSER)
    assert "a co-mentor changed it" in page_text(client.get(stale["Location"]))

    too_long = _save(client, segment, "x" * (NOTE_MAX_CHARS + 1), version=1, headers=BROWSER)
    assert "A note holds up to 20,000 characters." in page_text(client.get(too_long["Location"]))
    assert _notes() == [("mentors", "First", 1)]


def test_htmx_gets_json_too(client, segment):
    response = _save(client, segment, "Text", headers=HTMX)

    assert response.status_code == 200
    assert response.json()["version"] == 1


def test_an_outsider_gets_404_and_nothing_is_saved(client, segment):
    client.force_login(make_mentor())

    assert _save(client, segment, "Text").status_code == 404
    assert _save(client, segment, "Text", level="private").status_code == 404
    assert not Note.objects.exists()


def test_an_unknown_segment_is_404(client, segment):
    assert client.post(reverse("calls:note_save", args=[Call().key]), {}).status_code == 404


def test_wrong_method(client, segment):
    assert client.get(_url(segment)).status_code == 405


@pytest.mark.django_db
def test_a_stale_version_for_a_note_nobody_wrote_yet_leaves_no_row(client):
    from mentorplan.calls.models import Note
    from mentorplan.testing import make_call, make_group, make_mentor, start_call

    mentor = make_mentor()
    call = start_call(make_call(make_group(mentor)))
    client.force_login(mentor)
    segment = call.segments.get(position=0)

    response = client.post(
        reverse("calls:note_save", args=[segment.key]),
        {"level": "mentors", "body": "hello", "version": 3},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 409
    assert not Note.objects.exists()


def test_a_conflict_offers_their_text_and_three_choices(client, segment):
    call = segment.call
    client.force_login(_co_mentor(call))
    _save(client, segment, "\nLine one of theirs\n  indented <b>not bold</b>")
    client.force_login(_lead(call))

    response = _save(client, segment, "Mine", version=0)

    assert response.status_code == 409
    assert _conflict(response) == {
        "says": "Co changed this note while you were typing. Their version:",
        "theirs": "\nLine one of theirs\n  indented <b>not bold</b>",
        "buttons": ["Keep my text", "Use their text", "Keep both"],
        "version": "1",
    }
    assert _notes() == [("mentors", "\nLine one of theirs\n  indented <b>not bold</b>", 1)]


def test_saving_on_top_of_their_version_settles_the_conflict(client, segment):
    _save(client, segment, "Theirs")
    stale = _save(client, segment, "Mine", version=0)

    settled = _save(client, segment, "Theirs\n\nMine", version=int(_conflict(stale)["version"]))

    assert settled.status_code == 200
    assert settled.json()["version"] == 2
    assert _notes() == [("mentors", "Theirs\n\nMine", 2)]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_at_once_keep_one_text_and_offer_it_to_the_other(segment):
    lead, co_mentor = Client(), Client()
    lead.force_login(_lead(segment.call))
    co_mentor.force_login(_co_mentor(segment.call))

    with meeting_before_save(Note):
        answers = at_once(
            lambda: _save(lead, segment, "Lead's first words"),
            lambda: _save(co_mentor, segment, "Co-mentor's first words"),
        )

    assert sorted(answer.status_code for answer in answers) == [200, 409]
    kept = Note.objects.get()
    assert kept.version == 1
    other = next(answer for answer in answers if answer.status_code == 409)
    assert _conflict(other)["theirs"] == kept.body
    assert _conflict(other)["version"] == "1"


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_on_one_version_keep_one_and_show_it_to_the_other(segment):
    lead, co_mentor = Client(), Client()
    lead.force_login(_lead(segment.call))
    co_mentor.force_login(_co_mentor(segment.call))
    _save(lead, segment, "Start")

    for version in range(1, 21):  # a race is decided by timing: give it many chances
        answers = at_once(
            partial(_save, lead, segment, f"Lead {version}", version=version),
            partial(_save, co_mentor, segment, f"Co {version}", version=version),
        )

        assert sorted(answer.status_code for answer in answers) == [200, 409]
        kept = Note.objects.get()
        assert kept.version == version + 1
        winner = answers[0] if answers[0].status_code == 200 else answers[1]
        assert winner.json()["version"] == kept.version
        assert kept.body == ("Lead" if winner is answers[0] else "Co") + f" {version}"


def test_line_breaks_sent_as_crlf_are_kept_as_the_page_shows_them(client, segment):
    # Browsers send a text box's line breaks as CR LF and show them as LF.
    response = _save(client, segment, "Bogdan met his goal.\r\nChen needs a smaller one.")

    assert response.status_code == 200
    assert _notes() == [("mentors", "Bogdan met his goal.\nChen needs a smaller one.", 1)]


def test_the_same_text_sent_again_on_an_old_version_is_no_conflict(client, segment):
    # A multi-line note sent as the page unloads, then sent again from the draft after the
    # reload: the text the page shows is the one saved, so there is nothing to choose.
    _save(client, segment, "Line one\r\nLine two")

    again = _save(client, segment, "Line one\nLine two", version=0)

    assert again.status_code == 200
    assert again.json()["version"] == 1
    assert _notes() == [("mentors", "Line one\nLine two", 1)]


def test_a_note_at_the_limit_with_line_breaks_is_saved(client, segment):
    # The browser counts a line break as one character and sends it as two.
    body = ("x" * 99 + "\r\n") * (NOTE_MAX_CHARS // 100)

    assert _save(client, segment, body).status_code == 200
