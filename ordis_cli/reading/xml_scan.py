"""Scans of the XML parts of a workbook, streamed in chunks, before any parser reads them.

What python-calamine allocates for a sheet is its extent: the farthest row times the
farthest column among the declared range (``<dimension ref=…>``) and every real cell or row
reference, whatever lies between. So a sheet is refused when any of those lies beyond the
row or column limit, or when the extent holds more than ``MAX_CELLS``. References are found
whatever their quoting (``r="A1"``, ``r='A1'``, ``r = "A1"``), in any case.

An ODS sheet is a run of rows and cells whose repeat counts add up: the rows are counted
table by table and the cells row by row, up to the last one holding a value (LibreOffice
pads every sheet with empty repeated rows and cells, which calamine does not store).

Entity and DOCTYPE declarations are looked for anywhere in every XML part, not only before
the root element (a parser may accept one after a long comment).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import IO

from ..textnorm import column_index, column_letter
from . import limits

_ENTITY = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Every reference beyond column T (the 20th) or at row 1,000,000 and above; the pattern
# starts with a literal so the engine skips ahead between candidates.
_WIDE_OR_DEEP = re.compile(rb"""r=["']\s*(?:[A-Za-z]{2,3}|[U-Zu-z]|[A-Za-z]{0,3}\d{7})""")
# Any space around an ``=``: then the references are looked for with the slower pattern.
_SPACED = re.compile(rb"=(?:(?<=\s=)|\s)")
_SPACED_REF = re.compile(
    rb"""(?<![\w:.-])r\s*=\s*["']\s*(?:[A-Za-z]{2,3}|[U-Zu-z]|[A-Za-z]{0,3}\d{7})"""
)
_REF_VALUE = re.compile(rb"""=\s*["']\s*([A-Za-z]{0,3})(\d*)""")
_DIMENSION = re.compile(rb"dimension[\s/>]")
_DIMENSION_REF = re.compile(rb"""\bref\s*=\s*["']\s*([A-Za-z]*)(\d*)(?:\s*:\s*([A-Za-z]*)(\d*))?""")


class Extent:
    """The farthest row and column seen in one sheet, and the first cell that reached out."""

    def __init__(self) -> None:
        self.rows = 0
        self.columns = 0

    def add(self, letters: bytes, digits: bytes) -> None:
        if letters:
            self.columns = max(self.columns, _column_number(letters))
        if digits:
            self.rows = max(self.rows, _number(digits))

    def cell(self) -> str:
        return f"{column_letter(max(self.columns, 1) - 1)}{max(self.rows, 1)}"


class TooFar(Exception):
    """A sheet reaches beyond a limit: ``what`` is "rows", "columns" or "cells"."""

    def __init__(self, what: str, extent: Extent) -> None:
        super().__init__(what)
        self.what = what
        self.extent = extent


class EntityFound(Exception):
    """An XML part holds an entity or DOCTYPE declaration."""


def _number(digits: bytes) -> int:
    return 10**12 if len(digits) > 12 else int(digits or b"0")


def _column_number(letters: bytes) -> int:
    return 10**6 if len(letters) > 3 else column_index(letters.decode("ascii").upper()) + 1


def windows(handle: IO[bytes]) -> Iterator[bytes]:
    """The member in chunks, each starting with the end of the one before, so that a short
    pattern cut by a chunk boundary is whole in one window."""
    tail = b""
    while True:
        chunk = handle.read(limits.SCAN_CHUNK_BYTES)
        if not chunk:
            return
        yield tail + chunk
        tail = chunk[-limits.SCAN_OVERLAP_BYTES :]


def check_entities(handle: IO[bytes]) -> None:
    for window in windows(handle):
        if _ENTITY.search(window):
            raise EntityFound


def check_sheet(handle: IO[bytes]) -> None:
    """Raise ``EntityFound`` or ``TooFar`` for an xlsx worksheet part."""
    extent = Extent()
    floors: list[int] = []  # per window, the row from which its references were counted
    for window in windows(handle):
        if _ENTITY.search(window):
            raise EntityFound
        for found in _DIMENSION.finditer(window):
            declared = _DIMENSION_REF.search(window, found.end(), found.end() + 200)
            if declared:
                extent.add(declared.group(1), declared.group(2))
                extent.add(declared.group(3) or b"", declared.group(4) or b"")
        spaced = _SPACED.search(window) is not None
        pattern = _SPACED_REF if spaced else _WIDE_OR_DEEP
        for found in pattern.finditer(window):
            if found.start() and window[found.start() - 1] not in b" \t\r\n":
                continue  # the end of another attribute: xmlns:r="http…", errorMessage="Une…"
            ref = _REF_VALUE.search(window, found.start(), found.end() + 16)
            if ref:
                extent.add(ref.group(1), ref.group(2))
        floors.append(_rows_that_matter(extent))
        _far_rows(window, floors[-1], spaced, extent)
        _check_extent(extent)
    # A window read before the sheet was known to be that wide counted only the rows that
    # mattered then: read those again from the row that matters now (a lying sheet only;
    # the declared range comes first in what spreadsheets write).
    floor = _rows_that_matter(extent)
    if any(earlier > floor for earlier in floors):
        handle.seek(0)
        for window in windows(handle):
            _far_rows(window, floor, _SPACED.search(window) is not None, extent)
            _check_extent(extent)


