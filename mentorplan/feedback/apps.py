from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Precise, evidence-based, actionable (PEA) feedback to the course team, and its export."""

    name = "mentorplan.feedback"
    label = "feedback"

    def ready(self) -> None:
        from mentorplan.calls.tools import register
        from mentorplan.feedback.panels import checkins_panel
        from mentorplan.feedback.segment_tools import FEEDBACK, feedback_context
        from mentorplan.lib.fragments import Rows
        from mentorplan.lib.plugins import GROUP_PANELS, GroupPanel
        from mentorplan.plans.models import SegmentKind

        GROUP_PANELS.add(
            "checkins", GroupPanel("feedback/panels/checkins.html", checkins_panel), order=30
        )
        # Below the topics to work on: feedback is written about what the mentoring showed.
        register(
            FEEDBACK,
            SegmentKind.TECHNICAL,
            "feedback/tools/feedback.html",
            feedback_context,
            order=20,
            rows=[Rows("feedback.Feedback", "call", times=("updated_at",))],
        )
