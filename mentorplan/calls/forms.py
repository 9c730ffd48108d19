from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from mentorplan.calls.models import (
    MAX_CALL_MINUTES,
    MIN_CALL_MINUTES,
    Action,
    AttendanceStatus,
    Call,
    NoteLevel,
)
from mentorplan.lib.dates import WindowDateField
from mentorplan.lib.forms import TextBoxField, VersionField
from mentorplan.lib.links import WebLinkField
from mentorplan.plans.models import PlanTemplate

LENGTH_MESSAGE = f"A session lasts from {MIN_CALL_MINUTES} to {MAX_CALL_MINUTES} minutes."
NOTE_MAX_CHARS = 20_000


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanTemplate) -> str:
        return f"{obj.title} ({obj.total or 0} min)"  # type: ignore[attr-defined]


class WhenForm(forms.Form):
    """A day and a start time, read in the reader's time zone as `scheduled_at`."""

    date = WindowDateField(
        error_messages={"required": "Choose a date.", "invalid": "Give a date like 2026-12-01."},
    )
    time = forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Choose a start time.", "invalid": "Give a time like 19:00."},
    )

    def when_problem(self, when: datetime) -> str:
        """What is wrong with `when` for this form, in words for the reader; empty if nothing."""
        return ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, at = data.get("date"), data.get("time")
        if day is not None and at is not None:
            when = timezone.make_aware(datetime.combine(day, at), timezone.get_current_timezone())
            if problem := self.when_problem(when):
                self.add_error("date", problem)
            data["scheduled_at"] = when
        return data


class CallForm(WhenForm):
    field_order = ["plan", "date", "time", "length_minutes"]

    plan = PlanChoiceField(
        queryset=PlanTemplate.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": "Choose one of your plans.",
            "required": "Choose a plan.",
        },
    )
    length_minutes = forms.IntegerField(
        label="Session length in minutes",
        required=False,
        min_value=MIN_CALL_MINUTES,
        max_value=MAX_CALL_MINUTES,
        help_text="Leave empty to use the plan's own length.",
        error_messages={
            "invalid": LENGTH_MESSAGE,
            "min_value": LENGTH_MESSAGE,
            "max_value": LENGTH_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: object, plans: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields[
            "date"
        ].help_text = f"Times are in your time zone, {timezone.get_current_timezone_name()}."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        plan = data.get("plan")
        if (
            plan is not None
            and data.get("length_minutes") is None
            and "length_minutes" not in self.errors
        ):
            total = plan.total or 0
            if not MIN_CALL_MINUTES <= total <= MAX_CALL_MINUTES:
                message = f"{plan.title} lasts {total} minutes. {LENGTH_MESSAGE}"
                self.add_error("length_minutes", f"{message} Give this session a length.")
        return data

    def when_problem(self, when: datetime) -> str:
        if when < timezone.now() - timedelta(hours=12):
            return "That time has already passed. Choose today or a later date."
        return ""


class RescheduleForm(CallForm):
    """A planned session's new day, time, length, plan and link. `sequence` is the edition of the
    session the mentor saw, so a change made meanwhile by someone else is not overwritten."""

    field_order = ["date", "time", "length_minutes", "plan", "video_url"]

    video_url = WebLinkField(label="Video-call link for this session")
    sequence = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: object, call: Call, **kwargs: object) -> None:
        initial = {
            "date": timezone.localtime(call.scheduled_at).date(),
            "time": timezone.localtime(call.scheduled_at).time().replace(second=0, microsecond=0),
            "length_minutes": call.length_minutes,
            "video_url": call.video_url,
            "sequence": call.sequence,
        }
        super().__init__(*args, initial=initial, **kwargs)
        plan = self.fields["plan"]
        plan.required = False
        plan.empty_label = f"Keep this session's agenda ({call.plan_title})"  # type: ignore[attr-defined]
        plan.label = "Plan"
        plan.help_text = "Choose another plan only to replace the agenda with a fresh copy of it."
        length = self.fields["length_minutes"]
        length.required = True
        length.help_text = ""
        length.error_messages["required"] = LENGTH_MESSAGE
        group_link = call.group.video_url
        self.fields["video_url"].help_text = (
            f"Leave empty to use the group's link, {group_link}."
            if group_link
            else "Leave empty if you share the link another way. You can give the group a usual "
            "link in its details."
        )


class NoteForm(forms.Form):
    level = forms.ChoiceField(choices=NoteLevel.choices)
    body = TextBoxField(
        required=False,
        strip=False,
        max_length=NOTE_MAX_CHARS,
        error_messages={"max_length": f"A note holds up to {NOTE_MAX_CHARS:,} characters."},
    )
    version = VersionField()
    trainee = forms.UUIDField(required=False)


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)


class ControlForm(forms.Form):
    """One press of a runner button; the fields are the arguments of `Call.control`."""

    action = forms.ChoiceField(choices=Action.choices)
    position = forms.IntegerField(required=False, min_value=0)
    minutes = forms.IntegerField(required=False, min_value=1, max_value=30)
    expected = forms.IntegerField(required=False, min_value=0)
