"""Time zone choices, and a fast widget to pick one."""

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@cache
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


@cache
def _options() -> dict[str, SafeString]:
    return {
        value: format_html('<option value="{}">{}</option>', value, label)
        for value, label in timezone_choices()
    }


class TimezoneSelect(forms.Select):
    """A <select> of some 400 zones. Django renders each option through a template, which costs
    a tenth of a second a page; these options never change, so they are built once."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        options = _options()
        selected = str(value) if value is not None else ""
        body = "".join(
            format_html(
                '<option value="{}" selected>{}</option>', key, dict(timezone_choices())[key]
            )
            if key == selected
            else html
            for key, html in options.items()
        )
        open_tag = format_html('<select name="{}"{}>', name, forms.utils.flatatt(final))
        return mark_safe(f"{open_tag}{body}</select>")  # noqa: S308  every part is escaped above


def zone_or_utc(name: str) -> zoneinfo.ZoneInfo:
    """The named time zone, or UTC when the name is not one (an old or mistyped value)."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@cache
def _zone_datalist_options() -> SafeString:
    return format_html_join(
        "", '<option value="{}">', ((value,) for value, _ in timezone_choices())
    )


class TimezoneInput(forms.TextInput):
    """A text box that suggests zones as you type ("Lagos" finds Africa/Lagos), from a
    <datalist> of their names only: about half the weight of a <select>. The form field
    still accepts only a zone from `timezone_choices`."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        list_id = f"{final.get('id') or name}_zones"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = _zone_datalist_options()
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)