def _rows_that_matter(extent: Extent) -> int:
    """The lowest row that could take the sheet past a limit, given its columns so far:
    beyond ``MAX_SHEET_ROWS`` whatever the columns; sooner when the extent is wide enough
    for rows × columns to pass ``MAX_CELLS`` (at 200 columns, from row 100,003)."""
    floor = limits.MAX_SHEET_ROWS + 1
    if extent.columns:
        floor = min(floor, limits.MAX_CELLS // extent.columns + 1)
    return floor


def _far_rows(window: bytes, floor: int, spaced: bool, extent: Extent) -> None:
    """Take into ``extent`` every reference to a row from ``floor`` on: a pattern finds the
    numbers that could be (as many digits with a leading digit as large, or more digits),
    the exact value is then compared. Rows past ``MAX_SHEET_ROWS`` are found by the
    references' own pattern already."""
    if floor > limits.MAX_SHEET_ROWS:
        return
    for digits in _far_row_pattern(floor, spaced).findall(window):
        extent.rows = max(extent.rows, _number(digits))


@functools.cache
def _far_row_pattern(floor: int, spaced: bool) -> re.Pattern[bytes]:
    digits = str(floor)
    width, lead = len(digits), digits[0]
    number = rb"(\d{%d,}|[%s-9]\d{%d})" % (width + 1, lead.encode(), width - 1)
    prefix = rb"""r\s*=\s*["']\s*""" if spaced else rb"""r=["']\s*"""
    return re.compile(prefix + rb"[A-Za-z]{0,3}" + number)


def _check_extent(extent: Extent) -> None:
    if extent.rows > limits.MAX_SHEET_ROWS:
        raise TooFar("rows", extent)
    if extent.columns > limits.MAX_COLUMNS:
        raise TooFar("columns", extent)
    if extent.rows * extent.columns > limits.MAX_CELLS:
        raise TooFar("cells", extent)


_ODS_TOKEN = re.compile(
    rb"<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ROWS_REPEATED = re.compile(rb"""number-rows-repeated\s*=\s*["']\s*(\d+)""")
_COLUMNS_REPEATED = re.compile(rb"""number-columns-repeated\s*=\s*["']\s*(\d+)""")
_MAX_TAG_BYTES = 64 * 1024 * 1024


class _OdsTable:
    """Counts of one ODS table as the tokens go by."""

    def __init__(self) -> None:
        self.extent = Extent()
        self.row = 0
        self.row_repeat = 1
        self.column = 0
        self.last_value_column = 0

    def start_row(self, attributes: bytes) -> None:
        found = _ROWS_REPEATED.search(attributes)
        self.row_repeat = max(_number(found.group(1)), 1) if found else 1
        self.column = self.last_value_column = 0
        if attributes.endswith(b"/"):
            self.row += self.row_repeat

    def cell(self, attributes: bytes) -> None:
        found = _COLUMNS_REPEATED.search(attributes)
        self.column += max(_number(found.group(1)), 1) if found else 1
        if not attributes.endswith(b"/") or b"value-type" in attributes:
            self.last_value_column = self.column

    def end_row(self) -> None:
        self.row += self.row_repeat
        if self.last_value_column:
            self.extent.rows = self.row
            self.extent.columns = max(self.extent.columns, self.last_value_column)
            _check_extent(self.extent)


def check_ods_content(handle: IO[bytes]) -> int:
    """Raise ``EntityFound`` or ``TooFar`` for an ODS ``content.xml``; return its number of
    tables."""
    tables = 0
    table = _OdsTable()
    carry = b""
    while True:
        chunk = handle.read(limits.SCAN_CHUNK_BYTES)
        data = carry + chunk
        if _ENTITY.search(data):
            raise EntityFound
        consumed = 0
        for token in _ODS_TOKEN.finditer(data):
            consumed = token.end()
            closing, name, attributes = token.groups()
            if name == b"table":
                if not closing:
                    tables += 1
                    table = _OdsTable()
            elif name == b"table-row":
                if closing:
                    table.end_row()
                else:
                    table.start_row(attributes)
            elif not closing:
                table.cell(attributes)
        if not chunk:
            return tables
        # keep what may be the start of a tag cut by the chunk's end
        start = data.rfind(b"<", consumed)
        carry = data[start:] if start >= 0 else data[-limits.SCAN_OVERLAP_BYTES :]
        if len(carry) > _MAX_TAG_BYTES:
            carry = carry[-limits.SCAN_OVERLAP_BYTES :]
