from collections.abc import Iterable
from typing import Any

from django import forms

from mentorplan.lib.forms import CheckBoxes, VersionedForm, text_boxes
from mentorplan.recap.models import (
    TEXT_LIMIT,
    Method,
    RetroAnswer,
    TopicPerson,
    TopicStatus,
    TopicWork,
    normalise,
)

TOO_LONG = f"Keep it under {TEXT_LIMIT:,} characters: a few lines are plenty here."
STATUS_ERROR = "Choose one of: not yet, working on it, understood, needs the course team."
NOT_ON_TOPIC = (
    "Press a status beside one trainee of this topic. Reload the page to see who is on it."
)


def _limits(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            field.error_messages["max_length"] = TOO_LONG


class RetroForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = RetroAnswer
        fields = ["last_lesson", "homework", "homework_done", "not_understood"]
        field_classes = text_boxes("last_lesson", "homework", "not_understood")
        widgets = {
            "last_lesson": forms.Textarea(attrs={"rows": 2}),
            "homework": forms.Textarea(attrs={"rows": 2}),
            "not_understood": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        _limits(self)


class WorkForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = TopicWork
        fields = ["gap", "method", "outcome"]
        field_classes = text_boxes("gap", "outcome")
        widgets = {
            "gap": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"method": "Method"}
        error_messages = {"method": {"invalid_choice": "Choose one of the methods in the list."}}

    def __init__(
        self, *args: object, methods: object, listed: list[Method] | None = None, **kwargs: object
    ) -> None:
        """`methods` checks the choice; `listed`, the same methods fetched once, lets a page with
        a form per topic show them without a query per form."""
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = methods  # type: ignore[attr-defined]
        self.fields["method"].empty_label = "Choose a method"  # type: ignore[attr-defined]
        if listed is not None:
            choices = [("", "Choose a method"), *((m.pk, m.name) for m in listed)]
            self.fields["method"].choices = choices  # type: ignore[attr-defined]
        _limits(self)


class TopicStatusForm(forms.Form):
    """Where one trainee of a topic now stands. A topic's statuses are one form: the button
    pressed sends its trainee's field (`TopicPerson.status_field`) with the status, so the one
    field sent names both. `person` is the trainee whose field came, if just one did."""

    def __init__(self, data: Any, *, people: Iterable[TopicPerson]) -> None:
        super().__init__(data)
        named = {person.status_field: person for person in people}
        for name in named:
            self.fields[name] = forms.ChoiceField(
                choices=TopicStatus.choices,
                required=False,
                error_messages={"invalid_choice": STATUS_ERROR},
            )
        sent = [person for name, person in named.items() if name in self.data]
        self.person: TopicPerson | None = sent[0] if len(sent) == 1 else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.person is None:
            raise forms.ValidationError(NOT_ON_TOPIC)
        status = data.get(self.person.status_field)
        if not status and not self.has_error(self.person.status_field):
            self.add_error(self.person.status_field, STATUS_ERROR)
        data["status"] = status
        return data


class TopicForm(forms.Form):
    title = forms.CharField(
        label="Topic",
        max_length=200,
        error_messages={
            "required": "Name the topic.",
            "max_length": "Keep the topic under 200 characters.",
        },
    )
    trainees = forms.MultipleChoiceField(
        label="Who it is for",
        widget=CheckBoxes,
        error_messages={
            "required": "Tick at least one trainee.",
            "invalid_choice": "Choose trainees of this group.",
        },
    )

    def __init__(self, *args: object, trainees: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["trainees"].choices = trainees  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not normalise(title):
            raise forms.ValidationError("Name the topic in words: it needs a letter or a digit.")
        return title


class MethodForm(forms.ModelForm):
    class Meta:
        model = Method
        fields = ["name", "description"]
        labels = {"name": "New method"}
        error_messages = {"name": {"required": "Name the method."}}
