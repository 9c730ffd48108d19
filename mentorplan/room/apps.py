from django.apps import AppConfig


class RoomConfig(AppConfig):
    """The trainee's room: a personal link that shows a trainee their goals, the next call and
    what was shared with them, and lets them answer before and during a call. No other app
    imports it: it shows itself through the places in `mentorplan.lib.plugins`."""

    name = "mentorplan.room"
    label = "room"
    verbose_name = "Trainee room"

    def ready(self) -> None:
        from mentorplan.goals.segment_tools import SAID_BEFORE
        from mentorplan.lib.plugins import GROUP_PANELS, RUNNER_PANELS, GroupPanel, RunnerPanel
        from mentorplan.recap.segment_tools import RETRO_STARTS
        from mentorplan.room.answers import retro_starts, said_before
        from mentorplan.room.live_views import runner_room, runner_room_shows
        from mentorplan.room.panels import links_panel
        from mentorplan.room.presence import room_query

        GROUP_PANELS.add("room_links", GroupPanel("room/panels/links.html", links_panel), order=50)
        RUNNER_PANELS.add(
            "room",
            RunnerPanel(
                "room/live/runner_panel.html",
                runner_room,
                shows=runner_room_shows,
                query=room_query,
            ),
            order=10,
        )
        SAID_BEFORE.add("room", said_before, order=10)
        RETRO_STARTS.add("room", retro_starts, order=10)
