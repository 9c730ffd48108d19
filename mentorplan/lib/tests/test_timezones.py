from django import forms

from mentorplan.lib.timezones import TimezoneInput, TimezoneSelect, timezone_choices


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


class LightZoneForm(forms.Form):
    timezone = forms.ChoiceField(choices=timezone_choices, widget=TimezoneInput)


def test_the_light_widget_is_a_text_box_that_suggests_every_zone():
    html = str(LightZoneForm(initial={"timezone": "Africa/Lagos"})["timezone"])

    assert html.startswith('<input type="text" name="timezone" value="Africa/Lagos"')
    assert 'list="id_timezone_zones"' in html
    assert '<datalist id="id_timezone_zones">' in html
    assert html.count("<option") == len(timezone_choices())
    select = str(ZoneForm(initial={"timezone": "Africa/Lagos"})["timezone"])
    assert len(html) < len(select) * 0.6


def test_the_light_widget_accepts_only_a_known_zone():
    assert LightZoneForm({"timezone": "Africa/Lagos"}).is_valid()
    form = LightZoneForm({"timezone": '"><script>alert(1)</script>'})
    assert not form.is_valid()
    assert "<script>" not in str(form["timezone"])
