from django.apps import AppConfig


class RecapConfig(AppConfig):
    """The recap retro, topics that carry over until understood, and technical mentoring."""

    name = "mentorplan.recap"
    label = "recap"

    def ready(self) -> None:
        from mentorplan.recap import segment_tools  # noqa: F401  registers recap and technical tools
