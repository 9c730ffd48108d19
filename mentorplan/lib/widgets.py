"""Django's form renderer, with the plain widgets and the site's field group written out in
Python.

Django draws every widget, and every option of a select, through a template of its own; on the
session's page, with a form per topic and per trainee, that was a third of the time it took to
draw. The widgets below (inputs, text areas, selects and their options, a radio button or check
box drawn on its own) are written out here and give, character for character, what Django's
templates give (`mentorplan/lib/tests/test_widgets.py` compares the two). So does a field with
its label, help and errors, which templates draw with `{{ field.as_field_group }}` (the
template `includes/field.html` says the same). Any other template, or a select with an option
drawn by another template, is drawn by Django as before.
"""

from collections.abc import Callable
from typing import Any

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.template import Context, loader
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = [
    "text",
    "hidden",
    "email",
    "number",
    "date",
    "datetime",
    "time",
    "url",
    "password",
    "search",
    "tel",
    "color",
    "checkbox",
]
_CONTEXT = Context()  # how a template writes `{{ value }}`: localised, then escaped


def _value(value: object) -> str:
    """`{{ value }}`."""
    return str(render_value_in_context(value, _CONTEXT))


def _formatted(value: object) -> str:
    """`{{ value|stringformat:'s' }}`."""
    try:
        text: str = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        text = ""
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_value(name)}" if value is True else f' {_value(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    """input.html, with the line end every included template keeps."""
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] != None else ""  # noqa: E711
    kind, name = _value(widget["type"]), _value(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>\n'


def _input_option(widget: dict[str, Any]) -> str:
    """input_option.html (a radio button or check box among others), as included."""
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    label_id = widget["attrs"].get("id")
    label_for = f' for="{_value(label_id)}"' if label_id else ""
    return f"<label{label_for}>{_input(widget)} {_value(widget['label'])}</label>\n"


def _textarea(widget: dict[str, Any]) -> str:
    text = _value(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _option(widget: dict[str, Any]) -> str:
    """select_option.html, as included."""
    value = _formatted(widget["value"])
    return f'<option value="{value}"{_attrs(widget["attrs"])}>{_value(widget["label"])}</option>\n'


def _select(widget: dict[str, Any]) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in options:
            if option["template_name"] != WIDGETS + "select_option.html":
                return None
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_WRITTEN: dict[str, Callable[[dict[str, Any]], str | None]] = {
    **{f"{WIDGETS}{name}.html": _input for name in INPUTS},
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    WIDGETS + "select_option.html": _option,
    WIDGETS + "input_option.html": _input_option,
    WIDGETS + "checkbox_option.html": lambda widget: _input_option(widget) + "\n",
    WIDGETS + "radio_option.html": lambda widget: _input_option(widget) + "\n",
}


# A field with its label, help and errors, as `{{ field.as_field_group }}` draws it.
FIELD = "includes/field.html"


def _field(field: BoundField) -> str:
    """includes/field.html, for a field drawn by `as_field_group` (and so stripped)."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", "")
    error = " field-error" if field.errors else ""
    optional = "" if field.field.required else ' <span class="optional">(optional)</span>'
    label, auto_id = _value(field.label), _value(field.auto_id)
    helped = field.help_text  # written as it is, as the template's `|safe` does
    after = f'<div class="help" id="{auto_id}_helptext">{helped}</div>' if helped else ""
    after += "\n" + "".join(
        f'<p class="error" id="{auto_id}_error{f"_{number}" if number > 1 else ""}">'
        f"{_value(message)}</p>"
        for number, message in enumerate(field.errors, start=1)
    )
    several = getattr(widget, "allow_multiple_selected", False)
    if kind == "radio" or (several and kind == "checkbox"):
        choices = "".join(
            f'<label class="radio">{choice.tag()} {_value(choice.choice_label)}</label>'
            for choice in field
        )
        return (
            f'<fieldset class="field{error}">\n<legend>{label}{optional}</legend>\n'
            f"{choices}\n{after}\n</fieldset>"
        )
    label_for = _value(field.id_for_label)
    if kind == "checkbox":
        shown = f'\n{field} <label for="{label_for}">{label}</label>\n'
        error += " field-checkbox"
    else:
        shown = f'\n<label for="{label_for}">{label}{optional}</label>\n{field}\n'
    return f'<div class="field{error}">\n{shown}\n{after}\n</div>'


class Renderer(DjangoTemplates):
    """FORM_RENDERER: the widgets above and the field group (`includes/field.html`) written out,
    the rest from templates."""

    field_template_name = FIELD

    def get_template(self, template_name: str) -> Any:
        if template_name == FIELD:  # one of the site's own templates
            return loader.get_template(template_name)
        return super().get_template(template_name)

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        if template_name == FIELD and set(context) == {"field"}:
            return _field(context["field"])
        write = _WRITTEN.get(template_name)
        drawn = write(context["widget"]) if write and set(context) == {"widget"} else None
        if drawn is None:
            return super().render(template_name, context, request)
        return drawn.strip()  # as Django's renderer strips what a template gives
