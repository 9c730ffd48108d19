"""What people typed, made safe to put inside text written for Markdown or for Slack's composer.

Every value a person typed (a name, a goal, a note, a title) goes through `markdown_text` or
`slack_text` before it joins our own markup, so it reads as typed and never becomes markup:
no headings, lists, emphasis, links, HTML or mentions that the writer did not mean.

Both keep the web addresses in the text whole and leave them to be linked (Markdown through an
autolink, Slack by its composer, which links addresses itself). Both keep a value of several lines
inside the list item it is written in: empty lines go, the others are indented under the item.
"""

import re
from collections.abc import Iterator
from urllib.parse import quote

# A web address as people write it in a sentence; punctuation that ends the sentence (or closes
# a bracket opened before the address) is not part of it.
_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'*_~"

# Inline markup in CommonMark (and GitHub's tables, strikethrough): escaped with a backslash
# wherever it stands. "&" only where it would start an entity such as "&amp;" or "&#60;".
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]<>~|]|&(?=#?\w+;)")
# What starts a block at the beginning of a line: a heading, a list, a quote, a heading's
# underline, a thematic break. Escaping its first character keeps the line a plain line.
_MARKDOWN_LINE_START = re.compile(r"^(?:[#+=-]|\d{1,9}(?=[.)]))")

# A mention: "@" at the start of a word ("@channel", "@here", "@amal"), not inside an e-mail
# address. A space after the "@" stops Slack from notifying anyone and still reads as the
# writer's words, whatever markup surrounds it; invisible or look-alike characters would not
# read (or search, or copy) the same, and backticks can be undone by a stray backtick in the
# text itself.
_SLACK_MENTION = re.compile(r"(?<!\w)@(?=\w)")


def _pieces(line: str) -> Iterator[tuple[str, bool]]:
    """The line cut into (text, is_address) pieces."""
    start = 0
    for match in _URL.finditer(line):
        url = match[0].rstrip(_URL_TRAILING)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(_URL_TRAILING)
        if "://" not in url or url.endswith("://"):
            continue
        yield line[start : match.start()], False
        yield url, True
        start = match.start() + len(url)
    yield line[start:], False


def _lines(value: object) -> list[str]:
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def markdown_text(value: object) -> str:
    """`value` as CommonMark text that renders exactly as typed, addresses as links."""
    lines = []
    for line in _lines(value):
        parts = []
        for piece, is_address in _pieces(line):
            if is_address:
                parts.append(f"<{piece}>")
            else:
                parts.append(_MARKDOWN_INLINE.sub(lambda m: "\\" + m[0], piece))
        text = "".join(parts)
        match = _MARKDOWN_LINE_START.match(text)
        if match and match[0].isdigit():
            text = text[: match.end()] + "\\" + text[match.end() :]
        elif match:
            text = "\\" + text
        lines.append(text)
    # A backslash before the line end is CommonMark's line break; the indent keeps the next line
    # inside the list item it continues.
    return "\\\n  ".join(lines)


def link_address(url: str) -> str:
    """A web address that stays whole in `[title](address)` and in Slack: no spaces, brackets
    or backslashes."""
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~")


def slack_text(value: object) -> str:
    """`value` as text to paste into Slack's message box: as typed, but it mentions nobody."""
    lines = []
    for line in _lines(value):
        parts = []
        for piece, is_address in _pieces(line):
            parts.append(piece if is_address else _SLACK_MENTION.sub("@ ", piece))
        lines.append("".join(parts))
    # Indented, so the lines that follow read as part of the bullet they continue.
    return "\n  ".join(lines)
