from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ordis_cli.actions.validate import ValidationOptions, validate_files
from ordis_cli.cli.app import app
from ordis_cli.models import Kind, Problem, ValidationReport

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    """Run ``ordis`` in-process; the result has exit_code, stdout and stderr."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env or {"ORDIS_LANG": "fr"})


def invoke_json(*args: str | Path) -> tuple[int, dict[str, Any]]:
    result = invoke(*args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def validate(*paths: Path, **options: Any) -> ValidationReport:
    return validate_files(list(paths), ValidationOptions(**options))


def problems(path: Path, **options: Any) -> list[Problem]:
    report = validate(path, **options)
    assert len(report.files) == 1
    return report.files[0].issues


def codes_at(path: Path, **options: Any) -> dict[int | None, set[str]]:
    found: dict[int | None, set[str]] = {}
    for problem in problems(path, **options):
        found.setdefault(problem.row, set()).add(problem.code)
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["DATA", "ROOT", "Kind", "codes_at", "invoke", "invoke_json", "problems", "sha256",
           "validate"]
