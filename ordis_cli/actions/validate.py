"""``ordis validate``: every file checked against the rules of SPEC §2–3, then the rules
across files. ``ValidationReport`` is what ``--format json`` prints; the per-file engine is
in ``validation/``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import FileReport, Problem, ValidationReport
from ..validation.service import ValidationOptions, validate_inputs

__all__ = [
    "FileReport",
    "Problem",
    "ValidationOptions",
    "ValidationReport",
    "file_paths",
    "validate_files",
]

PathLike = str | os.PathLike[str]

Progress = Callable[[str, int], None]  # (file name, rows read so far)


def file_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The files a function of the API is given: several, or one (a path given alone, as
    text or not, is one file, never the letters of its name)."""
    if isinstance(paths, str | os.PathLike):
        return [Path(paths)]
    return [Path(p) for p in paths]


def validate_files(
    paths: PathLike | Iterable[PathLike],
    options: ValidationOptions,
    progress: Progress | None = None,
) -> ValidationReport:
    """Validate every file, then the rules across files; never raises for bad input."""
    files = file_paths(paths)
    report, _ = validate_inputs([(p, options.kind) for p in files], options, progress)
    return report
