"""Text that people type: one form for line endings, and the two texts of a conflict.

Browsers send a text box's line breaks as CR LF and show them as LF, so text is kept with LF
only; otherwise a text saved and shown again would look changed to the one who typed it.
"""

import re

_LINE_BREAK = re.compile(r"\r\n?")


def plain_lines(text: str) -> str:
    """`text` with every line break as a single LF."""
    return _LINE_BREAK.sub("\n", text)


def same_text(one: str | None, other: str | None) -> bool:
    return plain_lines(one or "") == plain_lines(other or "")


def join_texts(theirs: str | None, mine: str | None) -> str:
    """Both texts of a conflict, theirs first, once each: a text the other already holds is not
    repeated."""
    theirs, mine = plain_lines(theirs or ""), plain_lines(mine or "")
    if not theirs.strip() or same_text(theirs, mine):
        return mine
    if not mine.strip():
        return theirs
    return f"{theirs}\n\n{mine}"
