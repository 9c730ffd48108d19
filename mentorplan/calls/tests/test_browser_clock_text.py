"""The clock reads the same whoever draws it. The server renders the clock's text once
(mentorplan/calls/timing.py: clock_text) and the browser counts on from there
(static/js/clock-text.js: clockText); both must give the same text for the same time, or the
countdown would jump when a redraw arrives."""

import pytest
from django.templatetags.static import static

from mentorplan.calls.timing import clock_text

pytestmark = pytest.mark.browser

# Seconds as the clock meets them: under a minute, minutes, the hour boundary, hours, overruns
# (negative), and the fractions a counting clock passes through, halves included.
# fmt: off
TABLE = [
    0, 0.4, 0.5, 1, 1.5, 2.5, 9, 59, 59.49, 59.5, 60, 61, 65, 599, 600, 601, 3599, 3599.5, 3600,
    3601, 3661, 5400, 36000, 86399, 90061,
    -0.4, -0.5, -1, -2.5, -59, -60, -61, -200, -3599, -3600, -3661, -7322.5,
]
# fmt: on


def test_the_browser_and_the_server_write_a_time_the_same_way(page, live_server):
    page.goto("/")

    in_browser = page.evaluate(
        """async ([url, table]) => {
            const { clockText } = await import(url);
            return table.map((seconds) => clockText(seconds));
        }""",
        [static("js/clock-text.js"), TABLE],
    )

    assert dict(zip(TABLE, in_browser, strict=True)) == {s: clock_text(s) for s in TABLE}


def test_the_table_covers_both_shapes_of_the_clock():
    # The table is only worth something if it reaches both rules: M:SS and H:MM:SS.
    shapes = {clock_text(seconds).count(":") for seconds in TABLE}
    assert shapes == {1, 2}
    assert clock_text(3599) == "59:59"
    assert clock_text(3600) == "1:00:00"
    assert clock_text(-61) == "1:01"
