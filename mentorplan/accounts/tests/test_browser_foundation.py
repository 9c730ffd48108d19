"""A new mentor's first visit, in a real browser: sign up, create a group, add trainees, copy
and retime the standard plan. Every page and every htmx update passes axe-core, and the browser
reports no error (a Content-Security-Policy violation would be one)."""

import re

import pytest
from playwright.sync_api import expect

from mentorplan.plans.forms import MINUTES_MESSAGE
from mentorplan.testing import PASSWORD, make_group, make_mentor, make_trainee

pytestmark = pytest.mark.browser


def mark_page(page) -> None:
    """Leave a mark on the loaded document; a full page load wipes it, an htmx swap does not."""
    page.evaluate("window.mentorplanTestMark = true")


def assert_same_page(page) -> None:
    assert page.evaluate("window.mentorplanTestMark === true"), "the page was reloaded"


def test_a_new_mentor_sets_up_a_group_and_retimes_a_copy_of_the_standard_plan(page, axe_check):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan, run and follow up")
    axe_check(page)

    # Sign up.
    page.get_by_role("link", name="Create your mentor account").click()
    expect(page.get_by_role("heading", name="Create your mentor account")).to_be_visible()
    axe_check(page)
    page.get_by_label("E-mail address").fill("sam@example.org")
    page.get_by_label("Display name").fill("Sam")
    page.get_by_label("Timezone").select_option("Europe/London")
    page.get_by_label("Password", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password confirmation").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Create account").click()

    # Create a group.
    expect(page.get_by_role("status")).to_contain_text("Welcome, Sam")
    expect(page.get_by_role("heading", name="New group")).to_be_visible()
    axe_check(page)
    page.get_by_label("Name").fill("Tuesday buddies")
    page.get_by_label("Course or module").fill("Intro to Programming")
    page.get_by_label("Region").fill("Glasgow")
    page.get_by_role("button", name="Create group").click()

    # Add two trainees through the htmx form, without leaving the page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuesday buddies")
    expect(page.get_by_text("Intro to Programming · Glasgow")).to_be_visible()
    axe_check(page)
    group_url = page.url
    mark_page(page)
    trainees = page.locator("#trainees")
    for name in ["Amal", "Bogdan"]:
        trainees.get_by_label("Name").fill(name)
        trainees.get_by_role("button", name="Add trainee").click()
        expect(trainees.get_by_role("listitem").filter(has_text=name)).to_be_visible()
        expect(trainees.get_by_label("Name")).to_have_value("")
    expect(trainees.get_by_role("listitem")).to_have_text(
        [re.compile("Amal"), re.compile("Bogdan")]
    )
    assert_same_page(page)
    assert page.url == group_url
    axe_check(page)

    # Copy the standard plan.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plans").click()
    expect(page.get_by_role("heading", name="Plans", level=1)).to_be_visible()
    standard = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Standard mentoring session")
    )
    expect(standard).to_contain_text("6 segments · 70 min")
    axe_check(page)
    standard.get_by_role("button", name="Copy").click()

    # Retime a segment: 30 → 40 minutes makes the plan 80 minutes long.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Standard mentoring session (my copy)"
    )
    total = page.locator("#plan-total")
    expect(total).to_have_text("70 min")
    axe_check(page)
    mark_page(page)
    technical = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Technical mentoring")
    )
    expect(technical.get_by_label("Minutes")).to_have_value("30")
    technical.get_by_label("Minutes").fill("40")
    technical.get_by_role("button", name="Save").click()
    expect(total).to_have_text("80 min")
    expect(technical.locator(".segment-minutes")).to_have_text("40 min")
    assert_same_page(page)
    axe_check(page)

    # A bad value: the message appears next to the field and nothing changes.
    technical.get_by_label("Minutes").fill("0")
    technical.get_by_role("button", name="Save").click()
    minutes = technical.get_by_label("Minutes")
    expect(technical.get_by_text(MINUTES_MESSAGE)).to_be_visible()
    expect(minutes).to_have_accessible_description(re.compile(re.escape(MINUTES_MESSAGE)))
    expect(minutes).to_have_attribute("aria-invalid", "true")
    expect(total).to_have_text("80 min")
    expect(technical.locator(".segment-minutes")).to_have_text("40 min")
    assert_same_page(page)
    axe_check(page)

    # The change is stored: a fresh load shows it too.
    page.reload()
    expect(page.locator("#plan-total")).to_have_text("80 min")


def test_the_group_page_fits_a_phone(phone, axe_check):
    mentor = make_mentor(email="phone@example.org")
    group = make_group(mentor, name="A group name long enough to need wrapping on a phone")
    for name in ["Amal", "Bogdan", "Chiamaka Oluwaseun-Adeyemi"]:
        make_trainee(group, name=name, pronouns="she/her", slack_handle=f"@{name.lower()[:6]}")
    log_in(phone, "phone@example.org", axe_check)

    phone.get_by_role("link", name=group.name).click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(group.name)
    expect(phone.locator("#trainees").get_by_role("listitem")).to_have_count(3)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px screen"
    axe_check(phone)


def log_in(page, email: str, axe_check) -> None:
    page.goto("/accounts/login/")
    axe_check(page)
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()
    axe_check(page)
