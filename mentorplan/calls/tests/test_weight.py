"""The runner is light on a slow network: its first load (the HTML and every stylesheet and script
it loads before the mentor does anything, as the server sends them) stays under 30 kB in every
segment of the default plan, with four trainees and three topics open."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mentorplan.calls.models import Action, Call
from mentorplan.calls.tests.test_browser_runner import expect_segment, log_in
from mentorplan.plans.models import SegmentKind
from mentorplan.room.models import TraineeLink
from mentorplan.testing import (
    at_segment,
    check_in,
    end_call,
    make_call,
    make_topic,
    make_trainee,
    parse,
    start_call,
)
from mentorplan.testing.weight import (
    browsing_as_in_production,
    describe,
    first_load,
    served_as_in_production,
)

BUDGET = 30 * 1024
# Every segment shares 24.0 kB before any HTML: htmx 15.0, the stylesheet 3.5 and the scripts
# every segment uses 5.5 (notes.js and autosave.js come only when the mentor first goes into a
# form that saves itself). Technical mentoring, the heaviest, adds 6.4 kB of HTML: a status form
# per topic, a work form per topic, a PEA form per trainee.
SEGMENTS = [kind for kind in SegmentKind if kind != SegmentKind.OTHER]  # the default plan's


@pytest.fixture
def call(group) -> Call:
    """A session of the signed-in mentor's group of four trainees, all here, with three topics
    open for all of them."""
    call = start_call(make_call(group))
    trainees = [make_trainee(group, name=name) for name in ["Amal", "Bea", "Chen", "Dara"]]
    for trainee in trainees:
        check_in(call, trainee)
    for title in ["Recursion", "Dictionaries", "Reading a stack trace"]:
        make_topic(call, title, *trainees)
    return call


def weight(client, call: Call, kind: str) -> dict[str, int]:
    at_segment(call, kind)
    with served_as_in_production():
        return first_load(client, reverse("calls:detail", args=[call.key]))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", SEGMENTS)
def test_each_segment_of_the_runner_loads_under_30_kb(client, call, kind):
    sizes = weight(client, call, kind)

    assert any(url.endswith(".css") for url in sizes), "the page has no stylesheet"
    assert sum(sizes.values()) < BUDGET, describe(sizes)


@pytest.mark.django_db
def test_the_room_part_loads_its_script_only_once_a_trainee_has_a_link(client, call):
    def modules() -> list[str]:
        page = parse(client.get(reverse("calls:detail", args=[call.key])))
        return [str(element["data-module"]) for element in page.select("[data-module]")]

    assert not any("room-runner" in module for module in modules())

    TraineeLink.issue(call.group.trainees.first())

    assert any("room-runner" in module for module in modules())


def test_a_part_drawn_by_a_redraw_brings_its_scripts_and_they_work(page, live_server, mentor, call):
    """Welcome has no timer: the runner starts without subtimer.js, and loads it when Next
    draws the retro. The scripts that send what is typed (autosave.js for the tools, notes.js
    for the notes) come only when the mentor first goes into a form that saves itself: pressing
    a button (the retro's timer) does not bring them."""
    asked = []
    page.on("request", lambda request: asked.append(request.url.rsplit("/", 1)[-1]))

    def fetched(*names: str) -> list[str]:
        return [name for name in asked if name.startswith(names)]

    log_in(page, live_server, mentor)
    page.goto(f"/sessions/{call.key}/")
    expect_segment(page, "Welcome & chit chat")
    expect(page.locator("#runner[data-ready=true]")).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert not fetched("autosave", "subtimer", "notes"), asked

    for title in ["Goal catch-up", "Recap & orientation"]:
        page.get_by_role("button", name="Next →").click()
        expect_segment(page, title)

    # A timer's button works once subtimer.js, which the redraw named, has come.
    expect(page.locator(".subtimer[data-module-loaded]").first).to_be_attached()
    page.get_by_role("button", name=re.compile("Start 3 min for Amal")).click()
    expect(page.locator("output.subtimer-out").first).not_to_have_text("3:00")
    page.wait_for_load_state("networkidle")
    assert fetched("subtimer") and not fetched("autosave", "notes"), asked

    form = page.locator("form[data-autosave]").first
    form.locator("textarea").first.fill("Loops, and a little recursion")
    expect(form.locator("[data-save-state]")).to_contain_text("Saved")
    assert len(fetched("autosave")) == 1 and not fetched("notes"), asked


def test_the_runner_works_with_its_scripts_as_production_serves_them(
    page, live_server, console_errors, mentor, call
):
    """The minifier shortens names inside every script: the runner still works on the files
    `collectstatic` writes, each module importing the others by their hashed names."""
    with browsing_as_in_production(page):
        log_in(page, live_server, mentor)
        page.goto(f"/sessions/{call.key}/")
        expect_segment(page, "Welcome & chit chat")
        expect(page.locator("#runner[data-ready=true]")).to_be_attached()
        assert re.search(
            r"/clock\.[0-9a-f]{12}\.js$", page.locator("script[src*=clock]").get_attribute("src")
        )

        note = page.get_by_label("Private — only you", exact=True)
        note.fill("Amal is back from holiday.")
        expect(note.locator("xpath=following-sibling::p[@data-save-state]")).to_have_text(
            re.compile(r"^Saved \d\d:\d\d$")
        )
        note.blur()  # the keys move the runner only when no field has the focus
        for title in ["Goal catch-up", "Recap & orientation"]:
            page.keyboard.press("n")
            expect_segment(page, title)

        expect(page.locator(".subtimer[data-module-loaded]").first).to_be_attached()
        page.get_by_role("button", name=re.compile("Start 3 min for Amal")).click()
        expect(page.locator("output.subtimer-out").first).not_to_have_text("3:00")
        form = page.locator("form[data-autosave]").first
        form.locator("textarea").first.fill("Loops, and a little recursion")
        expect(form.locator("[data-save-state]")).to_contain_text("Saved")
        page.reload()
        expect(form.locator("textarea").first).to_have_value("Loops, and a little recursion")


@pytest.mark.parametrize("where", ["runner", "group", "goals", "summary"])
def test_the_minified_stylesheet_draws_each_page_as_its_source_does(
    page, live_server, mentor, call, where
):
    """The minifier also rewrites the stylesheet (shorter numbers and colours, rules merged):
    each page looks, to the pixel, as it does with the stylesheet as written."""
    at_segment(call, SegmentKind.TECHNICAL)
    call.control(Action.PAUSE, now=timezone.now())  # a clock that does not move
    if where == "summary":
        end_call(call)
    url = {
        "runner": reverse("calls:detail", args=[call.key]),
        "group": reverse("groups:detail", args=[call.group.key]),
        "goals": reverse("goals:board", args=[call.group.key]),
        "summary": reverse("wrapup:summary", args=[call.key]),
    }[where]
    log_in(page, live_server, mentor)

    def drawn() -> bytes:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.activeElement.blur()")
        return page.screenshot(full_page=True, animations="disabled", caret="hide")

    as_written = drawn()
    with browsing_as_in_production(page):
        served = drawn()
        sheet = page.locator('link[rel="stylesheet"]').first.get_attribute("href")

    assert re.search(r"\.[0-9a-f]{12}\.css$", sheet), sheet
    assert served == as_written
