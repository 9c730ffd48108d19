"""`{% plugged "finished_actions" as actions %}`: what the installed apps plug into a page.

A group's page gets its cards from its view, with their data (see `GROUP_PANELS`)."""

from django import template

from mentorplan.lib.plugins import FINISHED_ACTIONS

register = template.Library()

PLACES = {"finished_actions": FINISHED_ACTIONS}


@register.simple_tag
def plugged(place: str) -> list[str]:
    """The templates apps added to `place`; each is included with the page's context."""
    return PLACES[place].values()
