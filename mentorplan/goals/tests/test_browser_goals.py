"""The goals loop of a mentor, in a real browser: set SMART goals in one session, review them at
the next session's catch-up, and see the follow-through figures change on the group and trainee
pages. Accessibility (axe-core), console errors and CSP violations are checked along the way, and
the two goal tools are photographed on a laptop and a phone for a human to look at."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.goals.models import Goal, GoalEvent, GoalStatus, ReviewOutcome
from mentorplan.testing import PASSWORD, make_group, make_mentor, make_trainee
from mentorplan.testing.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

ZONE = zoneinfo.ZoneInfo("Europe/London")


def shoot(page, name: str, part: str = "") -> None:
    """A picture for a human to look at: the whole page, or only the part `part` selects."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"goals-{name}.png")
    if part:
        page.locator(part).screenshot(path=path)
    else:
        page.screenshot(path=path, full_page=True)


def sticking_out(page, selector: str) -> list[str]:
    """Elements inside `selector` that reach past its right edge, or past the screen's."""
    return page.evaluate(
        """(selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          const edge = Math.min(box.right, document.documentElement.clientWidth) + 1;
          const right = (el) => el.getBoundingClientRect().right;
          return [...document.querySelectorAll(`${selector} *`)]
            .filter((el) => el.getClientRects().length && right(el) > edge)
            .map((el) => `${el.outerHTML.slice(0, 80)} ends at ${right(el)}px`);
        }""",
        selector,
    )


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your groups")).to_be_visible()


def plan_session(page, group_key: object, when: datetime) -> None:
    """Plan a session from the group page, as the mentor does, and land on its page."""
    page.goto(f"/groups/{group_key}/")
    page.get_by_role("link", name="Plan a session").click()
    expect(page.get_by_role("heading", name="Plan a session")).to_be_visible()
    page.get_by_label("Date").fill(when.strftime("%Y-%m-%d"))
    page.get_by_label("Time").fill(when.strftime("%H:%M"))
    page.get_by_role("button", name="Plan session").click()
    expect(page.get_by_role("button", name="Start the session")).to_be_visible()


