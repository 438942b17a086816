"""Data shapes shared by every subsystem: kinds of file, problem records, reports.

These are the library's results; ``--format json`` prints them as they are.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from .devices import DEVICE_TYPES as DEVICE_TYPES  # re-exported: importable here as before
from .devices import DeviceType as DeviceType


class Kind(StrEnum):
    """What a file holds."""

    NEEDS = "besoins"
    DONATIONS = "dons"
    PARTNERS = "partenaires"
    DELIVERIES = "livraisons"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    """One thing wrong (or worth a look) in one place of one file."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: str | None = None
    message: str


def _reading_order(problem: Problem) -> tuple[int, int, str]:
    cell = problem.cell or ""
    letters = cell.rstrip("0123456789")
    return (problem.row or 0, len(letters), letters)


class FileReport(BaseModel):
    """The validation of one file: where its data was found and every problem in it."""

    path: str
    kind: Kind | None = None
    sheet: str | None = None
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    issues: list[Problem] = Field(default_factory=list)
    readable: bool = Field(default=True, exclude=True)

    def add(self, problems: list[Problem]) -> None:
        """Add problems, keeping the list in reading order: by row, then by column."""
        self.issues.extend(problems)
        self.issues.sort(key=_reading_order)
        self.recount()

    def recount(self) -> None:
        self.errors = sum(1 for p in self.issues if p.severity is Severity.ERROR)
        self.warnings = len(self.issues) - self.errors


class ValidationReport(BaseModel):
    """The result of ``ordis validate``: ``ok`` when no file has an error."""

    ok: bool
    files: list[FileReport]

    @property
    def readable(self) -> bool:
        return all(f.readable for f in self.files)
