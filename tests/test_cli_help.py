"""Every command has help text with examples and is documented in the README."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pathlib import Path

from dateline.cli import command_modules
ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [m.COMMAND for m in command_modules()]


def dateline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True, timeout=120)


def test_cli_help_lists_every_command():
    result = dateline("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_of_each_command_has_examples(command):
    result = dateline(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Examples:" in result.stdout
    assert f"dateline {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_each_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"dateline {command}" in readme


def test_cli_help_no_command_is_a_usage_error():
    result = dateline()
    assert result.returncode == 2


def test_cli_help_unknown_option_is_a_usage_error():
    result = dateline("extract", "--no-such-option", "x")
    assert result.returncode == 2
    assert "unrecognized arguments" in result.stderr
