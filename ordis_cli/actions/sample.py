"""``ordis sample``: realistic, fictional, deterministic input files of any size.

Every name, address, e-mail and phone number is made up; the seed fixes every choice, so
the same command always writes the same files. ``with_errors`` plants the mistakes
coordinators typically make, to show ``ordis validate`` at work.

The rows come from ``fictional.structures`` (structures and their requests) and
``fictional.donations`` (lots and partners); this module writes them, as a workbook or a
French Excel CSV export, under the columns of ``schema`` (SPEC §2), and re-exports what was
importable from here before.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..arguments import PathLike
from ..atomic import output_folder, staged_folder, write_atomically
from ..errors import UsageError
from ..fictional.donations import PARTNERS, donation_rows, partner_rows, plant_donation_errors
from ..fictional.structures import needs_rows, plant_needs_errors
from ..messages import Lang, say
from ..messages.counting import number
from ..models import Kind
from ..schema import column_names
from ..xlsx_safety import clean_text

SampleFormat = Literal["xlsx", "csv"]

__all__ = [
    "DONATION_COLUMNS",
    "NEEDS_COLUMNS",
    "PARTNERS",
    "PARTNER_COLUMNS",
    "XLSX_MAX_STRUCTURES",
    "SampleFormat",
    "donation_rows",
    "needs_rows",
    "partner_rows",
    "plant_donation_errors",
    "plant_needs_errors",
    "write_csv",
    "write_sample",
    "write_xlsx",
]

# The headers written: the columns of SPEC §2, in its order.
NEEDS_COLUMNS = column_names(Kind.NEEDS)
DONATION_COLUMNS = column_names(Kind.DONATIONS)
PARTNER_COLUMNS = column_names(Kind.PARTNERS)
# The largest needs workbook ``sample`` writes: ordis reads a workbook within the 1 GB a
# contained read may add (SPEC §2), and python-calamine holds a whole sheet's cells, so a
# workbook of 700,000 structures is refused (``parser-memory``) where 300,000 read (measured,
# benchmarks/README.md). Beyond, CSV (1,000,000 rows validate in 351 MB).
XLSX_MAX_STRUCTURES = 300_000


def _cell(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def write_xlsx(
    path: Path, sheet: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]
) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in rows:
        values = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=dt.datetime.combine(value, dt.time()))
                cell.number_format = "DD/MM/YYYY"
                values.append(cell)
            else:
                values.append(_cell(value))
        ws.append(values)
    write_atomically(path, book.save)


def write_csv(
    path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]], title: str | None = None
) -> None:
    """A French Excel export: Windows-1252, ``;``, day-first dates, CRLF."""

    def save(target: str) -> None:
        with Path(target).open("w", encoding="cp1252", errors="replace", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            if title:
                writer.writerow([title] + [""] * (len(columns) - 1))
                writer.writerow([""] * len(columns))
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_csv_value(row.get(name)) for name in columns])

    write_atomically(path, save)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def write_sample(
    out: PathLike,
    structures: int = 300,
    lots: int = 150,
    seed: int = 2020,
    fmt: SampleFormat = "xlsx",
    with_errors: bool = False,
    lang: Lang = "fr",
) -> list[Path]:
    """Write needs, donations and partners files into ``out`` (absent or empty: SPEC §1),
    all of them or none; return their paths. A needs workbook too large for ordis to read
    back (more than ``XLSX_MAX_STRUCTURES``) is refused (``UsageError``): CSV has no such
    bound."""
    out = Path(out)
    if fmt == "xlsx" and structures > XLSX_MAX_STRUCTURES:
        raise UsageError(
            "sample-xlsx-too-large",
            say(
                "sample-xlsx-too-large",
                lang,
                structures=number(structures, lang),
                most=number(XLSX_MAX_STRUCTURES, lang),
            ),
        )
    needs = needs_rows(structures, seed)
    donations = donation_rows(lots, seed)
    suffix = "_erreurs" if with_errors else ""
    if with_errors:
        plant_needs_errors(needs, seed)
        plant_donation_errors(donations, seed)
    files = [
        (
            f"besoins{suffix}",
            "besoins",
            NEEDS_COLUMNS,
            needs,
            "Recensement des besoins des structures ASE",
        ),
        (f"dons{suffix}", "dons", DONATION_COLUMNS, donations, "Dons reçus"),
        ("partenaires", "partenaires", PARTNER_COLUMNS, partner_rows(lots), None),
    ]
    target = output_folder(out, out, lang)
    written = []
    with staged_folder(target, lang) as staging:
        for stem, sheet, columns, rows, title in files:
            name = f"{stem}.{fmt}"
            if fmt == "csv":
                write_csv(staging / name, columns, rows, title if with_errors else None)
            else:
                write_xlsx(staging / name, sheet, columns, rows)
            written.append(target / name)
    return written
