"""The workbooks of a run, written with XlsxWriter (measured 1.6× faster than openpyxl's
write-only mode on 50,000 formatted lines; see benchmarks/README.md).

Text is always written as text (``write_string``: never a formula, whatever it starts
with), without control characters; the document properties carry nothing from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import XMLwriter

from ..messages import Lang, say, shown_values
from ..models import Problem, Severity
from ..xlsx_safety import clean_text
from . import fast_cells
from .columns import (
    ALLOCATION_EXTRA,
    DISPATCH,
    FAIRNESS,
    LEFTOVER,
    STRUCTURES,
    TOTALS,
    UNMET,
    headers,
    sheet_name,
)
from .rows import structure_rows

_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": True,
    "default_date_format": "dd/mm/yyyy",
}
# Widths in characters: long texts wrap inside their column (addresses, names, e-mails), so
# a partner's 21 columns print on two A4 page-widths with text no smaller than 8 pt.
_WIDTHS = {
    "id_envoi": 11,
    "id_don": 12,
    "donateur": 16,
    "materiel": 10,
    "quantite": 9,
    "etat": 12,
    "adresse_retrait": 20,
    "contact_retrait": 16,
    "id_structure": 11,
    "nom_structure": 22,
    "adresse": 20,
    "code_postal": 8,
    "commune": 13,
    "departement": 12,
    "contact_nom": 14,
    "contact_telephone": 13,
    "contact_email": 22,
    "livre_le": 11,
    "quantite_livree": 10,
    "ecart": 12,
    "commentaire": 20,
    "partenaire": 18,
    "partenaires": 24,
    "tour": 12,
    "distance_km": 10,
    "motif": 30,
    "raison": 44,
    "region": 28,
    "disponible_le": 12,
    "priorite": 10,
    "structures_demandeuses": 13,
    "structures_servies": 11,
    "part_minimale": 10,
    "part_mediane": 10,
    "unites_par_enfant": 10,
}
# Data rows one sheet holds under its header: a spreadsheet has 1,048,576 rows.
SHEET_ROWS = 1_048_575
# A4 landscape, 0.25 inch side margins, at 96 pixels an inch; a column of w characters of
# the default 11 pt font is 7w + 5 pixels in Excel, some 15 % more once LibreOffice prints
# it (measured: benchmarks/print_check.py). Printed text stays >= 8 pt: scale >= 0.8.
_PRINTABLE_PX = (11.69 - 2 * 0.25) * 96
_MIN_SCALE = 8.8 / 11


def column_px(width: float) -> int:
    return int((width * 7 + 5) * 1.15)


def pages_wide(widths: Sequence[float]) -> int:
    """How many A4 page-widths a sheet of these columns needs so that, fitted to them, its
    text prints at 8 pt or more (pages break between columns; the first column is repeated
    on each page)."""
    pixels = [column_px(w) for w in widths]
    usable = _PRINTABLE_PX / _MIN_SCALE  # a page's width of sheet, scaled down to it
    pages, used = 1, 0.0
    for px in pixels:
        if used + px > usable and used > 0:
            pages, used = pages + 1, float(pixels[0])
        used += px
    return pages


# Up to this many rows a workbook is built in memory (XlsxWriter's shared strings: smaller
# files, and its parts assembled in memory, not in a temporary file each: 147 files for the
# sample's 13 workbooks); beyond, row by row in constant memory.
IN_MEMORY_ROWS = 50_000


class Book:
    def __init__(self, path: Path, rows: int = 0) -> None:
        """A workbook to write at ``path``, about to hold ``rows`` rows in all."""
        large = rows > IN_MEMORY_ROWS
        options = {**_OPTIONS, "constant_memory": large, "in_memory": not large}
        self.book = xlsxwriter.Workbook(str(path), options)
        self.continued: list[str] = []  # sheets whose table goes on past the last row
        self.book.set_properties(
            {"title": "ordis", "author": "", "company": "", "created": dt.datetime(2020, 1, 1)}
        )
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        self.text = self.book.add_format({"text_wrap": True, "valign": "top"})
        self.number = self.book.add_format({"valign": "top"})
        fill = {"bg_color": "#FFF2CC", "border": 1}
        # the columns a partner fills in: a date, a whole number, free text
        self.to_fill = [
            self.book.add_format({**fill, "num_format": "dd/mm/yyyy"}),
            self.book.add_format({**fill, "num_format": "0"}),
            self.book.add_format({**fill, "num_format": "@"}),
        ]

    def sheet(
        self,
        name: str,
        columns: tuple[str, ...],
        lang: Lang,
        rows: Sequence[Sequence[Any]],
        fill_from: int | None = None,
        titles: list[str] | None = None,
    ) -> list[tuple[Worksheet, int]]:
        """The table ``rows`` under its header on sheet ``name``, continued on ``name_2``,
        ``name_3``… past a spreadsheet's last row (SPEC §4: no sheet loses a row); each
        sheet with its number of rows. A continued table's name is kept in ``continued``."""
        first = sheet_name(name, lang)
        chunks = [rows[start : start + SHEET_ROWS] for start in range(0, len(rows), SHEET_ROWS)]
        if len(chunks) > 1:
            self.continued.append(first)
        written = []
        for number, chunk in enumerate(chunks or [rows], start=1):
            title = first if number == 1 else f"{first}_{number}"
            written.append(
                (self._table(title, columns, lang, chunk, fill_from, titles), len(chunk))
            )
        return written

    def _table(
        self,
        title: str,
        columns: tuple[str, ...],
        lang: Lang,
        rows: Sequence[Sequence[Any]],
        fill_from: int | None,
        titles: list[str] | None,
    ) -> Worksheet:
        sheet = self.book.add_worksheet(title)
        # every text is cleaned (``_Texts``) before XlsxWriter sees it: its own control
        # character pass, a regex per cell in constant-memory mode, is needed only for
        # text that looks like its escapes
        sheet._escape_control_characters = _escape_escapes
        fast_cells.install(sheet, _escape_escapes)
        widths = [_WIDTHS.get(column, 12) for column in columns]
        names = titles or headers(columns, lang)
        sheet.set_row(0, _height(names, widths))
        sheet.write_row(0, 0, names, self.header)
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        # codes of the files (« tablette », « urgente ») in the language's words
        texts = [
            _Texts(width, shown_values(c, lang)) for c, width in zip(columns, widths, strict=True)
        ]
        known = [column.known for column in texts]
        # XlsxWriter's undecorated writers (the public ones first turn "A1" into numbers)
        write_string = getattr(sheet, "_write_string", sheet.write_string)
        write_number = getattr(sheet, "_write_number", sheet.write_number)
        write_datetime = getattr(sheet, "_write_datetime", sheet.write_datetime)
        blank = getattr(sheet, "_write_blank", sheet.write_blank)
        to_fill = self.to_fill
        text_format, number_format, date_format = self.text, self.number, self.date
        for number, row in enumerate(rows, start=1):
            # each text once per column: cleaned and its lines known (values repeat)
            cells = [
                (known[index].get(value) or texts[index].get(value))
                if value.__class__ is str and value
                else value
                for index, value in enumerate(row)
            ]
            lines = max((c[1] for c in cells if c.__class__ is tuple), default=1)
            if lines > 1:
                sheet.set_row(number, lines * _LINE)
            for index, value in enumerate(cells):
                if value.__class__ is tuple:
                    write_string(number, index, value[0], text_format)
                elif value is None or value == "":
                    if fill_from is not None and index >= fill_from:
                        blank(number, index, None, to_fill[min(index - fill_from, 2)])
                elif isinstance(value, dt.date):
                    write_datetime(
                        number, index, dt.datetime.combine(value, dt.time()), date_format
                    )
                else:
                    write_number(number, index, value, number_format)
        last = max(len(rows), 1)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, last, len(columns) - 1)
        print_setup(sheet, pages_wide(widths))
        sheet.repeat_rows(0)
        if len(columns) > 1:
            sheet.repeat_columns(0)
        return sheet

    def close(self) -> None:
        self.book.close()


