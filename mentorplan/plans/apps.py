from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "mentorplan.plans"
    label = "plans"

    def ready(self) -> None:
        from mentorplan.lib.plugins import SEGMENT_KINDS
        from mentorplan.plans.models import SegmentKind

        # The default plan's kinds, in the plan's order; "Something else" comes last.
        for position, kind in enumerate(SegmentKind, start=1):
            order = 1000 if kind == SegmentKind.OTHER else position * 10
            SEGMENT_KINDS.add(kind.value, str(kind.label), order=order)
