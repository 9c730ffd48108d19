"""Kept parts last through a busy evening: each process keeps thousands, compressed; their
forms carry the reader's own CSRF token, and their holes what changes by the second."""

import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token, rotate_token  # type: ignore[attr-defined]
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils.safestring import mark_safe

from mentorplan.lib.fragments import CSRF_MARK, hole, kept, key_of
from mentorplan.testing import make_group, make_mentor, parse
from mentorplan.testing.weight import collected, collected_static, served_as_in_production

# A part as large as a group page's, and about as repetitive, in more than one alphabet.
PAGE = "".join(
    f'<li class="row" id="goal-{n}"><span class="grow">Goal {n} for Zoë — أمل: a kata</span></li>\n'
    for n in range(400)
)


def keep(name: str, drawn: list[str]) -> str:
    """The part `name`, noting in `drawn` when it had to be drawn."""

    def draw() -> str:
        drawn.append(name)
        return PAGE

    return str(kept(RequestFactory().get("/"), name, ("made of", name), draw))


def test_a_part_stays_kept_while_a_thousand_other_readers_ask_for_theirs():
    """Django's cache keeps 300 entries unless told otherwise: pages asked for by one reader
    after another, more of them than that, would all be drawn afresh every time."""
    cache.clear()
    drawn: list[str] = []
    keep("page-of-the-first-reader", drawn)
    for reader in range(1000):
        keep(f"page-of-reader-{reader}", drawn)
    drawn.clear()

    assert keep("page-of-the-first-reader", drawn) == PAGE
    assert drawn == []


def test_a_kept_part_is_kept_compressed():
    keep("group-page", [])

    stored = cache.get(key_of("group-page", ("made of", "group-page")))

    assert len(stored) < len(PAGE.encode()) / 5


def test_a_kept_form_carries_the_reader_s_token_even_after_it_changes():
    """One masking serves every part of a page, until the secret behind it changes (as it does
    when someone signs in)."""
    request = RequestFactory().get("/")
    form = f'<input name="csrfmiddlewaretoken" value="{CSRF_MARK}">'

    def token_in(name: str) -> str:
        return str(kept(request, name, ("a form", name), lambda: form)).split('value="')[1][:-2]

    first, second = token_in("notes"), token_in("agenda")
    assert first == second
    assert _unmask_cipher_token(first) == request.META["CSRF_COOKIE"]

    rotate_token(request)
    after = token_in("tools")

    assert after != first
    assert _unmask_cipher_token(after) == request.META["CSRF_COOKIE"]


def test_a_page_its_templates_and_its_kept_parts_carry_one_masking_of_the_token():
    """Masking the token costs more than serving a kept part, and Django masks it afresh for
    every template drawn with the request: a page's own forms, each template drawn for it and its
    kept parts share one masking."""
    request = RequestFactory().get("/")
    template = engines["django"].from_string('{% csrf_token %}<body data-token="{{ csrf_token }}">')
    form = f'<input name="csrfmiddlewaretoken" value="{CSRF_MARK}">'

    drawn = [
        str(kept(request, "notes", ("a form", "notes"), lambda: form)),
        template.render({}, request),
        template.render({}, request),
    ]

    tokens = {found for html in drawn for found in re.findall(r'(?:value|token)="(\w+)"', html)}
    assert len(tokens) == 1
    assert _unmask_cipher_token(tokens.pop()) == request.META["CSRF_COOKIE"]


def test_a_kept_part_s_holes_get_this_request_s_values_escaped_once():
    """What a value holds, HTML or text that looks like a hole, is sent as it is, never read for
    holes again; what people typed, escaped by the template, can never be taken for a hole."""
    cache.clear()
    template = Template("<p>{{ typed }}</p><p>{{ clock }}</p><div>{{ part }}</div>")
    request = RequestFactory().get("/")

    def page(clock: str, part: str) -> str:
        typed = "<!--hole:clock--> & more"
        holes = {"clock": hole("clock"), "part": hole("part")}
        return str(
            kept(
                request,
                "page",
                ("made of", typed),
                lambda: template.render(Context({"typed": typed, **holes})),
                {"part": mark_safe(part), "clock": clock},
            )
        )

    first = page("4:59 <left>", "<b>Notes</b> <!--hole:clock-->")
    again = page("4:58 <left>", "<b>Notes</b>")

    typed = "<p>&lt;!--hole:clock--&gt; &amp; more</p>"
    assert first == f"{typed}<p>4:59 &lt;left&gt;</p><div><b>Notes</b> <!--hole:clock--></div>"
    assert again == f"{typed}<p>4:58 &lt;left&gt;</p><div><b>Notes</b></div>"


@pytest.mark.django_db
def test_a_page_kept_before_the_static_files_changed_names_the_new_ones(client):
    """Kept pages name scripts and stylesheets by their hashed names: after a release that
    changes them, a page kept before it would send the browser to files no longer there."""
    mentor = make_mentor()
    group = make_group(mentor)
    client.force_login(mentor)
    url = reverse("groups:detail", args=[group.key])

    def stylesheets() -> list[str]:
        return [str(link["href"]) for link in parse(client.get(url)).select("link[rel=stylesheet]")]

    sheets = ["css/mentorplan.css", "css/reports.css"]
    assert stylesheets() == [f"/static/{sheet}" for sheet in sheets]  # kept, named as written
    with served_as_in_production():
        assert stylesheets() == [
            f"/static/{collected(sheet).relative_to(collected_static())}" for sheet in sheets
        ]
