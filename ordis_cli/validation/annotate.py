"""``--annotate``: a copy of the workbook with each problem cell highlighted and explained.

An ``.xlsx``/``.xlsm`` input is copied with openpyxl (macros dropped, the copy is a plain
``.xlsx``); a CSV, ``.xls`` or ``.ods`` input is rebuilt cell by cell from what was read.
Either way the copy gets a sheet listing every problem. The input is never written.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string

from ..atomic import output_folder, staged_folder, write_atomically
from ..errors import UsageError
from ..messages import Lang, say
from ..models import FileReport, Problem, Severity
from ..reading import open_table
from ..reading.contained import run_contained
from ..reading.layout import scan_layout
from ..reading.sniff import inspect_file
from ..reading.workbook import Workbook
from ..xlsx_safety import clean_text, put

_FILLS = {
    Severity.ERROR: PatternFill("solid", start_color="FFF4B6B6"),
    Severity.WARNING: PatternFill("solid", start_color="FFFFE7A3"),
}
_HEADERS = {
    "fr": ("Ligne", "Cellule", "Colonne", "Gravité", "Code", "Valeur", "Message"),
    "en": ("Row", "Cell", "Column", "Severity", "Code", "Value", "Message"),
}
# What one Excel cell holds at most.
_CELL_CHARS = 32_767
# Rows plus columns of a merged area beyond which the copy is rebuilt, not loaded by openpyxl.
_MERGE_EDGE = 10_000
_SEVERITY = {
    "fr": {Severity.ERROR: "erreur", Severity.WARNING: "avertissement"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def annotate(report: FileReport, out: Path, lang: Lang, replace: bool = False) -> Path:
    """Write the annotated copy of ``report.path`` to ``out`` and return it; an existing
    ``out`` is refused (``WriteError``) unless ``replace`` (a file this command made)."""

    def annotated_copy(_: object) -> bytes:
        try:
            return _annotated(*_copy(Path(report.path), report.sheet, lang), report, lang)
        except Exception:  # openpyxl loaded what it cannot save (e.g. a date cell of text)
            return _annotated(*_rebuilt(Path(report.path), report.sheet, lang), report, lang)

    # the input is read again (openpyxl, calamine): contained like validation's reading
    data = run_contained(annotated_copy, report.path, None, lang)
    write_atomically(out, lambda path: Path(path).write_bytes(data), lang, replace=replace)
    return out


def write_annotations(reports: list[FileReport], out: Path, lang: Lang) -> list[Path]:
    """The annotated copies (SPEC §1 writing rule): ``out`` itself for one file named
    ``*.xlsx``, which must not exist; else a folder ``out``, absent or empty, filled whole
    or not at all."""
    targets = annotation_targets(reports, out, lang)
    if not targets:
        return []
    if len(targets) == 1 and targets[0][1] == out:
        return [annotate(targets[0][0], out, lang)]
    folder = output_folder(out, out, lang, "--annotate")
    with staged_folder(folder, lang) as staging:
        for report, target in targets:
            annotate(report, staging / target.name, lang)
    return [target for _, target in targets]


def _copy(source: Path, sheet_name: str | None, lang: Lang) -> tuple[Any, Any]:
    """An openpyxl copy of an xlsx input; any other input, or an xlsx that openpyxl cannot
    open (calamine is more lenient), is rebuilt cell by cell from what ordis read."""
    if inspect_file(source, lang) == "xlsx" and not _huge_merges(source, lang):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(source, keep_vba=False, keep_links=False)
            if sheet_name in book.sheetnames:
                return book, book[sheet_name]
            if book.worksheets:
                return book, book.worksheets[0]
        except Exception:  # openpyxl fails in many ways on files calamine reads
            pass
    return _rebuilt(source, sheet_name, lang)


def _annotated(book: Any, sheet: Any, report: FileReport, lang: Lang) -> bytes:
    _mark_cells(sheet, report.issues)
    _list_problems(book, report.issues, lang)
    book.active = book.worksheets.index(sheet)
    copy = io.BytesIO()
    book.save(copy)
    return copy.getvalue()


def _rebuilt(source: Path, sheet_name: str | None, lang: Lang) -> tuple[Any, Any]:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = _title(sheet_name, lang)
    _copy_rows(source, sheet_name, sheet, lang)
    return book, sheet


def _huge_merges(source: Path, lang: Lang) -> bool:
    """Whether a sheet has a merged area openpyxl would spend seconds and a gigabyte on (it
    makes a cell for each cell on the area's edge: 13 s and 980 MB for A1:XFD1048576)."""
    for name in Workbook(source, lang).sheet_names:
        for merge in scan_layout(source, "xlsx", name).merges:
            if merge.last_row - merge.first_row + merge.last_col - merge.first_col > _MERGE_EDGE:
                return True
    return False


def _title(name: str | None, lang: Lang) -> str:
    """A sheet title Excel accepts: no ``[]:*?/\\``, at most 31 characters, not empty (a
    CSV's data: « donnees », "data")."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", clean_text(name or "")).strip("' ")[:31]
    return cleaned or say("term-data-sheet", lang)


def _copy_rows(source: Path, sheet_name: str | None, sheet: Any, lang: Lang) -> None:
    table = open_table(source, lang, sheet=sheet_name)
    for row, cells in enumerate(table.source.rows(), start=1):
        for column, value in enumerate(cells, start=1):
            if value != "" and value is not None:
                if isinstance(value, str) and len(value) > _CELL_CHARS:
                    value = value[:_CELL_CHARS]
                put(sheet.cell(row, column), value)


def _mark_cells(sheet: Any, problems: list[Problem]) -> None:
    by_cell: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row:
            by_cell[problem.cell or f"A{problem.row}"].append(problem)
    for coordinate, found in by_cell.items():
        try:
            column, row = coordinate_from_string(coordinate)
            cell = sheet[f"{column}{row}"]
        except (ValueError, IndexError):  # a place outside what a sheet can hold
            continue
        worst = (
            Severity.ERROR
            if any(p.severity is Severity.ERROR for p in found)
            else (Severity.WARNING)
        )
        cell.fill = _FILLS[worst]
        text = clean_text("\n".join(f"• {p.message}" for p in found))[:_CELL_CHARS]
        comment = Comment(text, "ordis")
        comment.width = 420
        comment.height = 60 + 40 * len(found)
        cell.comment = comment


def _list_problems(book: Any, problems: list[Problem], lang: Lang) -> None:
    title = say("term-problems-sheet", lang)
    if title in book.sheetnames:
        del book[title]
    listing = book.create_sheet(title)
    for index, header in enumerate(_HEADERS[lang], start=1):
        cell = listing.cell(1, index, header)
        cell.font = Font(bold=True)
    for number, p in enumerate(problems, start=2):
        values = (p.row, p.cell, p.column, _SEVERITY[lang][p.severity], p.code, p.value, p.message)
        for index, value in enumerate(values, start=1):
            if value is not None:
                put(listing.cell(number, index), value)
    listing.freeze_panes = "A2"
    listing.auto_filter.ref = f"A1:G{max(len(problems) + 1, 2)}"
    for letter, width in zip("ABCDEFG", (8, 9, 20, 14, 22, 22, 100), strict=True):
        listing.column_dimensions[letter].width = width


def annotation_targets(
    reports: list[FileReport], out: Path, lang: Lang
) -> list[tuple[FileReport, Path]]:
    """Where each annotated copy goes: ``out`` itself for one file named ``*.xlsx``,
    else ``out/<name>_annote.xlsx`` per file. Never an input file."""
    readable = [r for r in reports if r.readable]
    if len(reports) == 1 and out.suffix.lower() == ".xlsx" and not out.is_dir():
        targets = [(r, out) for r in readable]
    else:
        suffix = say("term-annotated-suffix", lang)
        targets = [(r, out / f"{Path(r.path).stem}{suffix}") for r in readable]
    inputs = {Path(r.path).resolve() for r in reports}
    for _, target in targets:
        if target.resolve() in inputs:
            raise UsageError("annotate-over-input", say("annotate-over-input", lang, target=target))
    return targets
