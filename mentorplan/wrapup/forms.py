from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from mentorplan.calls.forms import WhenForm
from mentorplan.wrapup.models import Resource


class ResourceForm(forms.ModelForm):
    url = forms.URLField(
        label="Link",
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        error_messages={
            "required": "Add the link.",
            "invalid": "Give a full web address starting with https://.",
        },
    )

    class Meta:
        model = Resource
        fields = ["title", "url", "tags"]
        widgets = {"url": forms.URLInput(attrs={"placeholder": "https://"})}
        error_messages = {
            "title": {"required": "Give the resource a title."},
            "url": {
                "required": "Add the link.",
                "invalid": "Give a full web address starting with https://.",
            },
        }

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Only web links (http or https) can be shared.")
        return url


class NewResourceForm(ResourceForm):
    """A resource added to the library during wrap-up and shared at once, without leaving."""

    target = forms.ChoiceField(
        label="Share it with",
        error_messages={
            "required": "Choose who or what it is for.",
            "invalid_choice": "Choose someone or a topic of this group.",
        },
    )
    prefix = "resource"

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    resource = forms.UUIDField(
        error_messages={"required": "Choose a resource.", "invalid": "Choose a resource."}
    )
    target = forms.CharField(error_messages={"required": "Choose who or what it is for."})


class CheckForm(forms.Form):
    """A checklist button says what the item should become, so a second press changes nothing."""

    done = forms.TypedChoiceField(
        choices=[("1", "done"), ("0", "not done")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": "That button did not send what the checklist expected. Try again.",
            "invalid_choice": "That button did not send what the checklist expected. Try again.",
        },
    )


class WinForm(forms.Form):
    trainee = forms.UUIDField(
        error_messages={"required": "Choose a trainee.", "invalid": "Choose a trainee."}
    )
    text = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Say what they did well.",
            "max_length": "Keep it under 300 characters.",
        },
    )
    source = forms.CharField(required=False, max_length=12)


class FollowUpForm(WhenForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        self.fields["time"].help_text = f"In your time zone, {zone}."

    def when_problem(self, when: datetime) -> str:
        if when < timezone.now():
            return "That time has already passed. Choose a later date."
        if when > timezone.now() + timedelta(days=120):
            return "Choose a date within the next four months."
        return ""


def default_follow_up(scheduled_at: datetime) -> dict[str, object]:
    """Same weekday and time, two weeks on, in the mentor's time zone."""
    local = timezone.localtime(scheduled_at) + timedelta(days=14)
    return {"date": local.date(), "time": local.time().replace(second=0, microsecond=0)}
