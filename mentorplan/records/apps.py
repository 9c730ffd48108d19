from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """People's rights over their data: export a group or one trainee, and erase a trainee."""

    name = "mentorplan.records"
    label = "records"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from mentorplan.groups.models import Membership
        from mentorplan.lib.plugins import GROUP_PANELS, GroupPanel
        from mentorplan.records.mentors import forget_mentor_in_group

        pre_delete.connect(forget_mentor_in_group, sender=Membership, dispatch_uid="records")

        # Last on the group's page: not something a mentor needs every week.
        GROUP_PANELS.add("records", GroupPanel("records/panels/export.html"), order=90)
