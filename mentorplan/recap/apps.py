from django.apps import AppConfig


class RecapConfig(AppConfig):
    """The recap retro, topics that carry over until understood, and technical mentoring."""

    name = "mentorplan.recap"
    label = "recap"

    def ready(self) -> None:
        from mentorplan.calls.tools import register
        from mentorplan.lib.fragments import Rows
        from mentorplan.plans.models import SegmentKind
        from mentorplan.recap.segment_tools import (
            RECAP,
            TECHNICAL,
            recap_context,
            technical_context,
        )

        register(RECAP, SegmentKind.RECAP, "recap/tools/recap.html", recap_context, order=10)
        register(
            TECHNICAL,
            SegmentKind.TECHNICAL,
            "recap/tools/technical.html",
            technical_context,
            order=10,
            rows=[
                Rows("recap.Topic", "group"),
                Rows("recap.TopicPerson", "topic__group", times=("updated_at",)),
                Rows("recap.TopicWork", "call", times=("updated_at",)),
                # Every mentor's methods: one added in another group's session shows here too.
                Rows("recap.Method", times=("updated_at",)),
            ],
        )
