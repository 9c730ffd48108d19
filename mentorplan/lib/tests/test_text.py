"""Typed text: one form for line breaks, and both texts of a conflict kept once each."""

import pytest

from mentorplan.lib.forms import TextBoxField
from mentorplan.lib.text import join_texts, plain_lines, same_text


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\nb", "a\nb"), ("a\r\n\r\nb", "a\n\nb")],
)
def test_every_line_break_becomes_lf(sent, kept):
    assert plain_lines(sent) == kept
    assert TextBoxField(required=False, strip=False).clean(sent) == kept


def test_texts_that_differ_only_in_line_breaks_are_the_same():
    assert same_text("a\r\nb", "a\nb")
    assert same_text(None, "")
    assert not same_text("a", "b")


@pytest.mark.parametrize(
    ("theirs", "mine", "both"),
    [
        ("Theirs", "Mine", "Theirs\n\nMine"),
        ("Same\r\ntext", "Same\ntext", "Same\ntext"),
        ("", "Mine", "Mine"),
        ("Theirs", "  ", "Theirs"),
    ],
)
def test_keeping_both_keeps_each_text_once(theirs, mine, both):
    assert join_texts(theirs, mine) == both
