"""The trainee's page on a phone, in a real browser: at 320 and 390 px wide it passes axe-core,
fits the screen without sideways scrolling, and the trainee reports a goal and fills the retro
with plain forms."""

import pytest
from playwright.sync_api import expect

from mentorplan.room.tests.test_weight import a_busy_trainee
from mentorplan.testing.browser import watch_console

pytestmark = pytest.mark.browser


@pytest.fixture(params=[320, 390], ids=["320px", "390px"])
def small_phone(request, browser, live_server, console_errors):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": request.param, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page, console_errors)
    yield page
    context.close()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_trainees_page_on_a_small_phone(small_phone, axe_check, console_errors):
    page = small_phone
    token = a_busy_trainee()

    page.goto(f"/t/{token}/")
    expect(page.get_by_role("heading", name="Hello, Amal")).to_be_visible()
    assert fits_the_screen(page)
    axe_check(page)

    # A goal report with no choice explains itself; then one that works.
    first = page.locator("#due-title + p + ul > li").first
    first.get_by_role("button", name="Send to my mentor").click()
    expect(page.get_by_text("Choose met, partly or missed.")).to_be_visible()
    axe_check(page)
    first = page.locator("#due-title + p + ul > li").first
    first.get_by_label("Partly").check()
    first.get_by_label("In a line").fill("Half of them, the rest on Sunday")
    first.get_by_role("button", name="Send to my mentor").click()
    expect(page.get_by_role("status")).to_contain_text("Thanks!")
    expect(
        page.get_by_text("You said: partly — “Half of them, the rest on Sunday”")
    ).to_be_visible()

    page.get_by_label("What did the last lesson cover?").fill("Array methods")
    page.get_by_role("button", name="Save my retro").click()
    expect(page.get_by_role("status")).to_contain_text("Your retro is saved")
    assert fits_the_screen(page)
    axe_check(page)

    page.goto("/t/not-a-link-at-all/")
    expect(page.get_by_role("heading", name="This link does not work any more")).to_be_visible()
    axe_check(page)
    # The friendly page's status, 404, is the one error the browser reports.
    assert [e for e in console_errors if "404" not in e] == []
    console_errors.clear()
