"""Kept parts last through a busy evening: each process keeps thousands, compressed; their
forms carry the reader's own CSRF token."""

from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token, rotate_token  # type: ignore[attr-defined]
from django.test import RequestFactory

from mentorplan.lib.fragments import CSRF_MARK, kept, key_of

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
