"""The runner's room panel reads who is in the room again every 15 s while someone is in it, so
whoever closed their page leaves the list; an empty room costs the server nothing, since a
trainee who arrives moves the room's version and the panel is drawn again at once."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from mentorplan.calls.tests.test_browser_runner import log_in
from mentorplan.room.models import TraineeLink
from mentorplan.testing import make_call, make_group, make_trainee, start_call

pytestmark = pytest.mark.browser


def test_the_runner_reads_the_room_again_only_while_someone_is_in_it(page, live_server, mentor):
    group = make_group(mentor)
    call = start_call(make_call(group))
    _, token = TraineeLink.issue(make_trainee(group, name="Amal"))
    panel_path = reverse("room:runner_panel", args=[call.key])
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    log_in(page, live_server, mentor)
    page.clock.install()
    page.goto(f"/sessions/{call.key}/")
    present = page.locator("#room-panel .room-present")
    expect(present).to_contain_text("no trainee has their page open")

    page.clock.run_for(40_000)  # two turns of the panel's 15 s, and polls
    page.wait_for_timeout(500)

    assert panel_path not in asked, "an empty room was read again"

    Client().get(reverse("room:live_state", args=[token]))  # Amal opens her page
    page.clock.run_for(4_000)  # the runner's next poll sees the room move on
    expect(present.locator(".badge")).to_have_text(["Amal"])

    page.clock.run_for(16_000)
    page.wait_for_timeout(500)

    assert panel_path in asked, "the room was not read again while Amal was in it"
