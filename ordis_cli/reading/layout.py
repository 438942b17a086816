"""What a sheet's layout hides from a reader of its cell values: hidden rows, merged cells.

python-calamine hands out values only, so ``scan_layout`` reads the layout from the file
itself, for the one sheet being read:

- ``.xlsx``/``.xlsm``: the sheet's XML member is streamed in chunks and searched for row
  elements marked hidden (``<row r="12" hidden="1">``, by hand or by a filter alike) and
  for merged areas (``<mergeCell ref="B5:B8"/>``), attributes in either quote style;
- ``.ods``: ``content.xml`` is streamed; every row element of the sheet is counted (with
  ``table:number-rows-repeated``), rows whose ``table:visibility`` is ``collapsed`` or
  ``filter`` are hidden, cells with ``table:number-rows-spanned`` or
  ``table:number-columns-spanned`` start merged areas;
- ``.xls`` and CSV: no layout (a CSV has none; the BIFF records of an ``.xls`` are not
  read), so an empty ``SheetLayout``.

The scan is bounded whatever the file: chunks of 1 MB searched by regular expressions that
start with a literal (never an XML tree, never a whole member in memory), at most
``MAX_RANGES`` hidden ranges and ``MAX_MERGES`` merged areas kept (``truncated`` says when
more were seen). Layout only adds warnings and hints, never blocks reading: an archive
that cannot be scanned (it was checked by ``sniff`` already) gives an empty layout.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..textnorm import column_index, column_letter
from . import limits

MAX_RANGES = 10_000
MAX_MERGES = 10_000
_CHUNK = 1 << 20
_AHEAD = 8 * 1024  # a match starting this close to a chunk's end is left to the next one
_BEHIND = 4 * 1024  # how far back an element's start is looked for
_MAX_ODS_ROW = 4 << 20  # an ODS row longer than this is not searched for merged cells


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged area: rows from 1 as in the spreadsheet, columns from 0."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def anchor(self) -> str:
        return f"{column_letter(self.first_col)}{self.first_row}"

    @property
    def ref(self) -> str:
        return f"{self.anchor}:{column_letter(self.last_col)}{self.last_row}"


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Hidden rows as inclusive ``(first, last)`` ranges in order, and merged areas."""

    hidden: tuple[tuple[int, int], ...] = ()
    merges: tuple[Merge, ...] = ()
    truncated: bool = False

    def hidden_among(self, rows: list[int]) -> list[int]:
        """Those of ``rows`` (ascending) that are hidden."""
        if not self.hidden or not rows:
            return []
        low, high = rows[0], rows[-1]
        index = bisect_right(self.hidden, (low, high + 1)) - 1
        wanted: set[int] | None = None
        found: list[int] = []
        for first, last in self.hidden[max(index, 0) :]:
            if first > high:
                break
            if last < low:
                continue
            wanted = set(rows) if wanted is None else wanted
            found.extend(r for r in range(max(first, low), min(last, high) + 1) if r in wanted)
        return found


NO_LAYOUT = SheetLayout()


class MergeIndex:
    """Finds the merged area covering a cell, other than its first (anchor) cell."""

    def __init__(self, merges: tuple[Merge, ...]) -> None:
        by_column: dict[int, list[Merge]] = {}
        for merge in merges:
            for column in range(merge.first_col, min(merge.last_col, limits.MAX_COLUMNS) + 1):
                by_column.setdefault(column, []).append(merge)
        self._by_column = {
            c: sorted(found, key=lambda m: m.first_row) for c, found in by_column.items()
        }
        self._starts = {c: [m.first_row for m in found] for c, found in self._by_column.items()}

    def covering(self, row: int, column: int) -> Merge | None:
        found = self._by_column.get(column)
        if not found:
            return None
        index = bisect_right(self._starts[column], row) - 1
        if index < 0:
            return None
        merge = found[index]
        if row > merge.last_row or (row == merge.first_row and column == merge.first_col):
            return None
        return merge


