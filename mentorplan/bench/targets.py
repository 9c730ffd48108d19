"""What the bench asks for: each path as the requests a signed-in mentor's browser makes."""

import secrets
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

from mentorplan.accounts import signin
from mentorplan.accounts.models import User
from mentorplan.bench.load import PROXY_HEADERS, fetch
from mentorplan.calls.models import Call, NoteLevel

PAGE = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


class Visitor:
    """A signed-in mentor's cookies and CSRF token, as their browser would send them."""

    def __init__(self, mentor: User) -> None:
        client = Client()
        client.force_login(mentor, backend=signin.BACKEND)
        self.session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.csrf = secrets.token_hex(16)  # a CSRF secret as Django makes them: 32 characters

    def headers(self, extra: dict[str, str] | None = None, *, port: int = 0) -> dict[str, str]:
        cookie = f"{settings.SESSION_COOKIE_NAME}={self.session}; csrftoken={self.csrf}"
        sent = {**PROXY_HEADERS, **PAGE, "Cookie": cookie, **(extra or {})}
        if port:  # a form or a script sending from the page it is on
            sent.update({"Origin": f"https://127.0.0.1:{port}", "X-CSRFToken": self.csrf})
        return sent

    def post(self, port: int, path: str, **fields: object) -> tuple[int, dict[str, str], bytes]:
        headers = self.headers(FORM, port=port)
        body = "&".join(f"{name}={value}" for name, value in fields.items())
        return fetch(port, "POST", path, headers, body)


def targets(
    port: int, visitor: Visitor, calls: dict[str, Call], group_keys: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Each path of the bench as a wrk target (see load.lua)."""
    welcome, technical, finished = calls["welcome"], calls["technical"], calls["finished"]
    state = poll_address(port, visitor, reverse("calls:detail", args=[welcome.key]))
    group = group_keys["first"]

    def screen(path: str) -> dict[str, Any]:
        return {"requests": [{"path": path, "headers": visitor.headers()}]}

    return {
        "floor": {"requests": [{"path": "/bench/floor/", "headers": {**PROXY_HEADERS, **PAGE}}]},
        "poll_304": poll(port, visitor, state),
        "poll_200": screen(state),
        "autosave": autosave(port, visitor, welcome),
        "runner": screen(reverse("calls:detail", args=[welcome.key])),
        "runner_technical": screen(reverse("calls:detail", args=[technical.key])),
        "group_page": with_panels(port, visitor, reverse("groups:detail", args=[group])),
        "goals_board": screen(reverse("goals:board", args=[group])),
        "sessions": screen(reverse("calls:group_calls", args=[group])),
        "finished": screen(reverse("calls:detail", args=[finished.key])),
        "summary": screen(reverse("wrapup:summary", args=[finished.key])),
    }


class _PollAddress(HTMLParser):
    """The address a session's page tells its screen to poll."""

    def __init__(self) -> None:
        super().__init__()
        self.path = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.path = self.path or dict(attrs).get("data-state-url") or ""


def poll_address(port: int, visitor: Visitor, page: str) -> str:
    status, _, body = fetch(port, "GET", page, visitor.headers())
    assert status == 200, status
    found = _PollAddress()
    found.feed(body.decode())
    assert found.path, f"{page} polls nothing"
    return found.path


def poll(port: int, visitor: Visitor, state: str) -> dict[str, Any]:
    """The poll of a screen that is up to date: it sends the ETag it got last."""
    status, headers, _ = fetch(port, "GET", state, visitor.headers())
    assert status == 200, status
    etag = headers["ETag"]
    return {"requests": [{"path": state, "headers": visitor.headers({"If-None-Match": etag})}]}


def autosave(port: int, visitor: Visitor, call: Call) -> dict[str, Any]:
    """Notes saved from the session's page: one note per person typing (a segment, maybe about
    a trainee, at one level), so that every save is a real write, never a conflict."""
    trainees = [""] + [str(key) for key in call.group.trainees.values_list("key", flat=True)]
    headers = visitor.headers(FORM, port=port)
    notes = [
        {
            "path": reverse("calls:note_save", args=[segment.key]),
            "fields": f"level={level}&trainee={trainee}",
            "headers": headers,
        }
        for segment in call.segments.all()
        for trainee in trainees
        for level in NoteLevel.values
    ]
    return {"requests": [], "notes": notes}


class _LoadedParts(HTMLParser):
    """The addresses of the parts a page loads by itself as soon as it is shown."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        trigger = found.get("hx-trigger") or ""
        if found.get("hx-get") and ("load" in trigger or "revealed" in trigger):
            self.paths.append(str(found["hx-get"]))


def with_panels(port: int, visitor: Visitor, page: str) -> dict[str, Any]:
    """A page and every panel it loads on its own: one complete screen."""
    status, _, body = fetch(port, "GET", page, visitor.headers())
    assert status == 200, status
    parts = _LoadedParts()
    parts.feed(body.decode())
    htmx = visitor.headers({"HX-Request": "true"})
    return {
        "requests": [
            {"path": page, "headers": visitor.headers()},
            *({"path": path, "headers": htmx} for path in parts.paths),
        ]
    }


def many_readers(readers: list[tuple[Visitor, str]], lead: dict[str, Any]) -> dict[str, Any]:
    """Each reader asks for the page of their own group (its address in `readers`), one after
    another: kept pages as a server keeps them for many people, not for one. `lead`, the lead's
    group page as a screen, must be the page alone, as each reader's is here."""
    if len(lead["requests"]) != 1:
        raise RuntimeError("The group page loads panels of its own: ask for them for each reader.")
    pages = [{"path": page, "headers": visitor.headers()} for visitor, page in readers]
    return {"requests": pages, "screen": 1}  # each request a reader's screen of its own


def trainee(port: int, token: str, between: str) -> dict[str, dict[str, Any]]:
    """A trainee's phone during the call: their page, and its poll while nothing changes; and
    the page of a trainee (link `between`) whose group has no call under way: their goals, the
    next call, their last sessions. Trainees have no account: the link is all they send."""
    page = reverse("room:page", args=[token])
    state = reverse("room:live_state", args=[token])
    phone = {**PROXY_HEADERS, **PAGE}
    for _ in range(2):  # the first poll says they are in the room, which the room shows
        status, headers, _ = fetch(port, "GET", state, phone)
        assert status == 200, status
    unchanged = {**phone, "If-None-Match": headers["ETag"]}
    assert fetch(port, "GET", state, unchanged)[0] == 304
    return {
        "trainee_poll": {"requests": [{"path": state, "headers": unchanged}]},
        "trainee_page": {"requests": [{"path": page, "headers": phone}]},
        "trainee_between": {
            "requests": [{"path": reverse("room:page", args=[between]), "headers": phone}]
        },
    }
