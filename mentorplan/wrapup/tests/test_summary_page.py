"""The summary page: a preview, the Markdown and the Slack text, each with a copy button."""

import html
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.testing import check_in, end_call, make_call, page_text, start_call
from mentorplan.wrapup.models import Resource, ResourceShare

pytestmark = pytest.mark.django_db


def _url(call: Call) -> str:
    return reverse("wrapup:summary", args=[call.key])


def _textarea(content: str, name: str) -> str:
    match = re.search(rf'<textarea id="summary-{name}"[^>]*>(.*?)</textarea>', content, re.DOTALL)
    assert match, f"no {name} text on the page"
    return html.unescape(match[1])


@pytest.fixture
def finished(mentor, call, amal) -> Call:
    check_in(call, amal)
    segment = call.segments.first()
    assert segment is not None
    for level, body in [
        (NoteLevel.SHARED, "Shared: try the array kata"),
        (NoteLevel.PRIVATE, "Private: worried about her housing"),
        (NoteLevel.MENTORS, "Mentors: pair her with Sam"),
    ]:
        Note.objects.create(call=call, segment=segment, level=level, author=mentor, body=body)
    resource = Resource.objects.create(owner=mentor, title="Arrays <b>", url="https://ex.org/a")
    ResourceShare.objects.create(call=call, resource=resource, trainee=amal)
    return end_call(call)


def test_the_page_shows_the_markdown_and_the_slack_text(client, finished):
    response = client.get(_url(finished))

    assert response.status_code == 200
    content = response.content.decode()
    markdown = _textarea(content, "markdown")
    slack = _textarea(content, "slack")
    assert "**Who was there:** Amal" in markdown and "*Who was there:* Amal" in slack
    assert "[Arrays \\<b\\>](https://ex.org/a) for Amal" in markdown
    assert "Arrays <b> (for Amal): https://ex.org/a" in slack
    assert "Shared: try the array kata" in markdown
    assert "Copy Markdown" in content and "Copy for Slack" in content
    # The preview is rendered Markdown, with the title escaped and the link made safe.
    assert '<a href="https://ex.org/a" rel="noopener noreferrer">Arrays &lt;b&gt;</a>' in content
    assert "<b>" not in content.replace("&lt;b&gt;", "")
    assert re.findall(r"<h1>(.*?)</h1>", content) == ["Summary to share"]  # the preview's are h2
    assert "<h2>Mentoring session, " in content and ", with Tuesday buddies</h2>" in content


def test_private_and_mentors_notes_never_appear(client, finished):
    text = page_text(client.get(_url(finished)))

    for secret in ("Private:", "housing", "Mentors:", "Sam"):
        assert secret not in text


def test_the_next_call_is_in_the_summary(client, finished):
    following = make_call(finished.group)

    text = page_text(client.get(_url(finished)))

    local = timezone.localtime(following.scheduled_at, zoneinfo.ZoneInfo("Europe/London"))
    assert f"{local:%A} {local.day} {local:%B}, {local:%H:%M} (Europe/London time)" in text
    assert "To be arranged" not in text


def test_a_live_session_has_a_summary_too(client, call, amal):
    check_in(call, amal)

    assert "Who was there: Amal" in page_text(client.get(_url(start_call(call))))


def test_an_outsider_gets_404(client, finished, outsider):
    assert client.get(_url(finished)).status_code == 404


def test_wrong_method(client, finished):
    assert client.post(_url(finished)).status_code == 405


def test_the_copy_buttons_come_before_the_preview(client, finished):
    """On a phone the preview is a long scroll: the buttons are where the page starts."""
    content = client.get(_url(finished)).content.decode()

    preview = content.index('class="card summary-preview"')
    for button in ("Copy for Slack", "Copy Markdown"):
        assert content.count(button) == 1
        assert content.index(button) < preview, button
