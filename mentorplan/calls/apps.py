from django.apps import AppConfig


class CallsConfig(AppConfig):
    """Sessions with a group: planning, the live runner, notes and attendance.

    The label is `calls` because `sessions` belongs to django.contrib.sessions.
    """

    name = "mentorplan.calls"
    label = "calls"
    verbose_name = "Sessions"

    def ready(self) -> None:
        from mentorplan.calls.panels import sessions_panel
        from mentorplan.calls.segment_tools import WELCOME, welcome_context
        from mentorplan.calls.tools import register
        from mentorplan.lib.fragments import Rows
        from mentorplan.lib.plugins import GROUP_PANELS, GroupPanel
        from mentorplan.plans.models import SegmentKind

        GROUP_PANELS.add(
            "sessions", GroupPanel("calls/panels/sessions.html", sessions_panel), order=10
        )
        register(
            WELCOME,
            SegmentKind.WELCOME,
            "calls/tools/welcome.html",
            welcome_context,
            order=10,
            # The welcome tool's buttons swap the runner's whole tool area.
            partial="calls/runner.html#tool",
            rows=[
                Rows("calls.Attendance", "call", times=("updated_at",)),
                # The game shown without one picked depends on the one the session before had.
                Rows("calls.GameSuggestion", "call__group"),
                # The games are a catalogue: any change to it draws the tool again.
                Rows("calls.BrainGame", times=("updated_at",)),
            ],
        )
