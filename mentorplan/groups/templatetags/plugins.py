"""`{% plugged "group_panels" as panels %}`: what the installed apps plug into a page, in order."""

from django import template

from mentorplan.lib.plugins import FINISHED_ACTIONS, GROUP_PANELS

register = template.Library()

PLACES = {"group_panels": GROUP_PANELS, "finished_actions": FINISHED_ACTIONS}


@register.simple_tag
def plugged(place: str) -> list[str]:
    """The templates apps added to `place`; each is included with the page's context."""
    return PLACES[place].values()
