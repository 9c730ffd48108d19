from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from mentorplan.goals.models import Goal, GoalStatus, NextStep, ReviewOutcome
from mentorplan.groups.models import Group
from mentorplan.lib.dates import WindowDateField, date_problem
from mentorplan.lib.forms import RadioButtons

PAST_DEADLINE = "The deadline has already passed. Choose today or a later date."
ALREADY_CLOSED = "This goal already has an outcome: see its history."
NOT_AGREED = "This is still a proposal: accept it before recording an outcome."


def owner_choices(group: Group) -> list[tuple[str, str]]:
    """Everyone in the group who can own a goal: active trainees, then the mentors."""
    trainees = [(f"t:{t.key}", t.name) for t in group.trainees.active()]
    mentors = [
        (f"m:{m.user_id}", f"{m.user.display_name} (mentor)")
        for m in group.memberships.select_related("user")
    ]
    return trainees + mentors


class GoalForm(forms.ModelForm):
    owner = forms.ChoiceField(
        label="Whose goal", error_messages={"invalid_choice": "Choose someone in this group."}
    )
    # Declared here so that an address without a scheme is read as https (Django 6's default).
    link = forms.URLField(
        label="Link",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=Goal._meta.get_field("link").help_text,
        error_messages={"invalid": "Give a full web address starting with https://."},
    )

    class Meta:
        model = Goal
        fields = ["text", "measure", "deadline", "topic", "link"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.TextInput(
                attrs={"placeholder": "For example: finish the quiz app's scoring"}
            ),
            "measure": forms.TextInput(
                attrs={"placeholder": "For example: a pull request is open"}
            ),
        }
        error_messages = {
            "text": {"required": "Say what the goal is."},
            "deadline": {
                "required": "Every goal needs a deadline.",
                "invalid": "Give a date like 2026-12-14.",
            },
        }

    def __init__(self, *args: Any, group: Group, owner: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        if owner:
            cast(forms.ChoiceField, self.fields["owner"]).choices = owner_choices(group)
        else:
            del self.fields["owner"]

    def clean_deadline(self) -> date:
        deadline: date = self.cleaned_data["deadline"]
        if self.instance.pk is not None and deadline == self.instance.deadline:
            return deadline
        if deadline < timezone.localdate():
            raise forms.ValidationError(PAST_DEADLINE)
        if problem := date_problem(deadline, timezone.localdate()):
            raise forms.ValidationError(problem)
        return deadline

    def clean_link(self) -> str:
        link: str = self.cleaned_data.get("link", "")
        if link and not link.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Only web links (http or https) can be added.")
        return link

    def apply_owner(self, goal: Goal) -> None:
        kind, _, value = self.cleaned_data["owner"].partition(":")
        if kind == "t":
            goal.trainee = self.group.trainees.active().get(key=value)
            goal.mentor = None
        else:
            goal.mentor = self.group.mentors.get(pk=value)
            goal.trainee = None


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (ReviewOutcome.MET, "Met"),
            (ReviewOutcome.PARTLY, "Partly"),
            (ReviewOutcome.MISSED, "Missed"),
            (ReviewOutcome.EXTENDED, "Extend"),
        ]
    )
    note = forms.CharField(
        label="What got in the way?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.ChoiceField(
        label="What happens next?",
        choices=NextStep.choices,
        required=False,
        widget=RadioButtons,
    )
    new_deadline = WindowDateField(
        label="New deadline",
        required=False,
        error_messages={"invalid": "Give a date like 2026-12-14."},
    )
    smaller_text = forms.CharField(label="The smaller goal", required=False, max_length=300)

    def __init__(self, *args: Any, goal: Goal | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.goal is not None and self.goal.proposal:
            raise forms.ValidationError(NOT_AGREED)
        if self.goal is not None and self.goal.status != GoalStatus.OPEN:
            raise forms.ValidationError(ALREADY_CLOSED)
        outcome = data.get("outcome")
        step = data.get("next_step")
        deadline = data.get("new_deadline")
        if outcome == ReviewOutcome.MISSED:
            if not (data.get("note") or "").strip():
                self.add_error("note", "Say in a few words what got in the way.")
            if not step:
                self.add_error(
                    "next_step",
                    "Choose what happens next: a new deadline, a smaller goal, or drop it.",
                )
            if step == NextStep.SMALLER and not (data.get("smaller_text") or "").strip():
                self.add_error("smaller_text", "Write the smaller goal.")
        needs_date = outcome == ReviewOutcome.EXTENDED or (
            outcome == ReviewOutcome.MISSED and step in (NextStep.NEW_DEADLINE, NextStep.SMALLER)
        )
        if needs_date:
            if deadline is None and "new_deadline" not in self.errors:
                self.add_error("new_deadline", "Choose the new deadline.")
            elif deadline is not None and deadline < timezone.localdate():
                self.add_error("new_deadline", PAST_DEADLINE)
        return data
