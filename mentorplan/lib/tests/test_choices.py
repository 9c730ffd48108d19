"""Radio buttons and check boxes drawn inside their own labels carry no id: the label names its
option without one, and a page with a form per trainee is lighter for it."""

from bs4 import BeautifulSoup
from django import forms

from mentorplan.lib.forms import CheckBoxes, RadioButtons


class Choosing(forms.Form):
    status = forms.ChoiceField(
        choices=[("on", "On track"), ("off", "Concern")], widget=RadioButtons
    )
    reasons = forms.MultipleChoiceField(
        choices=[("a", "Falling behind"), ("b", "Strong drive")], widget=CheckBoxes
    )


def test_each_option_is_named_by_the_label_around_it_and_has_no_id():
    form = Choosing(prefix="f1")
    page = BeautifulSoup(
        str(form["status"].as_field_group()) + str(form["reasons"].as_field_group()), "html.parser"
    )

    options = page.select("input")
    assert len(options) == 4
    named = {label.get_text(strip=True) for label in page.select("label:has(> input)")}
    assert named == {"On track", "Concern", "Falling behind", "Strong drive"}
    assert not [option for option in options if option.has_attr("id")]
    assert page.select_one("fieldset legend") is not None  # the group is still named
