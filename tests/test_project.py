"""The project's own hygiene: lint, types, architecture, and a smoke run of the benchmark."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT
from .processes import run_benchmark, run_python


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cli"):
            found.add("ordis_cli.cli")
    return found


def test_core_does_not_import_the_cli_layer() -> None:
    package = ROOT / "ordis_cli"
    core = [
        p
        for p in package.rglob("*.py")
        if "cli" not in p.relative_to(package).parts[:-1] and p.name != "__main__.py"
    ]
    assert len(core) > 30
    for path in core:
        imported = _imports(path)
        assert not imported & {"typer", "rich", "click"}, path
        text = path.read_text(encoding="utf-8")
        assert "from ..cli" not in text and "from .cli" not in text, path


def test_modules_stay_small() -> None:
    for path in (ROOT / "ordis_cli").rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "ordis_cli", "tests", "benchmarks"],
        ["ruff", "format", "--check", "ordis_cli", "tests", "benchmarks"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_the_linters_find_nothing(command: list[str]) -> None:
    """ruff, ruff format (the tree as the formatter leaves it) and mypy (strict, from
    pyproject.toml) are clean."""
    done = run_python("-m", *command)
    assert done.returncode == 0, done.stdout


def test_allocation_benchmark_smoke_run(tmp_path: Path) -> None:
    done = run_benchmark("bench_allocate.py", "--smoke", "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "core, 200 structures" in done.stdout and "end to end" in done.stdout
    assert "XlsxWriter" in done.stdout


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    done = run_benchmark(
        "bench_validate.py", "--rows", "50", "--repeat", "1", "--quick", "--out", tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "besoins_50.xlsx" in done.stdout and "besoins_50.csv" in done.stdout


def test_the_version_has_one_source() -> None:
    import tomllib

    import ordis_cli

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert ordis_cli.__version__ == declared
    assert declared in (ROOT / "CHANGELOG.md").read_text()
