from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from mentorplan.accounts.models import EmailKind, EmailRequest, User
from mentorplan.accounts.proxy import client_ip
from mentorplan.lib.timezones import TimezoneSelect

ADDRESS_TAKEN = (
    "There is already an account with this e-mail address. Log in, or reset your password if you "
    "have forgotten it."
)


class SignupForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name", "timezone"]
        widgets = {"timezone": TimezoneSelect}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(ADDRESS_TAKEN)
        return email

    def create_user(self) -> User | None:
        """The new account, or None with the form's error when the address was taken between the
        check above and the save (the same address signed up twice at once)."""
        try:
            with transaction.atomic():
                user: User = self.save()
        except IntegrityError:
            self.add_error("email", ADDRESS_TAKEN)
            return None
        return user


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending no more e-mails per address and per client than the settings
    allow. The page after it reads the same either way, so it tells nobody anything."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        request: HttpRequest | None = kwargs.get("request")
        if request is not None and not EmailRequest.allow(
            EmailKind.PASSWORD_RESET, self.cleaned_data["email"], client_ip(request)
        ):
            return
        super().save(*args, **kwargs)


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
