"""Where a table's cells come from: a sheet read whole by calamine, or a CSV streamed in
blocks by pandas' C parser. Both hand out the same thing: blocks of data rows as columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count, islice
from operator import itemgetter
from typing import Any, Protocol

from ..errors import ReadingError
from ..messages import Lang, say
from .layout import NO_LAYOUT, SheetLayout

# (spreadsheet row numbers, canonical column name -> cells of those rows)
RawBlock = tuple[list[int], dict[str, list[Any]]]
Numbered = tuple[int, list[Any]]


def has_content(numbered: Numbered) -> bool:
    """A row with at least one cell that is neither empty nor white space."""
    for cell in numbered[1]:
        if cell == "" or cell is None or (cell.__class__ is str and cell.isspace()):
            continue
        return True
    return False


def first_rows(rows: Iterator[list[Any]], wanted: int) -> list[Numbered]:
    """The first ``wanted`` non-empty rows, numbered from 1 as in the spreadsheet."""
    return list(islice(filter(has_content, zip(count(1), rows)), wanted))


class Source(Protocol):
    @property
    def name(self) -> str | None:
        """The sheet's name; None for a CSV."""

    @property
    def text_only(self) -> bool:
        """Whether every cell is a ``str`` (a CSV)."""

    def head(self, wanted: int) -> list[Numbered]:
        """The first ``wanted`` non-empty rows, to find the header in."""

    def blocks(self, header_row: int, positions: dict[str, int], size: int) -> Iterator[RawBlock]:
        """The rows below ``header_row`` in blocks of ``size``, as the columns at
        ``positions``; empty rows included (validation drops them)."""

    def rows(self) -> Iterator[list[Any]]:
        """Every row from row 1, as read."""


def too_many_rows(path: str, sheet: str | None, last: int, lang: Lang) -> ReadingError:
    # a row number, written as the spreadsheet shows it (no thousands separator)
    return ReadingError(
        "too-many-rows", say("too-many-rows", lang, sheet=sheet or "-", rows=last), path
    )


class SheetSource:
    """A workbook sheet, already read whole into lists (``to_python``), and its hidden rows
    and merged cells (``layout``, filled by ``open_table`` for the sheet it reads)."""

    text_only = False

    def __init__(self, name: str, rows: list[list[Any]], layout: SheetLayout = NO_LAYOUT) -> None:
        self.name = name
        self._rows = rows
        self.layout = layout

    def head(self, wanted: int) -> list[Numbered]:
        return first_rows(iter(self._rows), wanted)

    def rows(self) -> Iterator[list[Any]]:
        return iter(self._rows)

    def blocks(self, header_row: int, positions: dict[str, int], size: int) -> Iterator[RawBlock]:
        width = max(positions.values(), default=-1) + 1
        for start in range(header_row, len(self._rows), size):
            chunk = self._rows[start : start + size]
            if chunk and min(map(len, chunk)) < width:
                chunk = [r if len(r) >= width else [*r, *[""] * (width - len(r))] for r in chunk]
            numbers = list(range(start + 1, start + 1 + len(chunk)))
            yield numbers, {name: list(map(itemgetter(i), chunk)) for name, i in positions.items()}
