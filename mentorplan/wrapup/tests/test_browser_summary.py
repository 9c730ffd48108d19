"""The summary page in a real browser, on a laptop and a phone: "Copy for Slack" is in view when
the page opens and puts the Slack text, as the message box should get it, on the clipboard.
The screenshots land in test-artifacts/screenshots for a person to look at."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.testing import check_in, end_call, make_call, make_group, make_mentor, make_trainee
from mentorplan.testing.browser import SCREENSHOTS
from mentorplan.wrapup import summary
from mentorplan.wrapup.models import Resource, ResourceShare, Win
from mentorplan.wrapup.tests.test_browser_wrapup import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.fixture
def lead(db):
    return make_mentor(display_name="Lena", timezone="Europe/London")


@pytest.fixture
def finished(lead) -> Call:
    """A finished session with enough in it for the preview to be a long scroll on a phone."""
    group = make_group(lead, name="Tuesday buddies")
    trainees = [make_trainee(group, name=name) for name in ["Amal", "Bogdan", "Chen"]]
    started = timezone.now() - timedelta(hours=2)
    call = make_call(group, scheduled_at=started)
    for trainee in trainees:
        check_in(call, trainee)
        Win.objects.create(call=call, trainee=trainee, text="Explained a loop step by step")
        resource = Resource.objects.create(
            owner=lead, title=f"Arrays for {trainee.name}", url="https://e.example/arrays"
        )
        ResourceShare.objects.create(call=call, resource=resource, trainee=trainee)
    for segment in call.segments.all():
        Note.objects.create(
            call=call,
            segment=segment,
            level=NoteLevel.SHARED,
            author=lead,
            body="Tea & <b>biscuits</b>, @channel: https://e.example/kata\nand a second line",
        )
    return end_call(call, started + timedelta(hours=1, minutes=15))


@pytest.mark.parametrize(
    ("device", "viewport"), [("page", (1280, 800)), ("phone", (390, 844))], ids=["laptop", "phone"]
)
def test_copy_for_slack_is_in_view_and_copies_the_slack_text(
    request, device, viewport, live_server, lead, finished, axe_check
):
    page = request.getfixturevalue(device)
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, lead)
    page.goto(reverse("wrapup:summary", args=[finished.key]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Summary to share")

    button = page.get_by_role("button", name="Copy for Slack")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, "scroll to find the button"
    assert page.evaluate("document.documentElement.scrollHeight") > height  # a long page
    axe_check(page)
    no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / f"summary-top-{device}.png")
    page.screenshot(path=SCREENSHOTS / f"summary-{device}.png", full_page=True)

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    button.click()
    expect(page.get_by_text("Paste it into your group's Slack channel")).to_be_visible()

    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == summary.as_slack(summary.build(finished))
    assert copied.startswith("*Mentoring session, ") and ", with Tuesday buddies*\n" in copied
    assert "Tea & <b>biscuits</b>, @ channel: https://e.example/kata\n  and a second line" in copied
    assert "@channel" not in copied and "&amp;" not in copied
