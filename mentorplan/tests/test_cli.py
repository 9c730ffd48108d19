import contextlib
import io
import logging

import pytest

from mentorplan.__main__ import main


def test_help_lists_the_commands(capsys):
    main(["--help"])

    out = capsys.readouterr().out
    assert out.startswith("usage: mentorplan COMMAND")
    for command in ["serve", "migrate", "creatementor", "demo"]:
        assert f"\n  {command} " in out


def test_no_command_prints_the_usage_too(capsys):
    main([])

    assert capsys.readouterr().out.startswith("usage: mentorplan")


def test_a_command_run_inside_the_tests_leaves_logging_where_it_was(capsys):
    """Running a command sets Django up again; in the tests that must not point logging at the
    command's stderr, which closes with it: later warnings (a browser test's live server logs
    from its own thread) would fail to write and print a traceback instead."""
    command_stderr = io.StringIO()
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(command_stderr),
        pytest.raises(SystemExit),
    ):
        main(["export", "--help"])
    command_stderr.close()

    logging.getLogger("django.request").warning("Not Found: /nowhere")
    logging.getLogger("django.server").error("Broken pipe from a test")

    assert "Logging error" not in capsys.readouterr().err
