"""Typed text inside Markdown and Slack text reads as typed."""

import cmarkgfm
import pytest

from mentorplan.lib.markup import link_address, markdown_text, slack_text


def _rendered(markdown: str) -> str:
    """The HTML of one list item holding `markdown`, without the list around it."""
    html = cmarkgfm.github_flavored_markdown_to_html(f"- {markdown}\n")
    assert html.startswith("<ul>\n<li>") and html.endswith("</li>\n</ul>\n"), html
    return html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")


@pytest.mark.parametrize(
    ("typed", "html"),
    [
        ("Welcome & chit chat", "Welcome &amp; chit chat"),
        ("*em* _em_ **strong** `code` ~~del~~", "*em* _em_ **strong** `code` ~~del~~"),
        ("[x](https://e.example)", '[x](<a href="https://e.example">https://e.example</a>)'),
        ("![i](/i.png) [ref]: /x", "![i](/i.png) [ref]: /x"),
        ("<b>b</b> <script>x</script>", "&lt;b&gt;b&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;"),
        ("&amp; &#60; &copy;", "&amp;amp; &amp;#60; &amp;copy;"),
        ("a | b\n|---|---|", "a | b<br />\n|---|---|"),
        ("back\\slash\\", "back\\slash\\"),
        ("# h\n## h\n- l\n+ l\n* l\n1. l\n2) l\n> q\n===\n---", None),
        ("one\n\n\n   two   \n\tthree", "one<br />\ntwo<br />\nthree"),
        ("see https://e.example/a_b*c (https://e.example/x).", None),
    ],
)
def test_markdown_text_renders_as_typed(typed, html):
    rendered = _rendered(markdown_text(typed))

    if html is None:  # the lines as typed, without their markup, one per line
        lines = [line.strip().replace(">", "&gt;") for line in typed.splitlines()]
        html = "<br />\n".join(lines)
        for url in ("https://e.example/a_b*c", "https://e.example/x"):
            html = html.replace(url, f'<a href="{url}">{url}</a>')
    assert rendered == html


def test_a_web_address_is_a_link_with_what_ends_the_sentence_left_out():
    rendered = _rendered(markdown_text("Read (https://e.example/a_(b)), then https://e.example/c."))

    assert rendered == (
        'Read (<a href="https://e.example/a_(b)">https://e.example/a_(b)</a>), then '
        '<a href="https://e.example/c">https://e.example/c</a>.'
    )


def test_only_web_addresses_become_links():
    assert "<a" not in _rendered(markdown_text("javascript:alert(1) <data:text/html,x>"))


def test_a_link_address_stays_whole():
    address = link_address("https://e.example/lo ops(1)\\<x>")

    assert address == "https://e.example/lo%20ops%281%29%5C%3Cx%3E"
    assert _rendered(f"[t]({address})") == f'<a href="{address}">t</a>'


@pytest.mark.parametrize(
    ("typed", "pasted"),
    [
        ("@channel @here @everyone", "@ channel @ here @ everyone"),
        ("Ask @amal (@bola), *@caio*", "Ask @ amal (@ bola), *@ caio*"),
        ("amal@e.example and @@here", "amal@e.example and @@ here"),
        ("https://e.example/@amal and @amal", "https://e.example/@amal and @ amal"),
        ("Tea & <b>biscuits</b> &amp;", "Tea & <b>biscuits</b> &amp;"),
        ("one\n\n  two\n> three", "one\n  two\n  > three"),
    ],
)
def test_slack_text_is_as_typed_but_mentions_nobody(typed, pasted):
    assert slack_text(typed) == pasted
