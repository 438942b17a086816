"""``ordis validate``: every file checked against the rules of SPEC §2–3, then the rules
across files. ``ValidationReport`` is what ``--format json`` prints; the per-file engine is
in ``validation/``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..arguments import PathLike, file_paths
from ..models import FileReport, Problem, ValidationReport
from ..validation.service import ValidationOptions, validate_inputs

__all__ = ["FileReport", "Problem", "ValidationOptions", "ValidationReport", "validate_files"]

Progress = Callable[[str, int], None]  # (file name, rows read so far)


def validate_files(
    paths: PathLike | Iterable[PathLike],
    options: ValidationOptions,
    progress: Progress | None = None,
) -> ValidationReport:
    """Validate every file, then the rules across files; never raises for bad input."""
    files = file_paths(paths)
    report, _ = validate_inputs([(p, options.kind) for p in files], options, progress)
    return report
