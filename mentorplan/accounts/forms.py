from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from mentorplan.accounts.models import User
from mentorplan.lib.timezones import TimezoneSelect


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name", "timezone"]
        widgets = {"timezone": TimezoneSelect}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this e-mail address. Log in, or reset your "
                "password if you have forgotten it."
            )
        return email


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": (
            "That e-mail address and password do not match an account. Check both and try again."
        ),
        "inactive": "This account has been switched off.",
    }

    def clean_username(self) -> str:
        # Addresses are stored in lower case, whatever case the mentor types; lowering here also
        # makes the failed-login limit count "Sam@x.org" and "sam@x.org" as the same account.
        return self.cleaned_data["username"].lower()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "timezone", "slack_handle"]
        widgets = {"timezone": TimezoneSelect}
        help_texts = {"slack_handle": "Optional, for example @sam."}
