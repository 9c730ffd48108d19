"""Read the recap and technical mentoring tools the way a mentor reads them."""

import html
import re
from typing import Any

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from mentorplan.calls.models import Call

_TOPIC = re.compile(r'<article class="topic".*?</article>', re.DOTALL)
_TITLE = re.compile(r'<h3 id="topic-[^"]*">(.*?)(?: <span|</h3>)', re.DOTALL)
_PERSON = re.compile(
    r'<span class="grow">(?P<name>.*?)</span>.*?aria-pressed="true">(?P<status>.*?)</button>',
    re.DOTALL,
)


_BEFORE = re.compile(r"Understood in an earlier session: (.*?)</p>", re.DOTALL)


def topic_queue(response: HttpResponse) -> dict[str, dict[str, Any]]:
    """The technical queue as shown, by topic title: whether it is marked as carried over from an
    earlier session, each trainee's status as the pressed button says it, and (only when there
    are any) who understood it in an earlier session."""
    queue: dict[str, dict[str, Any]] = {}
    for article in _TOPIC.findall(response.content.decode()):
        title = _TITLE.search(article)
        assert title, "a topic without a heading"
        heading = article[: article.index("</h3>")]
        people = {
            html.unescape(m["name"]): html.unescape(m["status"]) for m in _PERSON.finditer(article)
        }
        row: dict[str, object] = {"carried": "carried over" in heading, "people": people}
        before = _BEFORE.search(article)
        if before:
            row["understood before"] = [
                html.unescape(n) for n in re.sub(r"<[^>]+>", "", before[1]).split(", ")
            ]
        queue[html.unescape(title[1])] = row
    return queue


def runner(client: Client, call: Call) -> Any:
    """The session page as the mentor sees it now."""
    response = client.get(reverse("calls:detail", args=[call.key]))
    assert response.status_code == 200
    return response
