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
