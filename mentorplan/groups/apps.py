from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "mentorplan.groups"
    label = "groups"
    verbose_name = "Mentoring groups"
