"""Programs the tests start as a person would start them: a script of ``benchmarks/`` or
``python -m ordis_cli``, from the repository's root, in a process of their own, their output
kept as text and their exit status left to the test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python args…`` (the interpreter running the tests), at most ten minutes."""
    return subprocess.run(
        [sys.executable, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def run_benchmark(
    script: str, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python benchmarks/<script> args…``: the benchmarks' smoke runs."""
    return run_python(ROOT / "benchmarks" / script, *args, env=env)


def run_ordis(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m ordis_cli args…``: a real ``ordis`` process."""
    return run_python("-m", "ordis_cli", *args, env=env)
