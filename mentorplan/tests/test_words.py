"""People read "session", never "call" (README → For developers → Words).

Every template is read as a person sees it: template comments, `{{ }}` and `{% %}` are taken out,
then the HTML parser keeps the text and the attributes a person reads or hears (aria-label, title,
alt, placeholder, a button's value, the words a script shows such as data-confirm). E-mails and
Markdown are text throughout. "Video call" is the meeting's link (Zoom, Meet, Jitsi), a different
thing, and keeps its name.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CALL = re.compile(r"\bcalls?\b", re.IGNORECASE)
VIDEO_BEFORE = re.compile(r"video[\s-]+$", re.IGNORECASE)
COMMENT_BLOCK = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}", re.DOTALL)
TEMPLATE_SYNTAX = re.compile(r"{#.*?#}|{{.*?}}|{%.*?%}", re.DOTALL)
READ_ATTRIBUTES = {
    *("aria-label", "aria-description", "title", "alt", "placeholder"),
    # Words the page's scripts show or announce: a confirmation, "Copied", the runner's status.
    *("data-confirm", "data-copied", "data-paused", "data-live"),
}
BUTTON_INPUTS = {"submit", "button", "reset"}
UNREAD_ELEMENTS = {"script", "style"}


def _without_template_syntax(source: str) -> str:
    """The template with its own syntax blanked out, newlines kept so line numbers hold."""

    def blank(match: re.Match[str]) -> str:
        return " " + "\n" * match.group(0).count("\n")

    return TEMPLATE_SYNTAX.sub(blank, COMMENT_BLOCK.sub(blank, source))


def _calls_in(text: str, before: str = "") -> list[int]:
    """Where `text` says call/calls other than "video call": offsets into `text`."""
    return [
        match.start()
        for match in CALL.finditer(text)
        if not VIDEO_BEFORE.search(before + text[: match.start()])
    ]


class _ReadText(HTMLParser):
    """Collects (line, words) for every "call" in what a person reads or hears on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.unread_depth = 0
        self.text_so_far = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNREAD_ELEMENTS:
            self.unread_depth += 1
        values = dict(attrs)
        read = [value for name, value in attrs if name in READ_ATTRIBUTES]
        if tag == "input" and values.get("type") in BUTTON_INPUTS:
            read.append(values.get("value"))
        line = self.getpos()[0]
        for value in read:
            if value and _calls_in(value):
                self.found.append((line, value.strip()))

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD_ELEMENTS and self.unread_depth:
            self.unread_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.unread_depth:
            return
        line = self.getpos()[0]
        for offset in _calls_in(data, before=self.text_so_far):
            self.found.append((line + data.count("\n", 0, offset), _around(data, offset)))
        self.text_so_far = (self.text_so_far + data)[-40:]


def _around(text: str, offset: int) -> str:
    return " ".join(text[max(0, offset - 40) : offset + 40].split())


def calls_read_in(source: str, *, html: bool) -> list[tuple[int, str]]:
    """(line, words) for each place a person would read "call" in this template source."""
    text = _without_template_syntax(source)
    if not html:
        return [
            (text.count("\n", 0, offset) + 1, _around(text, offset)) for offset in _calls_in(text)
        ]
    parser = _ReadText()
    parser.feed(text)
    parser.close()
    return parser.found


def _templates() -> list[Path]:
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in {".html", ".txt", ".md"})


def test_there_are_templates_to_read():
    names = {path.name for path in _templates()}

    assert {"base.html", "session_reminder.txt", "summary.md"} <= names


def _name(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


@pytest.mark.parametrize("path", _templates(), ids=_name)
def test_no_template_says_call_to_a_person(path):
    found = calls_read_in(path.read_text(encoding="utf-8"), html=path.suffix == ".html")

    assert found == [], f'{_name(path)} says "call" where people read "session": {found}'


@pytest.mark.parametrize(
    ("source", "html", "lines"),
    [
        ("<h2>Your next call</h2>", True, [1]),
        ("<p>Your last\nCalls</p>", True, [2]),
        ('<progress aria-label="Call progress"></progress>', True, [1]),
        ('<input type="submit" value="Plan the next call">', True, [1]),
        ('<form data-confirm="End the call for everyone?"></form>', True, [1]),
        ("<p>Join the video call</p><p>video-call link</p>", True, []),
        ("<p>Back to the video <strong>call</strong></p>", True, []),
        (
            '<a href="{% url \'calls:detail\' call.key %}" hx-get="/calls/">{{ call.title }}</a>',
            True,
            [],
        ),
        ('<input type="hidden" name="call" value="{{ call.key }}">', True, []),
        ("{# Watches for the call to start #}<script>call()</script>", True, []),
        ("{% comment %}\nthe call\n{% endcomment %}<p>A session</p>", True, []),
        ("Hello,\n\nGood luck with the call!", False, [3]),
        ("The video call is here: {{ call.video_link }}", False, []),
    ],
)
def test_the_reader_finds_call_where_a_person_reads_it(source, html, lines):
    assert [line for line, _ in calls_read_in(source, html=html)] == lines
