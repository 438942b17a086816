"""The command line as a whole, through Typer's CliRunner: every command registered, helped
and documented; version; internal errors are exit 3 without a traceback. Each command's own
behaviour is tested in ``test_<command>.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordis_cli.cli.app import app

from .conftest import ROOT, invoke

COMMANDS = sorted(
    [c.name or "" for c in app.registered_commands]
    + [
        f"{g.name} {c.name}"
        for g in app.registered_groups
        for c in (g.typer_instance.registered_commands if g.typer_instance else [])
    ]
)


def test_commands_are_registered() -> None:
    assert COMMANDS == [
        "allocate",
        "deliveries import",
        "deliveries pending",
        "demo",
        "ledger copy",
        "ledger upgrade",
        "report",
        "runs cancel",
        "runs list",
        "runs show",
        "sample",
        "shipments cancel",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_documented(command: str) -> None:
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Exemple" in result.output
    assert f"ordis {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_root_help_and_version() -> None:
    result = invoke("--help")
    assert result.exit_code == 0 and "validate" in result.output and "Exemple" in result.output
    assert invoke("--version").output.startswith("ordis ")


def test_internal_error_is_exit_3_without_traceback(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ordis_cli.actions.validate.validate_files", boom)
    result = invoke("validate", data / "besoins_ok.xlsx")
    assert result.exit_code == 3
    assert "Traceback" not in result.output and "--debug" in result.output
    debug = invoke("validate", data / "besoins_ok.xlsx", "--debug")
    assert isinstance(debug.exception, RuntimeError)
