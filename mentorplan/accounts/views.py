from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentorplan.accounts import signin
from mentorplan.accounts.forms import ProfileForm, SignupForm
from mentorplan.accounts.http import MentorRequest
from mentorplan.accounts.models import EmailKind, EmailRequest, User
from mentorplan.accounts.proxy import client_ip


def _safe_next(request: HttpRequest) -> str:
    """The page to go back to afterwards, if it is on this site; otherwise ""."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _send_confirmation(request: HttpRequest, user: User, next_url: str) -> bool:
    """E-mail `user` a link that confirms their address (and then goes on to `next_url`); False
    when too many were asked for in the last hour and none was sent."""
    if not EmailRequest.allow(EmailKind.CONFIRMATION, user.email, client_ip(request)):
        return False
    link = reverse("accounts:confirm_email", args=[user.confirmation_token()])
    if next_url:
        link += "?" + urlencode({"next": next_url})
    send_mail(
        "Confirm your e-mail address for Mentorplan",
        render_to_string(
            "accounts/email/confirm_email.txt",
            {"user": user, "link": request.build_absolute_uri(link)},
        ),
        None,
        [user.email],
    )
    return True


@login_not_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("groups:list")
    return render(request, "accounts/home.html")


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("groups:list")
    # An invited co-mentor signs up on the way to their invitation: take them back to it.
    next_url = _safe_next(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (user := form.create_user()):
        login(request, user, backend=signin.BACKEND)
        _send_confirmation(request, user, next_url)
        if next_url:
            return redirect(next_url)
        messages.success(
            request,
            f"Welcome, {user.display_name}. Start by creating your group. We have sent a link to "
            f"{user.email}: open it to confirm that the address is yours.",
        )
        return redirect("groups:create")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@require_POST
def confirmation_send(request: MentorRequest) -> HttpResponse:
    """Send the confirmation link again, to the signed-in mentor's own address."""
    next_url = _safe_next(request)
    if request.user.email_verified:
        messages.success(request, "Your e-mail address is already confirmed.")
    elif _send_confirmation(request, request.user, next_url):
        messages.success(
            request,
            f"We have sent a new link to {request.user.email}. It may take a minute to arrive; "
            "check your spam folder too.",
        )
    else:
        messages.error(
            request,
            "We have sent several links in the last hour already. Use the newest one in your "
            "inbox, or try again in an hour.",
        )
    return redirect(next_url or "accounts:profile")


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation e-mail: a button to confirm (opening the link changes
    nothing, so a mail scanner that follows links confirms nothing)."""
    user = User.for_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_email_invalid.html", status=404)
    next_url = _safe_next(request)
    if request.method != "POST":
        return render(
            request, "accounts/confirm_email.html", {"address": user.email, "next": next_url}
        )
    user.confirm_email()
    messages.success(request, f"Thank you: {user.email} is confirmed.")
    if request.user.is_authenticated:
        return redirect(next_url or "groups:list")
    login_url = reverse("accounts:login")
    return redirect(f"{login_url}?{urlencode({'next': next_url})}" if next_url else login_url)


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "nav": "account"})