class _Collector:
    def __init__(self) -> None:
        self.hidden: list[tuple[int, int]] = []
        self.merges: list[Merge] = []
        self.truncated = False

    def hide(self, first: int, last: int) -> None:
        if self.hidden and first <= self.hidden[-1][1] + 1 and first >= self.hidden[-1][0]:
            self.hidden[-1] = (self.hidden[-1][0], max(last, self.hidden[-1][1]))
        elif len(self.hidden) < MAX_RANGES:
            self.hidden.append((first, last))
        else:
            self.truncated = True

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (last_row, last_col) == (first_row, first_col) or first_col >= limits.MAX_COLUMNS:
            return
        if len(self.merges) < MAX_MERGES:
            self.merges.append(
                Merge(first_row, first_col, max(last_row, first_row), max(last_col, first_col))
            )
        else:
            self.truncated = True

    def layout(self) -> SheetLayout:
        if not self.hidden and not self.merges:
            return SheetLayout(truncated=self.truncated)
        ordered: list[tuple[int, int]] = []
        for first, last in sorted(self.hidden):
            if ordered and first <= ordered[-1][1] + 1:
                ordered[-1] = (ordered[-1][0], max(last, ordered[-1][1]))
            else:
                ordered.append((first, last))
        return SheetLayout(tuple(ordered), tuple(self.merges), self.truncated)


def scan_layout(path: Path, fmt: str, sheet: str | None) -> SheetLayout:
    """The hidden rows and merged areas of ``sheet`` (see the module's docstring)."""
    if fmt not in ("xlsx", "ods") or sheet is None:
        return NO_LAYOUT
    found = _Collector()
    try:
        with zipfile.ZipFile(path) as archive:
            if fmt == "xlsx":
                member = _xlsx_member(archive, sheet)
                if member is None or not member.endswith(".xml"):
                    return NO_LAYOUT
                with archive.open(member) as handle:
                    _scan_xlsx(handle, found)
            else:
                with archive.open("content.xml") as handle:
                    _scan_ods(handle, sheet, found)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, zlib.error):
        return NO_LAYOUT
    return found.layout()


_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(element: bytes) -> dict[bytes, bytes]:
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(element)}


def _read_prefix(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(1 << 20)
    except KeyError:
        return b""


_SHEET_ENTRY = re.compile(rb"<(?:[\w.-]+:)?sheet\s[^>]*>")
_RELATION = re.compile(rb"<(?:[\w.-]+:)?Relationship\s[^>]*>")


def _xlsx_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The archive member holding the sheet titled ``sheet``."""
    targets: dict[bytes, str] = {}
    for element in _RELATION.findall(_read_prefix(archive, "xl/_rels/workbook.xml.rels")):
        found = _attributes(element)
        target = html.unescape(found.get(b"Target", b"").decode("utf-8", "replace"))
        target = target.lstrip("/")
        targets[found.get(b"Id", b"")] = target if target.startswith("xl/") else f"xl/{target}"
    for element in _SHEET_ENTRY.findall(_read_prefix(archive, "xl/workbook.xml")):
        found = _attributes(element)
        if html.unescape(found.get(b"name", b"").decode("utf-8", "replace")) != sheet:
            continue
        relation = next((v for k, v in found.items() if k.endswith(b":id")), b"")
        return targets.get(relation)
    return None


def _windows(handle: IO[bytes]) -> Iterator[tuple[bytes, int, int]]:
    """``(buffer, start, stop)``: the stream in overlapping buffers; a match that starts in
    ``[start, stop)`` is seen in this buffer only, with ``_BEHIND`` bytes before it and at
    least ``_AHEAD`` after it (or the end of the stream)."""
    buffer, start = b"", 0
    while True:
        chunk = handle.read(_CHUNK)
        buffer += chunk
        stop = len(buffer) if not chunk else max(start, len(buffer) - _AHEAD)
        yield buffer, start, stop
        if not chunk:
            return
        keep = max(0, stop - _BEHIND)
        buffer, start = buffer[keep:], stop - keep


_HIDDEN = re.compile(rb"""hidden\s*=\s*["'](?:1|true)["']""")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row\s")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d{1,7})["']""")
_MERGE = re.compile(
    rb"""mergeCell\s(?:[^>]{0,300}?\s)?ref\s*=\s*["']\$?([A-Za-z]{1,3})\$?"""
    rb"""(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?["']"""
)


def _scan_xlsx(handle: IO[bytes], found: _Collector) -> None:
    for buffer, start, stop in _windows(handle):
        for match in _HIDDEN.finditer(buffer, start):
            if match.start() >= stop:
                break
            begin = buffer.rfind(b"<", max(0, match.start() - _BEHIND), match.start())
            if begin < 0 or buffer.find(b">", begin, match.start()) >= 0:
                continue
            if not _ROW_START.match(buffer, begin):
                continue
            end = buffer.find(b">", match.end(), match.end() + _BEHIND)
            number = _ROW_NUMBER.search(buffer, begin, end if end >= 0 else match.end())
            if number:  # a row without its number is rare and not worth counting rows for
                row = int(number.group(1))
                found.hide(row, row)
        for match in _MERGE.finditer(buffer, start):
            if match.start() >= stop:
                break
            first_col, first_row = column_index(match.group(1).decode()), int(match.group(2))
            last_col = column_index(match.group(3).decode()) if match.group(3) else first_col
            last_row = int(match.group(4)) if match.group(4) else first_row
            found.merge(
                min(first_row, last_row),
                min(first_col, last_col),
                max(first_row, last_row),
                max(first_col, last_col),
            )


# Starts with a literal so that the regex engine skips ahead between candidates; the ``<``
# or ``</`` before it is checked by hand.
_ODS_TOKEN = re.compile(rb"table:table(-row)?[\s/>]")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])[^>]*>")


