"""A thinking game for the welcome: another one on request, never last time's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.calls.models import BrainGame, Call, GameSuggestion
from mentorplan.testing import (
    HTMX,
    end_call,
    is_partial,
    make_call,
    make_group,
    make_mentor,
    page_text,
    start_call,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(client) -> Call:
    mentor = make_mentor()
    client.force_login(mentor)
    return start_call(make_call(make_group(mentor), scheduled_at=timezone.now()))


def _url(call: Call) -> str:
    return reverse("calls:game_shuffle", args=[call.key])


def _game(call: Call) -> str | None:
    """The name of the game suggested for the session."""
    suggestion = GameSuggestion.objects.filter(call=call).select_related("game").first()
    return suggestion.game.name if suggestion else None


def _suggest(call: Call, name: str) -> None:
    GameSuggestion.objects.update_or_create(
        call=call, defaults={"game": BrainGame.objects.get(name=name)}
    )


def _only(*names: str) -> None:
    BrainGame.objects.exclude(name__in=names).update(is_active=False)


def _other_call(call: Call, days: int) -> Call:
    other = make_call(call.group, scheduled_at=call.scheduled_at + timedelta(days=days))
    if days < 0:
        end_call(other, at=other.scheduled_at)
    return other


def test_shuffling_suggests_a_new_game_that_is_not_last_times(client, call):
    _only("Set", "Mastermind", "Codenames")
    _suggest(_other_call(call, -7), "Set")
    _suggest(call, "Mastermind")

    response = client.post(_url(call))

    assert response.status_code == 302
    assert response["Location"] == reverse("calls:detail", args=[call.key])
    assert _game(call) == "Codenames"
    assert "Codenames" in page_text(client.get(response["Location"]))


def test_every_shuffle_gives_another_game(client, call):
    _only("Set", "Mastermind", "Codenames", "Rush Hour")
    _suggest(_other_call(call, -7), "Set")
    client.post(_url(call))

    for _ in range(12):
        before = _game(call)
        client.post(_url(call))
        after = _game(call)
        assert after not in (before, None, "Set")


def test_last_time_means_the_session_before_this_one(client, call):
    _only("Set", "Mastermind", "Codenames")
    _suggest(_other_call(call, -14), "Codenames")
    _suggest(_other_call(call, -7), "Set")
    # A session planned for next week already has a game; it is not "last time".
    _suggest(_other_call(call, 7), "Codenames")
    _suggest(call, "Mastermind")

    client.post(_url(call))

    assert _game(call) == "Codenames"


def test_the_game_is_picked_when_the_session_starts_and_is_not_last_times(client):
    mentor = make_mentor()
    client.force_login(mentor)
    call = make_call(make_group(mentor), scheduled_at=timezone.now())
    _only("Set", "Mastermind")
    _suggest(_other_call(call, -7), "Set")

    client.post(reverse("calls:control", args=[call.key]), {"action": "start"})

    assert _game(call) == "Mastermind"
    assert "Mastermind" in page_text(client.get(reverse("calls:detail", args=[call.key])))


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in WRITES]


WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE"}


@pytest.mark.parametrize("started_before_the_change", [False, True])
def test_drawing_the_runner_writes_nothing_and_shows_one_game(
    client, call, started_before_the_change
):
    if started_before_the_change:
        # Sessions started before the game was picked at the start have none saved.
        GameSuggestion.objects.filter(call=call).delete()
    url = reverse("calls:detail", args=[call.key])
    shown = set()

    with CaptureQueriesContext(connection) as queries:
        for headers in [{}, HTMX] * 5:  # full pages and the polls' redraws
            response = client.get(url, headers=headers)
            assert response.status_code == 200
            shown |= {g.name for g in BrainGame.objects.all() if g.name in page_text(response)}

    assert _writes(queries) == []
    assert len(shown) == 1
    assert GameSuggestion.objects.filter(call=call).exists() is not started_before_the_change


def test_shuffling_in_a_session_started_before_the_change_gives_another_game(client, call):
    _only("Set", "Mastermind")
    GameSuggestion.objects.filter(call=call).delete()
    before = page_text(client.get(reverse("calls:detail", args=[call.key])))
    shown = "Set" if "Set" in before else "Mastermind"

    client.post(_url(call))

    assert _game(call) == ({"Set", "Mastermind"} - {shown}).pop()


def test_htmx_gets_the_tool_with_the_new_game(client, call):
    _only("Set", "Mastermind")
    _suggest(call, "Set")

    response = client.post(_url(call), headers=HTMX)

    assert response.status_code == 200
    assert is_partial(response)
    assert response.content.decode().lstrip().startswith('<div id="tool"')
    assert "Mastermind" in page_text(response)
    assert "Set" not in page_text(response)


def test_with_no_other_game_to_offer_the_current_one_stays(client, call):
    _only("Set")
    _suggest(call, "Set")

    response = client.post(_url(call))

    assert response.status_code == 302
    assert _game(call) == "Set"


def test_an_outsider_gets_404_and_nothing_changes(client, call):
    _suggest(call, "Set")
    client.force_login(make_mentor())

    assert client.post(_url(call)).status_code == 404
    assert _game(call) == "Set"


def test_wrong_method(client, call):
    assert client.get(_url(call)).status_code == 405


def test_after_a_co_mentor_ended_the_session_htmx_loads_the_finished_page(client, call):
    end_call(call)
    response = client.post(_url(call), headers=HTMX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("calls:detail", args=[call.key])
