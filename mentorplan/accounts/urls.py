from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from mentorplan.accounts import deletion, views
from mentorplan.accounts.forms import LoginForm, ThrottledPasswordResetForm

app_name = "accounts"

# Django's password views with our templates, under /accounts/password/.
password_patterns = [
    path(
        "change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            extra_context={"nav": "account"},
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html", extra_context={"nav": "account"}
        ),
        name="password_change_done",
    ),
    path(
        "reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=ThrottledPasswordResetForm,
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("delete/", deletion.account_delete, name="delete"),
    path("confirm/send/", views.confirmation_send, name="confirmation_send"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("password/", include(password_patterns)),
]