def _number(attributes: dict[bytes, bytes], name: bytes) -> int:
    value = attributes.get(name, b"1")
    return max(int(value), 1) if value.isdigit() and len(value) < 10 else 1


class _OdsState:
    def __init__(self, sheet: str, found: _Collector) -> None:
        self.sheet = sheet
        self.found = found
        self.inside = False
        self.row = 0  # the number of the row being read (0: none yet)
        self.open_row = False  # whether the content after the last token is a row's
        self.first = 0  # the first row of the open row element (repeated or not)

    def token(self, closing: bool, is_row: bool, tag: bytes) -> None:
        if closing:
            self.open_row = False
            self.inside = self.inside and is_row
            return
        if not is_row:
            name = _attributes(tag).get(b"table:name", b"").decode("utf-8", "replace")
            self.inside, self.row, self.open_row = html.unescape(name) == self.sheet, 0, False
            return
        if not self.inside:
            return
        self.first = self.row + 1
        self.open_row = True
        if b"repeated" not in tag and b"visibility" not in tag:
            self.row += 1
            return
        attributes = _attributes(tag)
        self.row += _number(attributes, b"table:number-rows-repeated")
        if attributes.get(b"table:visibility") in (b"collapsed", b"filter"):
            self.found.hide(self.first, self.row)

    def content(self, buffer: bytes, start: int, end: int) -> None:
        """The cells of the row just opened, in ``buffer[start:end]`` (only a row holding a
        spanned cell is read cell by cell)."""
        if not (self.open_row and self.inside) or buffer.find(b"-spanned", start, end) < 0:
            return
        column = 0
        for cell in _ODS_CELL.findall(buffer, start, end):
            attributes = _attributes(cell)
            rows = _number(attributes, b"table:number-rows-spanned")
            columns = _number(attributes, b"table:number-columns-spanned")
            if rows > 1 or columns > 1:
                self.found.merge(self.first, column, self.first + rows - 1, column + columns - 1)
            column += _number(attributes, b"table:number-columns-repeated")
            if column >= limits.MAX_COLUMNS:
                return


def _scan_ods(handle: IO[bytes], sheet: str, found: _Collector) -> None:
    state = _OdsState(sheet, found)
    carry = b""
    while True:
        chunk = handle.read(_CHUNK)
        buffer, done = carry + chunk, 0
        for match in _ODS_TOKEN.finditer(buffer):
            closing = buffer[match.start() - 2 : match.start()] == b"</"
            begin = match.start() - (2 if closing else 1)
            if begin < done or buffer[begin] != 0x3C:  # not an element: text, say
                continue
            end = buffer.find(b">", begin, begin + _BEHIND)
            if end < 0 and chunk and len(buffer) - begin < _BEHIND:
                break  # the tag goes on in the next chunk
            end = end if end >= 0 else match.end() - 1
            state.content(buffer, done, begin)
            state.token(closing, bool(match.group(1)), buffer[begin:end])
            done = end + 1
        if not chunk:
            state.content(buffer, done, len(buffer))
            return
        carry = buffer[done:]
        if len(carry) > _MAX_ODS_ROW:  # a hostile row: its merged cells are not searched
            state.open_row, found.truncated = False, True
            carry = carry[-_BEHIND:]
