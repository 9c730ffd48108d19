"""`{{ value|md }}` and `{{ value|slack }}`: what a person typed, inside the summary's Markdown and
Slack text. Every value a person typed goes through one of them; see `mentorplan.lib.markup`."""

from django import template

from mentorplan.lib.markup import link_address, markdown_text, slack_text

register = template.Library()

register.filter("md", markdown_text)
register.filter("address", link_address)
register.filter("slack", slack_text)
