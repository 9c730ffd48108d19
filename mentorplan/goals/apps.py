from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mentorplan.goals"
    label = "goals"

    def ready(self) -> None:
        from mentorplan.calls.tools import register
        from mentorplan.goals.panels import follow_through_panel
        from mentorplan.goals.segment_tools import (
            CATCHUP,
            SETTING,
            catchup_context,
            setting_context,
        )
        from mentorplan.lib.plugins import GROUP_PANELS, GroupPanel
        from mentorplan.plans.models import SegmentKind

        GROUP_PANELS.add(
            "follow_through",
            GroupPanel("goals/panels/follow_through.html", follow_through_panel),
            order=20,
        )
        register(
            CATCHUP,
            SegmentKind.GOAL_CATCHUP,
            "goals/tools/catchup.html",
            catchup_context,
            order=10,
        )
        register(
            SETTING, SegmentKind.GOAL_SETTING, "goals/tools/setting.html", setting_context, order=10
        )
