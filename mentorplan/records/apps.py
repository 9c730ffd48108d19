from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """People's rights over their data: export a group or one trainee, and erase a trainee."""

    name = "mentorplan.records"
    label = "records"

    def ready(self) -> None:
        from mentorplan.lib.plugins import GROUP_PANELS

        # Last on the group's page: not something a mentor needs every week.
        GROUP_PANELS.add("records", "records/panels/export.html", order=90)
