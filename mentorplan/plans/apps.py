from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "mentorplan.plans"
    label = "plans"
