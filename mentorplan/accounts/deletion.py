"""A mentor deletes their own account, after typing their password.

What happens to their groups is decided in `mentorplan.groups.leaving`; the confirmation page
shows it first. Their private notes go with the account (`calls.Note.author`)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mentorplan.accounts.http import MentorRequest
from mentorplan.accounts.models import User
from mentorplan.groups.leaving import account_deletion, delete_account


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Your account is still here.", code="wrong"
            )
        return password


@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: MentorRequest) -> HttpResponse:
    user = request.user
    form = AccountDeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        delete_account(user)
        logout(request)
        messages.success(
            request, "Your account and your private notes are deleted. Thank you for mentoring."
        )
        return redirect("home")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "plan": account_deletion(user)},
        status=400 if form.errors else 200,
    )
