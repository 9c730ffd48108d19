"""Pages are sent without the indentation their templates are written with, and look and read
the same: a line break stays wherever there was white space, and text whose spaces are the text
(a `<pre>`, a `<textarea>`, a Markdown or email template, what someone typed) keeps them."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Engine, loader
from django.urls import reverse

from mentorplan.calls.models import Note, NoteLevel
from mentorplan.lib.loaders import without_indentation
from mentorplan.testing import make_call, parse, start_call

CODE = "def total(items):\n    return sum(items)\n\n    # two spaces  inside"


def test_indentation_and_empty_lines_go_and_a_line_break_stays():
    html = "<ul>\n    <li>A</li>\n\n    <li>B</li>  \n\t</ul>\n<p>one\n   two</p>"

    assert without_indentation(html) == "<ul>\n<li>A</li>\n<li>B</li>\n</ul>\n<p>one\ntwo</p>"


def test_text_in_pre_and_textarea_keeps_its_spaces():
    pre = '<pre class="code">\n  a\n\n    b</pre>'
    textarea = '<TEXTAREA name="t">\n  one\n\n  two</TEXTAREA>'
    html = f"<div>\n  {pre}\n  <p>\n    x\n  </p>\n  {textarea}\n</div>"

    assert without_indentation(html) == f"<div>\n{pre}\n<p>\nx\n</p>\n{textarea}\n</div>"


def test_only_html_templates_are_read_without_indentation(tmp_path: Path):
    (tmp_path / "page.html").write_text("<ul>\n  <li>{{ name }}</li>\n</ul>\n")
    (tmp_path / "summary.md").write_text("- {{ name }}\n    - indented\n\n        code\n")
    engine = Engine(dirs=[str(tmp_path)], loaders=["mentorplan.lib.loaders.Loader"])
    context = Context({"name": "Amal"})

    assert engine.get_template("page.html").render(context) == "<ul>\n<li>Amal</li>\n</ul>\n"
    assert engine.get_template("summary.md").render(context) == (
        "- Amal\n    - indented\n\n        code\n"
    )


def test_the_site_reads_its_html_templates_without_indentation():
    written = (Path(settings.BASE_DIR) / "templates" / "calls" / "runner.html").read_text()
    read = loader.get_template("calls/runner.html").template.source  # type: ignore[attr-defined]

    assert "\n  <" in written
    assert read == without_indentation(written)


@pytest.mark.django_db
def test_a_note_with_indented_code_keeps_its_spaces_on_the_page(client, mentor, group):
    call = start_call(make_call(group))
    segment = call.segments.get(position=0)
    Note.objects.create(
        call=call, segment=segment, level=NoteLevel.MENTORS, author=mentor, body=CODE
    )
    client.force_login(mentor)

    page = parse(client.get(reverse("calls:detail", args=[call.key])))

    shown = page.select_one(f"textarea#note-{segment.key.hex}-mentors")
    assert shown is not None
    assert shown.string == "\n" + CODE  # the parser eats the first line break
