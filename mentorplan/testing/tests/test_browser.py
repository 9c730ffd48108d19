"""The browser checks themselves must be able to fail: each one meets a page that is broken."""

import pytest

from mentorplan.testing.browser import watch_console

pytestmark = pytest.mark.browser

STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"


def serve(page, path: str, html: str) -> None:
    """Answer `path` on the live server with this HTML and the site's strict policy."""
    page.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": STRICT_POLICY},
            body=html,
        ),
    )
    page.goto(path)


def test_axe_check_reports_a_field_without_a_label(page, axe_check):
    serve(
        page,
        "/broken-form/",
        '<!doctype html><html lang="en"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><input type="text" name="who"></main></body></html>',
    )

    with pytest.raises(AssertionError) as failure:
        axe_check(page)

    report = str(failure.value)
    assert "/broken-form/" in report
    assert "label" in report
    assert 'input[name="who"]' in report or "<input" in report


def test_axe_check_passes_a_clean_page(page, axe_check):
    serve(
        page,
        "/clean/",
        '<!doctype html><html lang="en"><head><title>Clean</title></head>'
        '<body><main><h1>Clean</h1><label for="who">Who</label><input id="who"></main>'
        "</body></html>",
    )

    axe_check(page)


def test_the_console_watch_sees_an_inline_style_the_policy_refuses(page, console_errors):
    serve(
        page,
        "/inline-style/",
        '<!doctype html><html lang="en"><head><title>Inline</title>'
        "<style>h1 { color: red; }</style></head><body><h1>Inline</h1></body></html>",
    )
    page.wait_for_timeout(200)

    assert any("Content Security Policy" in error for error in console_errors), console_errors
    console_errors.clear()


def test_the_console_watch_sees_an_uncaught_exception(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    try:
        page = context.new_page()
        errors = watch_console(page)
        page.goto("/accounts/login/")
        page.evaluate("setTimeout(() => { throw new Error('boom from a test') }, 0)")
        page.wait_for_timeout(200)
    finally:
        context.close()

    assert any("boom from a test" in error for error in errors), errors
