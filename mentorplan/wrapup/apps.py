from django.apps import AppConfig


class WrapupConfig(AppConfig):
    """The wrap-up and everything after the call: resources, nudges, praise, the next call,
    the summary, calendar invites, reminders and progress."""

    name = "mentorplan.wrapup"
    label = "wrapup"

    def ready(self) -> None:
        from mentorplan.calls.signals import planned_session_changed
        from mentorplan.calls.tools import register
        from mentorplan.lib.plugins import FINISHED_ACTIONS, GROUP_PANELS, GroupPanel
        from mentorplan.plans.models import SegmentKind
        from mentorplan.wrapup.invites import on_change
        from mentorplan.wrapup.panels import progress_panel
        from mentorplan.wrapup.segment_tools import WRAPUP, wrapup_context

        planned_session_changed.connect(on_change, dispatch_uid="wrapup-invites")

        GROUP_PANELS.add(
            "progress", GroupPanel("wrapup/panels/progress.html", progress_panel), order=40
        )
        FINISHED_ACTIONS.add("summary", "wrapup/actions/summary.html", order=10)
        register(WRAPUP, SegmentKind.WRAP_UP, "wrapup/tools/wrapup.html", wrapup_context, order=10)
