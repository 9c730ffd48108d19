from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Precise, evidence-based, actionable (PEA) feedback to the course team, and its export."""

    name = "mentorplan.feedback"
    label = "feedback"

    def ready(self) -> None:
        from mentorplan.feedback import segment_tools  # noqa: F401  registers the feedback tool
