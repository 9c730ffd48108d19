from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentorplan.accounts"
    label = "accounts"
