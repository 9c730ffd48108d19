"""The widgets and the field group written out in Python give exactly what Django's templates
give, and every form the site draws comes out the same either way."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.core.validators import validate_slug
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template import loader
from django.utils.functional import lazy
from django.utils.safestring import mark_safe

from mentorplan.lib.widgets import FIELD, Renderer

lazy_text = lazy(lambda: "Later <b>", str)

CHOICES = [
    ("", "---------"),
    (1, "One & only"),
    ("two", mark_safe("<em>Two</em>")),
    ("Group <a>", [("g1", "In a group"), (Decimal("2.5"), lazy_text())]),
    (None, "Nothing"),
]


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'Say "hi" & <go>'}))
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    email = forms.EmailField(required=False, help_text="We never share it & <never> sell it.")
    number = forms.DecimalField(widget=forms.NumberInput(attrs={"step": Decimal("0.5")}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.DateTimeField(widget=forms.DateTimeInput)
    time = forms.TimeField()
    url = forms.URLField(required=False, assume_scheme="https")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    flag = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"data-x": True}))
    off = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"hidden": False}))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "x y"}))
    empty = forms.CharField(required=False, widget=forms.Textarea)
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:3], widget=forms.CheckboxSelectMultiple, required=False
    )
    slug = forms.CharField(  # "a b" breaks both rules: two errors
        required=False,
        min_length=5,
        validators=[validate_slug],
        help_text=mark_safe("Letters <em>only</em>"),
        label="Slug <short>",
    )


VALUES = [
    {},
    {
        "text": "Ünïcode <script>alert('x')</script> & \"quotes\"",
        "hidden": 7,
        "email": "a@b.org",
        "number": Decimal("1234.50"),
        "day": datetime.date(2026, 12, 3),
        "at": datetime.datetime(2026, 3, 29, 1, 30),
        "time": datetime.time(19, 5),
        "url": "https://example.org/?a=1&b=<2>",
        "secret": "p&ss",
        "flag": True,
        "body": "Line one\n\nLine <two> & three\n",
        "one": "two",
        "many": ["1", "g1", "2.5"],
        "radio": "1",
        "boxes": ["1", "two"],
        "slug": "a b",
    },
]


def _form(renderer: BaseRenderer, values: dict, bound: bool) -> forms.Form:
    """Everything, filled in (bound) or starting from `values` (unbound)."""
    if bound:
        return Everything(data=values, renderer=renderer, auto_id="id_%s")
    return Everything(initial=values, renderer=renderer, prefix="p")


def _draw(form: forms.Form) -> list[str]:
    drawn = [str(field) for field in form]
    drawn += [str(choice.tag()) for name in ("radio", "boxes") for choice in form[name]]
    drawn += [str(choice) for name in ("radio", "boxes") for choice in form[name]]
    return drawn


@pytest.mark.parametrize("values", VALUES)
@pytest.mark.parametrize("bound", [False, True])
def test_each_widget_comes_out_as_djangos_templates_draw_it(values, bound):
    written = _draw(_form(Renderer(), values, bound))
    templated = _draw(_form(DjangoTemplates(), values, bound))

    assert written == templated
    assert any("<select" in html for html in written)  # the comparison covered them all
    assert any("<textarea" in html for html in written)


class FieldTemplate(DjangoTemplates):
    """Fields drawn by the site's template."""

    field_template_name = FIELD

    def get_template(self, template_name: str) -> Any:
        if template_name == FIELD:
            return loader.get_template(template_name)
        return super().get_template(template_name)


@pytest.mark.parametrize("values", VALUES)
@pytest.mark.parametrize("bound", [False, True])
def test_each_field_group_comes_out_as_its_template_draws_it(values, bound):
    written = [field.as_field_group() for field in _form(Renderer(), values, bound)]
    templated = [field.as_field_group() for field in _form(FieldTemplate(), values, bound)]

    assert written == templated
    kinds = " ".join(written)
    for part in ["<fieldset", 'class="field field-checkbox"', "(optional)", "_helptext"]:
        assert part in kinds  # the comparison covered every branch
    if bound and values:
        assert 'id="id_slug_error_2"' in kinds
        assert "field-error" in kinds


def test_a_widget_drawn_by_a_template_of_its_own_still_is():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    field = forms.ChoiceField(choices=CHOICES[1:3], widget=Special)
    html = field.widget.render("pick", "1", renderer=Renderer())

    assert html == field.widget.render("pick", "1", renderer=DjangoTemplates())
    assert '<input type="select"' in html


def test_the_site_draws_its_forms_with_the_written_out_widgets(settings):
    assert settings.FORM_RENDERER == "mentorplan.lib.widgets.Renderer"


def test_a_field_group_given_more_than_the_field_is_drawn_by_its_template():
    field = Everything(renderer=Renderer())["email"]

    html = field.render(context={"field": field, "extra": "x"})

    assert html == field.render(renderer=FieldTemplate())
    assert "(optional)" in html
