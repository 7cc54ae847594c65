"""README.md is true: its demo output is real and its "Using it" commands work exactly as written.

The commands run through Click's CliRunner in a folder laid out like the repository
after ``make demo`` (seeds/ and tests/ beside the default store graphkit-data/graph.db).
"""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
WIDTH = {"COLUMNS": "100"}


def _block_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(r"```\n(.*?)```", section, re.S).group(1)


@pytest.fixture()
def demo(cli_run, tmp_path, monkeypatch):
    """A folder after ``make demo``: the default store holds seeds/; returns what the demo printed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    printed = ""
    for line in re.findall(r"^\t@\$\(GRAPHKIT\) (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M):
        args = shlex.split(line.replace("$(MAP)", "out/map.html"))
        result = cli_run(*args)
        assert result.exit_code == 0, (line, result.output)
        printed += result.stdout
    return printed


def test_readme_opens_with_the_two_commands():
    head = README[:600]
    assert "make demo" in head and "make test" in head


def test_readme_demo_output_is_real(demo):
    assert demo.startswith("loaded 1 article (1 new, 0 already in the store, 0 failed) into graphkit-data/graph.db")
    assert demo in _block_after("`make demo` on this machine")


def test_using_it_works_exactly_as_written(cli_run, demo):
    commands = [line.split("  #")[0].strip() for line in _block_after("## Using it").splitlines()]
    assert len(commands) >= 15
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "graphkit", command
        result = cli_run(*args[1:], env=WIDTH)
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout, command


@pytest.mark.parametrize("command", re.findall(r"^\$ (graphkit query .*)$", README, re.M))
def test_readme_query_output_is_real(cli_run, demo, command):
    result = cli_run(*shlex.split(command)[1:], env=WIDTH)
    assert result.exit_code == 0, result.output
    assert f"$ {command}\n{result.stdout}```" in README
