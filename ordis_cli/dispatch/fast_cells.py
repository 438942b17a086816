"""The XML of the cells ordis writes, without XlsxWriter's generic per-cell path (issue 14).

XlsxWriter writes each cell through a chain meant for every kind of cell (a list of
attributes, a regex per attribute and per text, a look-up of the row's and the column's
format). A sheet of ``Book`` holds only four kinds, each with its format: text, number,
date, formatted blank. ``install`` puts a writer of exactly those on a worksheet; it writes
the same bytes XlsxWriter would (tests compare them), and hands every other cell, or every
cell when XlsxWriter's internals are not the ones known here, back to XlsxWriter.

One difference, on purpose: a text that starts with ``<r>`` and ends with ``</r>`` is
escaped like any text, where XlsxWriter's constant-memory mode would copy it into the sheet
as raw XML (a rich string); text from the inputs is never markup (SPEC §4).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsxwriter.worksheet import Worksheet

try:
    from xlsxwriter.utility import xl_rowcol_to_cell_fast
    from xlsxwriter.worksheet import (
        CellBlankTuple,
        CellDatetimeTuple,
        CellNumberTuple,
        CellStringTuple,
    )

    KNOWN = hasattr(Worksheet, "_write_cell")
except ImportError:  # another XlsxWriter: its own path for every cell
    KNOWN = False


def _escaped(text: str) -> str:
    """Text as XML character data, as XlsxWriter escapes it (``&``, ``<``, ``>``)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def install(sheet: Worksheet, escape_text: Callable[[str], str]) -> None:
    """Write ``sheet``'s text, number, date and blank cells with a format directly;
    ``escape_text`` turns a text into what XlsxWriter's control-character pass makes of it."""
    if not KNOWN:
        return
    generic = sheet._write_cell
    inline = bool(sheet.constant_memory)
    cell_ref = xl_rowcol_to_cell_fast

    def write_cell(row: int, col: int, cell: Any) -> None:
        kind, found = cell.__class__, cell.format
        if found is None:
            generic(row, col, cell)
            return
        head = f'<c r="{cell_ref(row, col)}" s="{found._get_xf_index()}"'
        if kind is CellStringTuple:
            if not inline:  # an index into the shared strings
                sheet.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
                return
            text = escape_text(cell.string)
            space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
            sheet.fh.write(f'{head} t="inlineStr"><is><t{space}>{_escaped(text)}</t></is></c>')
        elif kind is CellNumberTuple or kind is CellDatetimeTuple:
            sheet.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind is CellBlankTuple:
            sheet.fh.write(f"{head}/>")
        else:
            generic(row, col, cell)

    sheet._write_cell = write_cell