_LINE = 15  # points: one line of the default 11 pt font


def _lines(value: str, width: int) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide (a
    spreadsheet does not always grow rows by itself: LibreOffice, print)."""
    if len(value) <= width:
        return 1
    line, count = 0, 1
    for word in value.split():
        if line and line + 1 + len(word) > width:
            count, line = count + 1, 0
        # a word longer than its column (an e-mail) breaks over several lines
        count += (len(word) + (1 if line else 0) + line - 1) // width
        line = (line + len(word) + (1 if line else 0)) % width
    return count


def _height(row: Sequence[Any], widths: Sequence[float]) -> float:
    """The height of a row whose text wraps inside its columns: enough lines for its
    longest cell."""
    found = [
        _lines(value, max(int(width), 1))
        for value, width in zip(row, widths, strict=False)
        if isinstance(value, str)
    ]
    return max(found, default=1) * _LINE


def _escape_escapes(text: Any) -> Any:
    """XlsxWriter's escaping of a text already without control characters: only a text
    holding ``_x`` (read as an escape such as ``_x0041_``) or a non-character needs it
    (and anything not a text: a number in a data validation)."""
    if text.__class__ is not str or "_x" in text or "\ufffe" in text or "\uffff" in text:
        return XMLwriter._escape_control_characters(text)
    return text


class _Texts:
    """The texts of one column, each cleaned and measured once: most repeat (départements,
    devices, partners, donors, reasons). Up to ``KEPT`` of them are remembered, so that a
    column of unique values (identifiers, addresses) does not grow without bound."""

    KEPT = 4096

    def __init__(self, width: float, shown: Mapping[str, str] | None = None) -> None:
        """``shown``: values written as other words (a code -> its word in the language,
        ``messages.shown_values``); always remembered."""
        self.width = max(int(width), 1)
        self.known: dict[str, tuple[str, int]] = {
            code: (clean_text(word), _lines(word, self.width))
            for code, word in (shown or {}).items()
        }

    def get(self, value: str) -> tuple[str, int]:
        found = self.known.get(value)
        if found is None:
            found = (clean_text(value), _lines(value, self.width))
            if len(self.known) < self.KEPT:
                self.known[value] = found
        return found


def print_setup(sheet: Worksheet, pages: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.25, right=0.25, top=0.5, bottom=0.5)
    sheet.print_across()  # a partner's page 1 and 2 are the two halves of the same lines
    sheet.fit_to_pages(pages, 0)


def write_allocation(
    path: Path,
    lines: Sequence[Sequence[Any]],
    unmet: Sequence[Sequence[Any]],
    leftover: Sequence[Sequence[Any]],
    totals: Sequence[Sequence[Any]],
    lang: Lang,
    fairness: Sequence[Sequence[Any]] = (),
) -> list[str]:
    """The team's workbook: every line with its partner and reason, the needs not met and
    why, the stock left, the totals by région and type, one line per structure served
    (what it will receive, from whom, its contact: ready for a mail merge) and how fairly
    each priority level was served, by région (``rows.fairness_rows``). Returns the sheets
    continued on ``_2``…"""
    book = Book(path, 2 * len(lines) + len(unmet) + len(leftover))
    book.sheet("expeditions", DISPATCH + ALLOCATION_EXTRA, lang, lines)
    book.sheet("besoins_non_couverts", UNMET, lang, unmet)
    book.sheet("stock_restant", LEFTOVER, lang, leftover)
    book.sheet("totaux", TOTALS, lang, totals)
    book.sheet("structures", STRUCTURES, lang, structure_rows([list(r) for r in lines]))
    book.sheet("equite", FAIRNESS, lang, fairness)
    book.close()
    return book.continued


def continued_problems(path: str, sheets: list[str], lang: Lang) -> list[Problem]:
    """A warning per table of the workbook at ``path`` that goes on past a spreadsheet's
    last row (``sheets``, as ``write_allocation`` and ``write_dispatch`` return them)."""
    return [
        Problem(
            code="sheet-continued",
            severity=Severity.WARNING,
            file=path,
            sheet=sheet,
            message=say("sheet-continued", lang, sheet=sheet, file=Path(path).name),
        )
        for sheet in sheets
    ]
