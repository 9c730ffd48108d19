from django import forms

from mentorplan.groups.models import Group, Invitation, Trainee
from mentorplan.lib.links import WebLinkField
from mentorplan.lib.timezones import TimezoneInput


class GroupForm(forms.ModelForm):
    video_url = WebLinkField(
        label="Video-call link",
        help_text="Optional. The Zoom, Meet or Jitsi address you use for this group's sessions: it "
        "goes into invites, reminders and the summary.",
    )

    class Meta:
        model = Group
        fields = ["name", "course", "region", "video_url"]
        help_texts = {"name": "For example “Tuesday buddies” or the trainees' first names."}


class TraineeForm(forms.ModelForm):
    class Meta:
        model = Trainee
        fields = ["name", "pronouns", "slack_handle", "email", "timezone"]
        widgets = {"timezone": TimezoneInput}
        help_texts = {
            "name": "The name they like to be called.",
            "slack_handle": "Optional, for example @amal.",
            "timezone": "Type a city to find its zone, for example Lagos or London.",
        }


class TraineeEditForm(TraineeForm):
    class Meta(TraineeForm.Meta):
        fields = [*TraineeForm.Meta.fields, "is_active"]


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email"]
        labels = {"email": "Co-mentor's e-mail address"}

    def __init__(self, *args: object, group: Group, **kwargs: object) -> None:
        # Its own ids: the group page also has the trainee form, with an e-mail field too.
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.group = group

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.group.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError("This mentor is already in the group.")
        return email
