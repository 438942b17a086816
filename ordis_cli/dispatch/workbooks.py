"""The workbooks of a run, written with XlsxWriter (measured 1.6× faster than openpyxl's
write-only mode on 50,000 formatted lines; see benchmarks/README.md).

Text is always written as text (``write_string``: never a formula, whatever it starts
with), without control characters; the document properties carry nothing from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..messages import Lang, say
from ..xlsx_safety import clean_text
from .columns import (
    ALLOCATION_EXTRA,
    DISPATCH,
    LEFTOVER,
    TOTALS,
    UNMET,
    headers,
    read_me_label,
    sheet_name,
)

_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "constant_memory": True,
            "default_date_format": "dd/mm/yyyy"}
_WIDTHS = {"id_envoi": 12, "id_don": 13, "donateur": 26, "materiel": 10, "quantite": 9,
           "id_structure": 13, "nom_structure": 34, "adresse": 30, "code_postal": 11,
           "commune": 18, "departement": 12, "contact_nom": 20, "contact_telephone": 15,
           "contact_email": 30, "livre_le": 12, "quantite_livree": 15, "commentaire": 30,
           "partenaire": 26, "tour": 13, "distance_km": 11, "motif": 48, "raison": 48,
           "region": 28}


class _Book:
    def __init__(self, path: Path) -> None:
        self.book = xlsxwriter.Workbook(str(path), _OPTIONS)
        self.book.set_properties({"title": "ordis", "author": "", "company": "",
                                  "created": dt.datetime(2020, 1, 1)})
        self.header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7",
                                            "border": 1, "text_wrap": True, "valign": "top"})
        self.date = self.book.add_format({"num_format": "dd/mm/yyyy"})
        fill = {"bg_color": "#FFF2CC", "border": 1}
        # the columns a partner fills in: a date, a whole number, free text
        self.to_fill = [self.book.add_format({**fill, "num_format": "dd/mm/yyyy"}),
                        self.book.add_format({**fill, "num_format": "0"}),
                        self.book.add_format({**fill, "num_format": "@"})]

    def sheet(self, name: str, columns: tuple[str, ...], lang: Lang,
              rows: Sequence[Sequence[Any]], fill_from: int | None = None) -> Worksheet:
        sheet = self.book.add_worksheet(sheet_name(name, lang))
        sheet.write_row(0, 0, headers(columns, lang), self.header)
        for index, column in enumerate(columns):
            sheet.set_column(index, index, _WIDTHS.get(column, 12))
        for number, row in enumerate(rows, start=1):
            for index, value in enumerate(row):
                if value is None or value == "":
                    if fill_from is not None and index >= fill_from:
                        sheet.write_blank(number, index, None,
                                          self.to_fill[min(index - fill_from, 2)])
                    continue
                if isinstance(value, str):
                    sheet.write_string(number, index, clean_text(value))
                elif isinstance(value, dt.date):
                    sheet.write_datetime(number, index,
                                         dt.datetime.combine(value, dt.time()), self.date)
                else:
                    sheet.write_number(number, index, value)
        last = max(len(rows), 1)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, last, len(columns) - 1)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        return sheet

    def read_me(self, lang: Lang, partner: str, run_id: int | None, run_date: dt.date | None,
                ledger_id: str | None) -> None:
        """The first sheet: who the workbook is for, its run, the ledger it comes from (a
        visible labelled cell that import checks), what to fill in and how to send it back."""
        sheet = self.book.add_worksheet(sheet_name("a_lire", lang))
        sheet.set_column(0, 0, 26)
        sheet.set_column(1, 1, 90)
        title = self.book.add_format({"bold": True, "font_size": 14})
        label = self.book.add_format({"bold": True, "valign": "top"})
        wrapped = self.book.add_format({"text_wrap": True, "valign": "top"})
        # numbers and dates sit under the text values, not at the far right of the page
        left = self.book.add_format({"align": "left"})
        left_date = self.book.add_format({"align": "left", "num_format": "dd/mm/yyyy"})
        sheet.write_string(0, 0, say("read-me-title", lang), title)
        facts: list[tuple[str, Any]] = [("partner", partner), ("run", run_id),
                                        ("run_date", run_date), ("ledger_id", ledger_id)]
        for row, (key, value) in enumerate(facts, start=2):
            sheet.write_string(row, 0, read_me_label(key, lang), label)
            if isinstance(value, dt.date):
                sheet.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), left_date)
            elif isinstance(value, int):
                sheet.write_number(row, 1, value, left)
            elif value:
                sheet.write_string(row, 1, clean_text(value))
        filled = headers(("livre_le", "quantite_livree", "commentaire"), lang)
        for row, key in enumerate(("read-me-fill", "read-me-return"), start=len(facts) + 3):
            sheet.set_row(row, 48)
            sheet.write_string(row, 0, say(f"{key}-label", lang), label)
            sheet.write_string(row, 1, say(key, lang, date=filled[0], quantity=filled[1],
                                           comment=filled[2]), wrapped)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)

    def close(self) -> None:
        self.book.close()


def write_dispatch(path: Path, lines: Sequence[Sequence[Any]], lang: Lang, *,
                   partner: str = "", run_id: int | None = None,
                   run_date: dt.date | None = None, ledger_id: str | None = None) -> None:
    """One partner's workbook: a first sheet ``a_lire`` / ``read_me`` (for whom, which run,
    which ledger, what to do), then its shipments only, the delivery columns only, the last
    three columns for the partner to fill in."""
    book = _Book(path)
    book.read_me(lang, partner, run_id, run_date, ledger_id)
    fill_from = DISPATCH.index("livre_le")
    sheet = book.sheet("expeditions", DISPATCH, lang, lines, fill_from)
    last = max(len(lines), 1)
    sheet.data_validation(1, fill_from, last, fill_from, {
        "validate": "date", "criteria": ">=", "value": dt.date(2020, 1, 1),
        "input_title": "livre_le" if lang == "fr" else "delivered_on",
        "input_message": "Date de livraison (jj/mm/aaaa)" if lang == "fr" else
        "Delivery date (dd/mm/yyyy)",
        "error_message": "Une date est attendue, par exemple 15/04/2020." if lang == "fr" else
        "A date is expected, for example 15/04/2020.",
    })
    sheet.data_validation(1, fill_from + 1, last, fill_from + 1, {
        "validate": "integer", "criteria": ">=", "value": 0,
        "error_message": "Un nombre entier d'unités est attendu." if lang == "fr" else
        "A whole number of units is expected.",
    })
    book.close()


def write_allocation(path: Path, lines: Sequence[Sequence[Any]],
                     unmet: Sequence[Sequence[Any]], leftover: Sequence[Sequence[Any]],
                     totals: Sequence[Sequence[Any]], lang: Lang) -> None:
    """The team's workbook: every line with its partner and reason, the needs not met and
    why, the stock left, and the totals by région and type."""
    book = _Book(path)
    book.sheet("expeditions", DISPATCH + ALLOCATION_EXTRA, lang, lines)
    book.sheet("besoins_non_couverts", UNMET, lang, unmet)
    book.sheet("stock_restant", LEFTOVER, lang, leftover)
    book.sheet("totaux", TOTALS, lang, totals)
    book.close()
