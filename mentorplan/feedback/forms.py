from typing import TYPE_CHECKING

from django import forms

from mentorplan.calls.models import Call
from mentorplan.feedback.models import PEA_LIMIT, Feedback, Reason
from mentorplan.groups.models import Trainee
from mentorplan.lib.forms import CheckBoxes, RadioButtons, VersionedForm, text_boxes
from mentorplan.lib.versioned import Saved

if TYPE_CHECKING:
    from mentorplan.accounts.models import User

TOO_LONG = f"Keep it under {PEA_LIMIT:,} characters: the team reads many of these."


class FeedbackForm(VersionedForm, forms.ModelForm):
    reasons = forms.MultipleChoiceField(
        label="Reasons",
        choices=Reason.choices,
        required=False,
        widget=CheckBoxes,
        error_messages={"invalid_choice": "Choose reasons from the list."},
    )

    class Meta:
        model = Feedback
        fields = ["status", "reasons", "precise", "evidence", "actionable"]
        field_classes = text_boxes("precise", "evidence", "actionable")
        widgets = {
            "status": RadioButtons,
            "precise": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "actionable": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "status": {"invalid_choice": "Choose on track, concern or beyond."},
            **{name: {"max_length": TOO_LONG} for name in ("precise", "evidence", "actionable")},
        }

    def save_for(self, call: Call, trainee: Trainee, author: "User") -> Saved[Feedback]:
        """The trainee's one feedback in this session, created or updated on the version the form
        was based on; a co-mentor's newer save is a conflict (see VersionedForm)."""
        return self.save_on_version(
            Feedback, {"call": call, "trainee": trainee}, extra={"author": author}
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        written = any(str(data.get(f) or "").strip() for f in ("precise", "evidence", "actionable"))
        if not written and not data.get("reasons") and data.get("status") != "on_track":
            self.add_error(
                "precise", "Say what the concern or the extra need is, so the team can act on it."
            )
        return data
