from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "mentorplan.goals"
    label = "goals"

    def ready(self) -> None:
        from mentorplan.goals import segment_tools  # noqa: F401  registers catch-up and goal setting
