from django import forms

from mentorplan.lib.timezones import TimezoneSelect, timezone_choices


class ZoneForm(forms.Form):
    timezone = forms.ChoiceField(choices=timezone_choices, widget=TimezoneSelect, help_text="Yours")


def test_the_fast_widget_renders_every_zone_and_marks_the_chosen_one():
    html = str(ZoneForm(initial={"timezone": "Africa/Cairo"})["timezone"])

    assert html.startswith('<select name="timezone"')
    assert html.count("<option") == len(timezone_choices())
    assert '<option value="Africa/Cairo" selected>Africa/Cairo</option>' in html
    assert html.count(" selected") == 1
    assert 'aria-describedby="id_timezone_helptext"' in html  # labels and help still link up


def test_an_invalid_submitted_value_selects_nothing_and_is_reported():
    form = ZoneForm({"timezone": '"><script>alert(1)</script>'})
    assert not form.is_valid()
    html = str(form["timezone"])
    assert "<script>" not in html
    assert " selected" not in html
    assert 'aria-invalid="true"' in html
