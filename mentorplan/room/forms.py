"""What a trainee sends from their page: a word on a goal, and their retro."""

from typing import Any

from django import forms

from mentorplan.lib.forms import RadioButtons, text_boxes
from mentorplan.room.models import GoalReport, RetroDraft, SelfReportOutcome


class GoalReportForm(forms.ModelForm):
    class Meta:
        model = GoalReport
        fields = ["outcome", "note"]
        labels = {"outcome": "How did it go?", "note": "In a line (optional)"}
        widgets = {"outcome": RadioButtons}
        error_messages = {
            "outcome": {
                "required": "Choose met, partly or missed.",
                "invalid_choice": "Choose met, partly or missed.",
            },
            "note": {"max_length": "Keep it to one line (300 characters at most)."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = SelfReportOutcome.choices  # type: ignore[attr-defined]


class RetroDraftForm(forms.ModelForm):
    class Meta:
        model = RetroDraft
        fields = ["last_lesson", "homework", "not_understood"]
        field_classes = text_boxes("last_lesson", "homework", "not_understood")
        widgets = {
            "last_lesson": forms.Textarea(attrs={"rows": 3}),
            "homework": forms.Textarea(attrs={"rows": 3}),
            "not_understood": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"not_understood": "One thing per line. It is fine to leave this empty."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = (
                    f"That is a lot of text: keep it under {field.max_length} characters."
                )

    def is_empty(self) -> bool:
        return not any((self.cleaned_data.get(name) or "").strip() for name in self.fields)
