"""Web links people type in: only http and https, so a link never runs a script or opens a file."""

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q

WEB_LINK_MESSAGE = "Give a full web address starting with https:// (or http://)."

validate_web_link = URLValidator(schemes=["http", "https"], message=WEB_LINK_MESSAGE)


def is_web_link_or_empty(field: str) -> Q:
    """The database's side of the same rule, for a `CheckConstraint`."""
    return (
        Q(**{field: ""})
        | Q(**{f"{field}__istartswith": "http://"})
        | Q(**{f"{field}__istartswith": "https://"})
    )


class WebLinkField(forms.URLField):
    """An optional http(s) link; a bare "meet.example/abc" is read as https."""

    default_error_messages = {"invalid": WEB_LINK_MESSAGE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("widget", forms.URLInput(attrs={"placeholder": "https://"}))
        super().__init__(**kwargs)
        self.error_messages["max_length"] = "That link is too long: 500 characters at most."
        # The web-only rule replaces the default one (which also lets ftp in), so a bad link
        # gets one message, not two.
        kept = [v for v in self.validators if not isinstance(v, URLValidator)]
        self.validators = [*kept, validate_web_link]
