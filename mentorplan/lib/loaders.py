"""The site's HTML templates, read without the indentation they are written with.

A template is indented so that people can read it; a browser does not need the spaces. Read as
written, they were the largest part of a page's HTML that is neither markup nor text (the
runner at Technical mentoring: 57 kB, 11 kB of it spaces at the start of a line). Every run of
white space with a line break in it becomes a single line break: the page reads and looks the
same, since HTML shows any run of white space between words or elements as one space. Where
white space is the text itself (`<pre>`, `<textarea>`) it is kept as written, and only `.html`
templates are read this way: a Markdown, Slack or email template keeps every space.
"""

import re

from django.template import Origin
from django.template.loaders import filesystem

KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL | re.IGNORECASE)
LINE_BREAK_AND_SPACES = re.compile(r"[ \t]*\n\s*")


def without_indentation(html: str) -> str:
    """`html` with every run of white space that holds a line break written as one line break,
    except inside `<pre>` and `<textarea>`."""
    parts = KEPT.split(html)  # the kept elements at the odd places
    return "".join(
        part if index % 2 else LINE_BREAK_AND_SPACES.sub("\n", part)
        for index, part in enumerate(parts)
    )


class Loader(filesystem.Loader):
    """Django's loader for the templates in TEMPLATES' DIRS, with `.html` templates read
    without their indentation."""

    def get_contents(self, origin: Origin) -> str:
        contents = super().get_contents(origin)
        return without_indentation(contents) if origin.name.endswith(".html") else contents
