"""The project's own hygiene: lint, types, architecture, and a smoke run of the benchmark."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


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


def test_ruff_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "ordis_cli", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_ruff_format_leaves_the_tree_as_it_is() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "ordis_cli", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_mypy_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout


def test_allocation_benchmark_smoke_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_allocate.py"),
            "--smoke",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "core, 200 structures" in done.stdout and "end to end" in done.stdout
    assert "XlsxWriter" in done.stdout


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_validate.py"),
            "--rows",
            "50",
            "--repeat",
            "1",
            "--quick",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "besoins_50.xlsx" in done.stdout and "besoins_50.csv" in done.stdout


def test_the_version_has_one_source() -> None:
    import tomllib

    import ordis_cli

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert ordis_cli.__version__ == declared
    assert declared in (ROOT / "CHANGELOG.md").read_text()
