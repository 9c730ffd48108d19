from django.apps import AppConfig


class WrapupConfig(AppConfig):
    """The wrap-up and everything after the call: resources, nudges, praise, the next call,
    the summary, calendar invites, reminders and progress."""

    name = "mentorplan.wrapup"
    label = "wrapup"

    def ready(self) -> None:
        from mentorplan.wrapup import segment_tools  # noqa: F401  registers the wrap-up tool
