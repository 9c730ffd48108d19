from django.apps import AppConfig


class CallsConfig(AppConfig):
    """Sessions with a group: planning, the live runner, notes and attendance.

    The label is `calls` because `sessions` belongs to django.contrib.sessions.
    """

    name = "mentorplan.calls"
    label = "calls"
    verbose_name = "Sessions"

    def ready(self) -> None:
        from mentorplan.calls import welcome  # noqa: F401  registers the welcome segment's tool
