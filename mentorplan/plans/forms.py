from django import forms

from mentorplan.plans.models import (
    MAX_SEGMENT_MINUTES,
    MIN_SEGMENT_MINUTES,
    PlanSegment,
    PlanTemplate,
)

MINUTES_MESSAGE = f"Give a number of minutes from {MIN_SEGMENT_MINUTES} to {MAX_SEGMENT_MINUTES}."


class PlanTemplateForm(forms.ModelForm):
    class Meta:
        model = PlanTemplate
        fields = ["title", "description"]
        labels = {"title": "Plan name"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Give the plan a name."}}


class SegmentForm(forms.ModelForm):
    class Meta:
        model = PlanSegment
        fields = ["title", "minutes", "kind", "flexible", "guidance"]
        labels = {"title": "Segment name", "kind": "What it is for", "flexible": "Flexible"}
        widgets = {
            "minutes": forms.NumberInput(
                attrs={
                    "min": MIN_SEGMENT_MINUTES,
                    "max": MAX_SEGMENT_MINUTES,
                    "inputmode": "numeric",
                }
            ),
            "guidance": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Give the segment a name."},
            "minutes": {
                "required": MINUTES_MESSAGE,
                "invalid": MINUTES_MESSAGE,
                "min_value": MINUTES_MESSAGE,
                "max_value": MINUTES_MESSAGE,
            },
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if self.instance.pk:
            # Each segment's form gets its own ids so a page can hold many of them.
            self.prefix = f"s{self.instance.pk}"
