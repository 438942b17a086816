"""From a file to a table: choose the sheet, find the header row, detect the kind.

``open_table`` inspects the bytes, opens the file with the right reader, and returns a
``Table``: where its header is, what each header cell stands for, and its ``source``,
which hands out the data rows below the header in blocks, with the row numbers a person
sees in the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from ..column_mapping import ColumnMapping
from ..errors import ReadingError
from ..file_columns import WEAK_HEADERS
from ..messages import Lang, say
from ..models import Kind
from ..schema import column_for, required
from ..textnorm import column_letter, header_key
from . import limits
from .delimited import CsvSource
from .layout import NO_LAYOUT, SheetLayout, scan_layout
from .sniff import inspect_file
from .source import RawBlock, SheetSource, Source, has_content
from .workbook import Workbook

# When two kinds score the same, the likelier one wins.
_KIND_ORDER = (Kind.NEEDS, Kind.DONATIONS, Kind.PARTNERS, Kind.DELIVERIES)


@dataclass(slots=True)
class HeaderCell:
    """One header cell: its text, its column letter, and the column it stands for."""

    text: str
    letter: str
    index: int
    column: str | None


@dataclass(slots=True)
class Table:
    path: str
    format: str
    sheet: str | None
    kind: Kind | None
    header_row: int
    header: list[HeaderCell]
    source: Source
    sheets: list[str] = field(default_factory=list)

    def blocks(self, positions: dict[str, int], size: int) -> Iterator[RawBlock]:
        """The data rows below the header, ``size`` at a time, as the columns at
        ``positions`` (canonical name -> index in the row)."""
        return self.source.blocks(self.header_row, positions, size)

    def count_rows(self) -> int:
        """Non-empty rows below the header (all of them when no header was found)."""
        return sum(
            1
            for n, _ in filter(has_content, zip(count(1), self.source.rows()))
            if n > self.header_row
        )

    @property
    def layout(self) -> SheetLayout:
        """Hidden rows and merged cells of the sheet (none for a CSV or an ``.xls``)."""
        return self.source.layout if isinstance(self.source, SheetSource) else NO_LAYOUT

    def columns(self) -> dict[str, HeaderCell]:
        """Canonical column name -> the first header cell that stands for it, a form's
        timestamp (``WEAK_HEADERS``) only when no other header names that column."""
        found: dict[str, HeaderCell] = {}
        for cell in self.header:
            if not cell.column:
                continue
            first = found.get(cell.column)
            if first is None or (_weak(first.text) and not _weak(cell.text)):
                found[cell.column] = cell
        return found


def _weak(text: str) -> bool:
    return header_key(text) in _WEAK_KEYS


_WEAK_KEYS = frozenset(header_key(text) for text in WEAK_HEADERS)


def cell_text(value: Any) -> str:
    """A cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _score(cells: list[Any], kind: Kind, mapping: ColumnMapping | None = None) -> tuple[int, int]:
    mapped = mapping.keys(kind) if mapping else None
    found = {column_for(kind, cell_text(c), mapped) for c in cells if isinstance(c, str) and c}
    found.discard(None)
    needed = sum(1 for name in required(kind) if name in found)
    return needed, len(found)


def detect_header(
    rows: list[list[Any]], kinds: tuple[Kind, ...], mapping: ColumnMapping | None = None
) -> tuple[int, Kind, tuple[int, int]] | None:
    """(index of the header row, its kind, its score) among ``rows``, or None.

    A row is a header candidate when it names at least two columns of one kind; the best
    candidate (most required columns, then most columns) wins, the earliest on ties.
    """
    best: tuple[int, Kind, tuple[int, int]] | None = None
    for index, cells in enumerate(rows):
        for kind in kinds:
            score = _score(cells, kind, mapping)
            if score[1] < 2:
                continue
            if best is None or score > best[2]:
                best = (index, kind, score)
    return best


def _build_header(
    cells: list[Any], kind: Kind | None, mapping: ColumnMapping | None = None
) -> list[HeaderCell]:
    mapped = mapping.keys(kind) if mapping else None
    header = []
    for index, value in enumerate(cells):
        text = cell_text(value)
        header.append(
            HeaderCell(
                text,
                column_letter(index),
                index,
                column_for(kind, text, mapped) if text and kind else None,
            )
        )
    return header


def open_table(
    path: Path,
    lang: Lang = "fr",
    kind: Kind | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> Table:
    """Open ``path`` and locate its data (headers of the user's ``mapping``, ``--columns``,
    first). Raises ``ReadingError`` when it cannot be used."""
    fmt = inspect_file(path, lang)
    kinds = (kind,) if kind else _KIND_ORDER
    if fmt == "csv":
        return _locate(path, fmt, CsvSource(path, lang), kinds, [], mapping)
    book = Workbook(path, lang, fmt)
    if sheet is not None:
        if sheet not in book.sheet_names:
            raise ReadingError(
                "sheet-not-found",
                say("sheet-not-found", lang, sheet=sheet, sheets=", ".join(book.visible_sheets)),
                str(path),
            )
        candidates = [sheet]
    else:
        candidates = book.visible_sheets
    if not candidates:
        raise ReadingError("no-sheet", say("no-sheet", lang), str(path))
    best: tuple[tuple[int, int], Table] | None = None
    for name in candidates:
        table = _locate(path, fmt, book.sheet(name), kinds, book.visible_sheets, mapping)
        score = (
            _score([c.text for c in table.header], table.kind, mapping) if table.kind else (0, 0)
        )
        if best is None or score > best[0]:
            best = (score, table)
        if len(candidates) == 1:
            break
    assert best is not None
    table = best[1]
    if isinstance(table.source, SheetSource):
        table.source.layout = scan_layout(path, fmt, table.sheet)
    return table


def _locate(
    path: Path,
    fmt: str,
    source: Source,
    kinds: tuple[Kind, ...],
    sheets: list[str],
    mapping: ColumnMapping | None = None,
) -> Table:
    head = source.head(limits.HEADER_SEARCH_ROWS)
    found = detect_header([cells for _, cells in head], kinds, mapping)
    kind = kinds[0] if len(kinds) == 1 else None
    if found is None:
        return Table(str(path), fmt, source.name, kind, 0, [], source, sheets)
    index, kind, _ = found
    header_row, header_cells = head[index]
    # a row wider than its header (a value holding the delimiter, a column left unnamed):
    # its cells get header cells without text, so that they are read and can be reported
    widest = min(max(len(cells) for _, cells in head), limits.MAX_COLUMNS)
    if len(header_cells) < widest:
        header_cells = [*header_cells, *[""] * (widest - len(header_cells))]
    header = _build_header(header_cells[: limits.MAX_COLUMNS], kind, mapping)
    return Table(str(path), fmt, source.name, kind, header_row, header, source, sheets)
