"""Two co-mentors in real browsers: one types without stopping in the mentors' note while the other
presses "+5 min here" and then Next. A redraw never touches the field being typed in: the caret
stays where it was, every character arrives in order, on screen and on the server, and the runner
moves on to the next part once the typing stops."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Call, Note, NoteLevel
from mentorplan.calls.tests.test_browser_runner import (
    expect_segment,
    save_state,
    second_page,
    start,
)
from mentorplan.testing import make_call, make_group, make_trainee

pytestmark = pytest.mark.browser

LABEL = "Mentors — you and your co-mentors"
KEY_DELAY_MS = 150  # a steady typist; each burst below outlasts one poll of the other screen


@pytest.fixture
def call(lead) -> Call:
    group = make_group(lead, name="Tuesday buddies")
    make_trainee(group, name="Bogdan")
    return make_call(group, scheduled_at=timezone.now() + timedelta(minutes=5))


def _version(page) -> int:
    return int(page.locator("#runner").get_attribute("data-version") or 0)


def test_typing_through_a_co_mentor_s_clicks_loses_nothing(
    page, browser, live_server, console_errors, lead, co_mentor, call
):
    start(page, live_server, lead, call)
    page.get_by_role("button", name="Next →").click()
    expect_segment(page, "Goal catch-up")  # the mentors' note is open by default here
    other = second_page(browser, live_server, console_errors, co_mentor)
    other.goto(f"/sessions/{call.key}/")
    expect_segment(other, "Goal catch-up")

    area = page.get_by_label(LABEL, exact=True)
    area.click()
    page.keyboard.type("goal.", delay=KEY_DELAY_MS)
    page.keyboard.press("Home")  # what comes next goes in front, where the caret is
    before = _version(page)

    other.get_by_role("button", name="+5 min here").click()
    page.keyboard.type("Bogdan met his ", delay=KEY_DELAY_MS * 2)

    assert _version(page) > before, "the runner was not redrawn while Lena typed"
    expect(page.locator(".agenda .is-current")).to_contain_text("10 min now")  # 5 + 5
    expect(area).to_have_value("Bogdan met his goal.")
    expect(area).to_be_focused()
    caret = area.evaluate("el => [el.selectionStart, el.selectionEnd]")
    assert caret == [len("Bogdan met his "), len("Bogdan met his ")]

    page.keyboard.press("End")
    other.get_by_role("button", name="Next →").click()
    expect_segment(other, "Recap & orientation")
    page.keyboard.type(" Chen needs a smaller one.", delay=KEY_DELAY_MS * 2)

    typed = "Bogdan met his goal. Chen needs a smaller one."
    expect(area).to_have_value(typed)  # Lena's screen waited for her to stop typing
    # Once she stops, her runner follows Kofi to the next part, and what she typed is saved.
    expect_segment(page, "Recap & orientation")
    note = Note.objects.get(call=call, level=NoteLevel.MENTORS)
    assert note.body == typed
    page.get_by_role("complementary").get_by_role("button", name="Go to Goal catch-up").click()
    expect_segment(page, "Goal catch-up")
    expect(page.get_by_label(LABEL, exact=True)).to_have_value(typed)
    expect(save_state(page, page.get_by_label(LABEL, exact=True))).to_have_text(
        re.compile("^Saved")
    )
    other.context.close()
