"""Form pieces every app uses for what people type: text boxes, and rows edited together.

`TextBoxField` keeps a text box's line breaks as LF (see `mentorplan.lib.text`). `VersionedForm`
saves a `Versioned` row only on the version the writer's form was based on; when someone else
saved first it keeps the writer's text in the form and describes the other text in a `Conflict`,
which templates/calls/includes/conflict.html shows with the writer's choices: keep mine, take
theirs, or (for free text) keep both. The choice comes back with the form, so it works the same
with htmx and with JavaScript off.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models

from mentorplan.lib.text import join_texts, plain_lines, same_text
from mentorplan.lib.versioned import Saved, V, save_on_version


class TextBoxField(forms.CharField):
    """The text of a text box, with every line break as LF."""

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        return plain_lines(text) if isinstance(text, str) else text


def text_boxes(*names: str) -> dict[str, type[forms.Field]]:
    """`Meta.field_classes` for a ModelForm whose `names` are text boxes."""
    return dict.fromkeys(names, TextBoxField)


class _OptionsInTheirLabels:
    """Options the site draws inside their own `<label>` (templates/includes/field.html, the
    feedback form): the label names its option without an id, so none is written, on a page
    with a form per trainee as on any other."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(*args, **kwargs)  # type: ignore[misc]
        option["attrs"].pop("id", None)
        return option


class RadioButtons(_OptionsInTheirLabels, forms.RadioSelect):
    pass


class CheckBoxes(_OptionsInTheirLabels, forms.CheckboxSelectMultiple):
    pass


class Choice:
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


CHOICES = [
    (Choice.MINE, "Keep my text"),
    (Choice.THEIRS, "Use their text"),
    (Choice.BOTH, "Keep both"),
]
OUT_OF_DATE = "This page is out of date. Reload it and try again."
# The largest version a row can hold (a positive integer column on every database): a larger
# number sent in a form is refused by the form, never handed to the database.
MAX_VERSION = 2**31 - 1


class VersionField(forms.IntegerField):
    """The version a form was based on (see `mentorplan.lib.versioned`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, max_value=MAX_VERSION, **kwargs)


@dataclass(frozen=True)
class ConflictField:
    label: str
    theirs: str  # what they saved, in words
    free_text: bool


@dataclass(frozen=True)
class Conflict:
    """What someone else saved while the writer was typing, and how the choice is sent back."""

    who: str
    version: int  # their version: saving on top of it settles the conflict
    fields: list[ConflictField]
    version_name: str = "their_version"  # the inputs that carry the choice
    choice_name: str = "resolve"

    @property
    def keep_both(self) -> bool:
        return any(field.free_text for field in self.fields)


class VersionedForm(forms.BaseForm):
    """A ModelForm mixin for a `Versioned` model: put it before `forms.ModelForm`."""

    conflict: Conflict | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        version = instance.version if instance is not None and instance.pk else 0
        errors = {"invalid": OUT_OF_DATE, "min_value": OUT_OF_DATE, "max_value": OUT_OF_DATE}
        hidden = forms.HiddenInput
        self.fields["version"] = VersionField(
            required=False, initial=version, widget=hidden, error_messages=errors
        )
        self.fields["their_version"] = forms.IntegerField(
            min_value=0, required=False, widget=hidden, error_messages=errors
        )
        self.fields["resolve"] = forms.ChoiceField(
            choices=CHOICES,
            required=False,
            widget=hidden,
            error_messages={"invalid_choice": "Choose which text to keep."},
        )

    def _edited(self) -> list[str]:
        return list(self._meta.fields or [])  # type: ignore[attr-defined]

    def save_on_version(
        self,
        model: type[V],
        lookup: Mapping[str, Any],
        *,
        extra: Mapping[str, Any] | None = None,
        create: Mapping[str, Any] | None = None,
    ) -> Saved[V]:
        """Save the form's fields (and `extra`) into the row `lookup` finds, on the version the
        form was based on, or on theirs when the writer has chosen after a conflict. A conflict
        leaves the form as it was sent and describes the other text in `self.conflict`."""
        data = self.cleaned_data
        mine = {name: data[name] for name in self._edited()}
        choice = data.get("resolve") or ""
        if choice == Choice.THEIRS:
            row = model._default_manager.filter(**lookup).first()
            return Saved(row or model(**lookup))
        version = data.get("version") or 0
        if choice and data.get("their_version") is not None:
            version = data["their_version"]

        def changes(row: V) -> dict[str, Any]:
            values = dict(mine)
            if choice == Choice.BOTH:
                for name in self._free_text():
                    values[name] = join_texts(getattr(row, name), mine[name])
            return {**values, **(extra or {})}

        saved = save_on_version(
            model,
            lookup,
            version,
            changes,
            create=create,
            unchanged=lambda row: not self._differences(row),
        )
        if saved.conflict:
            self.conflict = self._conflict_with(saved.row)
        return saved

    def _free_text(self) -> list[str]:
        return [n for n in self._edited() if isinstance(self.fields[n].widget, forms.Textarea)]

    def _differences(self, row: models.Model) -> list[str]:
        return [
            name
            for name in self._edited()
            if not _same(self.cleaned_data.get(name), getattr(row, name))
        ]

    def _conflict_with(self, row: Any) -> Conflict:
        editor = row.edited_by()
        free = self._free_text()
        return Conflict(
            who=str(editor) if editor else "A co-mentor",
            version=row.version,
            fields=[
                ConflictField(
                    label=str(self.fields[name].label or name),
                    theirs=self._shown(name, getattr(row, name)),
                    free_text=name in free,
                )
                for name in self._differences(row)
            ],
            version_name=self.add_prefix("their_version"),
            choice_name=self.add_prefix("resolve"),
        )

    def _shown(self, name: str, value: Any) -> str:
        """A stored value as the form would show it, in words."""
        if value in (None, "", []):
            return "(left empty)"
        if isinstance(value, models.Model):
            return str(value)
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            labels = {str(key): str(label) for key, label in field.choices}  # type: ignore[union-attr,misc]
            values = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(str(v), str(v)) for v in values)
        return plain_lines(str(value))


def _same(mine: Any, theirs: Any) -> bool:
    if isinstance(mine, list | tuple) or isinstance(theirs, list | tuple):
        return sorted(map(str, mine or [])) == sorted(map(str, theirs or []))
    if isinstance(mine, str) or isinstance(theirs, str):
        return same_text(mine, theirs)
    return bool(mine == theirs)