def start_and_go_to(page, segment: str) -> None:
    page.get_by_role("button", name="Start the session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome & chit chat")
    page.get_by_role("complementary").get_by_role("button", name=f"Go to {segment}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(segment)


def set_goal(tool, owner: str, text: str, measure: str, deadline: date, topic: str) -> None:
    tool.get_by_label("Whose goal").select_option(label=owner)
    tool.get_by_label("What").fill(text)
    tool.get_by_label("How we will know it is done").fill(measure)
    tool.get_by_label("Deadline").fill(deadline.isoformat())
    tool.get_by_label("Topic").fill(topic)
    tool.get_by_role("button", name="Set goal").click()
    expect(tool.get_by_role("listitem").filter(has_text=text)).to_be_visible()


def follow_through_row(page, name: str):
    panel = page.locator("#goals-summary")
    expect(panel.get_by_role("heading", name="Follow-through")).to_be_visible()
    return panel.get_by_role("listitem").filter(has_text=name)


def test_a_mentor_sets_goals_reviews_them_next_time_and_sees_follow_through(
    django_db_setup, page, phone, axe_check, console_errors
):
    # `django_db_setup` comes first so that the test database exists before the live server
    # starts: only then does the server share the test's in-memory SQLite connection. Started
    # earlier (this test first in the run), each request opens its own connection and a poll
    # that meets a write fails with "database table is locked".
    mentor = make_mentor(display_name="Maya", timezone="Europe/London")
    group = make_group(mentor, name="Thursday buddies")
    amal = make_trainee(group, name="Amal")
    bogdan = make_trainee(group, name="Bogdan")
    now = timezone.localtime(timezone.now(), ZONE)
    today = now.date()
    due = today + timedelta(days=5)  # before the next session, a week from now
    later = today + timedelta(days=30)  # long after it: not for the next catch-up
    new_deadline = today + timedelta(days=14)

    log_in(page, mentor.email)
    page.goto(f"/groups/{group.key}/")
    expect(follow_through_row(page, "Amal")).to_contain_text("no goal came due in the last 90 days")

    # --- First session: goal setting --------------------------------------------------------
    plan_session(page, group.key, now)
    start_and_go_to(page, "Goal setting")
    tool = page.locator("#goal-setting")
    smart = tool.locator(".smart-box")
    expect(smart).to_contain_text("As you type")

    tool.get_by_label("Whose goal").select_option(label="Amal")
    tool.get_by_label("What").press_sequentially("get better at coding")
    expect(smart.locator(".is-advice").filter(has_text="Specific")).to_contain_text(
        "“get better” is hard to see from outside"
    )
    expect(smart.locator(".is-advice").filter(has_text="Measurable")).to_contain_text(
        "How will we know it is done?"
    )
    tool.get_by_label("What").fill("Finish 3 array katas on Codewars")
    tool.get_by_label("How we will know it is done").fill("they show as done on the profile")
    tool.get_by_label("Deadline").fill(due.isoformat())
    expect(smart.locator(".is-ok").filter(has_text="Specific")).to_be_visible()
    expect(smart.locator(".is-ok").filter(has_text="Measurable")).to_be_visible()
    expect(smart.locator(".is-advice")).to_have_count(0)
    axe_check(page)
    shoot(page, "setting-desktop")
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    phone.locator("#goal-setting").get_by_label("What").fill("get better")
    expect(phone.locator("#goal-setting .smart-item")).to_have_count(5)
    shoot(phone, "setting-phone", "#goal-setting")
    assert not sticking_out(phone, "#goal-setting")
    axe_check(phone)
    phone.goto("about:blank")  # one screen on the runner is enough from here on

    tool.get_by_role("button", name="Set goal").click()
    expect(tool.get_by_role("listitem").filter(has_text="Finish 3 array katas")).to_contain_text(
        "Amal"
    )
    # The form is ready for the next person still without a goal.
    expect(tool).to_contain_text("Still without a goal: Bogdan, Maya (mentor)")
    expect(tool.get_by_label("Whose goal")).to_have_value(f"t:{bogdan.key}")
    expect(tool.get_by_label("What")).to_have_value("")
    set_goal(
        tool,
        "Bogdan",
        "Write tests for the quiz app's scoring function",
        "a pull request with the tests is open",
        due,
        "Testing",
    )
    set_goal(
        tool,
        "Maya (mentor)",
        "Send the course team feedback on all three trainees",
        "feedback posted in the team channel",
        due,
        "Mentoring",
    )
    expect(tool).to_contain_text("Everyone has a goal from this session.")
    set_goal(
        tool,
        "Amal",
        "Build a portfolio page with two projects",
        "the page is published on GitHub Pages",
        later,
        "Portfolio",
    )
    expect(tool.get_by_role("listitem")).to_have_count(4)
    shoot(page, "setting-done-desktop", "#goal-setting")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("button", name="End session")).to_have_count(0)

    # --- Next session: catch-up -------------------------------------------------------------
    next_time = datetime.combine(today + timedelta(days=7), datetime.min.time(), ZONE).replace(
        hour=19
    )
    plan_session(page, group.key, next_time)
    start_and_go_to(page, "Goal catch-up")
    catchup = page.locator("#goal-catchup")
    due_list = catchup.locator("ul").first.locator(":scope > li")
    expect(due_list).to_have_count(3)
    expect(catchup).not_to_contain_text("portfolio page")
    for text in ["Finish 3 array katas", "Write tests for the quiz", "Send the course team"]:
        expect(due_list.filter(has_text=text)).to_have_count(1)
    axe_check(page)
    shoot(page, "catchup-desktop")
    phone.goto(page.url)
    phone.locator("#goal-catchup summary").first.click()
    phone.locator("#goal-catchup").get_by_role("button", name="Record as missed").first.click()
    expect(phone.locator("#goal-catchup .error").first).to_be_visible()
    shoot(phone, "catchup-phone", "#goal-catchup")
    assert not sticking_out(phone, "#goal-catchup")
    axe_check(phone)
    phone.goto("about:blank")

    amal_row = due_list.filter(has_text="Finish 3 array katas")
    amal_row.get_by_role("button", name="Met").click()
    reviewed = catchup.locator("li").filter(has_text="Finish 3 array katas")
    expect(reviewed.locator(".badge")).to_have_text("Met")

    # A miss needs a note: without one, the error is said next to the field and nothing changes.
    bogdan_row = catchup.locator(".review-row").filter(has_text="Write tests for the quiz")
    bogdan_row.get_by_text("Missed or needs more time…").click()
    bogdan_row.get_by_role("button", name="Record as missed").click()
    note = bogdan_row.get_by_label("What got in the way?")
    expect(note).to_have_accessible_description("Say in a few words what got in the way.")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(bogdan_row.locator(".field").filter(has_text="What got in the way?")).to_contain_text(
        "Say in a few words what got in the way."
    )
    axe_check(page)
    shoot(page, "catchup-error-desktop")
    page.reload()
    expect(catchup.locator(".review-row")).to_have_count(2)
    expect(
        catchup.locator(".review-row").filter(has_text="Write tests for the quiz")
    ).to_be_visible()
    expect(catchup.locator(".error")).to_have_count(0)

    bogdan_row.get_by_text("Missed or needs more time…").click()
    note.fill("A family emergency took the week.")
    bogdan_row.get_by_label("Keep it, with a new deadline").check()
    bogdan_row.get_by_label("New deadline", exact=True).fill(new_deadline.isoformat())
    bogdan_row.get_by_role("button", name="Record as missed").click()
    reviewed = catchup.locator("li").filter(has_text="Write tests for the quiz")
    expect(reviewed.locator(".badge")).to_have_text("Missed")
    expect(reviewed).to_contain_text("A family emergency took the week.")
    expect(reviewed).to_contain_text("next: keep it, with a new deadline")

    mentor_row = catchup.locator(".review-row").filter(has_text="Send the course team")
    mentor_row.get_by_role("button", name="Partly").click()
    expect(catchup.locator(".review-row")).to_have_count(0)
    expect(catchup).to_contain_text("Every goal that was due has an outcome.")
    expect(catchup.locator("li").filter(has_text="Send the course team")).to_contain_text(
        "Partly met"
    )
    shoot(page, "catchup-done-desktop")

    # --- The figures ------------------------------------------------------------------------
    page.goto(f"/groups/{group.key}/")
    expect(follow_through_row(page, "Amal")).to_contain_text("1/1 met on time")
    expect(follow_through_row(page, "Bogdan")).to_contain_text(
        "no goal came due in the last 90 days"
    )
    expect(follow_through_row(page, "Bogdan")).to_contain_text("1 carried over")
    expect(follow_through_row(page, "Maya")).to_contain_text("0/1 met on time")
    follow_through_row(page, "Amal").get_by_role("link", name="Amal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amal's goals")
    assert page.url.endswith(f"/goals/trainee/{amal.key}/")
    stats = page.locator(".stats > div")
    expect(stats.filter(has_text="last 90 days")).to_contain_text("1 of 1 (100%)")
    expect(stats.filter(has_text="streak")).to_contain_text("1")
    axe_check(page)

    # No page polls any more: the database can be read without racing the live server.
    statuses = dict(Goal.objects.filter(group=group).values_list("text", "status"))
    assert statuses == {
        "Finish 3 array katas on Codewars": GoalStatus.MET,
        "Write tests for the quiz app's scoring function": GoalStatus.OPEN,
        "Send the course team feedback on all three trainees": GoalStatus.PARTLY,
        "Build a portfolio page with two projects": GoalStatus.OPEN,
    }
    missed = GoalEvent.objects.get(outcome=ReviewOutcome.MISSED)
    assert (missed.note, missed.new_deadline) == ("A family emergency took the week.", new_deadline)
    assert missed.goal.deadline == new_deadline
