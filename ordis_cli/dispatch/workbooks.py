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

from ..allocation.policy import Coordination
from ..messages import Lang, say
from ..xlsx_safety import clean_text
from .columns import (
    ALLOCATION_EXTRA,
    DISPATCH,
    FAIRNESS,
    LEFTOVER,
    PARTNER,
    PICKUP,
    STRUCTURES,
    TOTALS,
    UNMET,
    gap_values,
    headers,
    plain_headers,
    read_me_label,
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


class _Book:
    def __init__(self, path: Path) -> None:
        self.book = xlsxwriter.Workbook(str(path), _OPTIONS)
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
    ) -> Worksheet:
        sheet = self.book.add_worksheet(sheet_name(name, lang))
        widths = [_WIDTHS.get(column, 12) for column in columns]
        names = titles or headers(columns, lang)
        sheet.set_row(0, _height(names, widths))
        sheet.write_row(0, 0, names, self.header)
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        for number, row in enumerate(rows, start=1):
            height = _height(row, widths)
            if height > _LINE:
                sheet.set_row(number, height)
            for index, value in enumerate(row):
                if value is None or value == "":
                    if fill_from is not None and index >= fill_from:
                        sheet.write_blank(
                            number, index, None, self.to_fill[min(index - fill_from, 2)]
                        )
                    continue
                if isinstance(value, str):
                    sheet.write_string(number, index, clean_text(value), self.text)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(
                        number, index, dt.datetime.combine(value, dt.time()), self.date
                    )
                else:
                    sheet.write_number(number, index, value, self.number)
        last = max(len(rows), 1)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, last, len(columns) - 1)
        _print_setup(sheet, pages_wide(widths))
        sheet.repeat_rows(0)
        if len(columns) > 1:
            sheet.repeat_columns(0)
        return sheet

    def read_me(
        self,
        lang: Lang,
        partner: str,
        run: tuple[int | None, dt.date | None],
        ledger_id: str | None,
        coordination: Coordination | None,
    ) -> None:
        """The first sheet: who the workbook is for, its run, the ledger it comes from (a
        visible labelled cell that import checks), whom to contact, what to fill in and how
        to send it back."""
        sheet = self.book.add_worksheet(sheet_name("a_lire", lang))
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 100)
        title = self.book.add_format({"bold": True, "font_size": 14})
        label = self.book.add_format({"bold": True, "valign": "top", "text_wrap": True})
        wrapped = self.book.add_format({"text_wrap": True, "valign": "top"})
        # numbers and dates sit under the text values, not at the far right of the page
        left = self.book.add_format({"align": "left"})
        left_date = self.book.add_format({"align": "left", "num_format": "dd/mm/yyyy"})
        sheet.write_string(0, 0, say("read-me-title", lang), title)
        facts: list[tuple[str, Any]] = [
            ("partner", partner),
            ("run", run[0]),
            ("run_date", run[1]),
            ("ledger_id", ledger_id),
        ]
        for row, (key, value) in enumerate(facts, start=2):
            sheet.write_string(row, 0, read_me_label(key, lang), label)
            if isinstance(value, dt.date):
                sheet.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), left_date)
            elif isinstance(value, int):
                sheet.write_number(row, 1, value, left)
            elif value:
                sheet.write_string(row, 1, clean_text(value))
        named = dict(zip(PARTNER, plain_headers(PARTNER, lang), strict=True))
        lost, broken = gap_values(lang)
        texts = [
            ("read-me-contact", contact_text(coordination, lang)),
            (
                "read-me-fill",
                say(
                    "read-me-fill",
                    lang,
                    date=named["livre_le"],
                    quantity=named["quantite_livree"],
                    comment=named["commentaire"],
                ),
            ),
            (
                "read-me-gap",
                say(
                    "read-me-gap",
                    lang,
                    quantity=named["quantite_livree"],
                    gap=named["ecart"],
                    lost=lost,
                    broken=broken,
                ),
            ),
            (
                "read-me-collect",
                say(
                    "read-me-collect",
                    lang,
                    state=named["etat"],
                    address=named["adresse_retrait"],
                    contact=named["contact_retrait"],
                ),
            ),
            ("read-me-return", say("read-me-return", lang)),
        ]
        for row, (key, text) in enumerate(texts, start=len(facts) + 3):
            sheet.set_row(row, 15 * (1 + len(text) // 110))
            sheet.write_string(row, 0, say(f"{key}-label", lang), label)
            sheet.write_string(row, 1, clean_text(text), wrapped)
        _print_setup(sheet, 1)

    def close(self) -> None:
        self.book.close()


_LINE = 15  # points: one line of the default 11 pt font


def _height(row: Sequence[Any], widths: Sequence[float]) -> float:
    """The height of a row whose text wraps inside its columns: enough lines for its
    longest cell (a spreadsheet does not always grow rows by itself: LibreOffice, print)."""
    lines = 1
    for value, width in zip(row, widths, strict=False):
        if isinstance(value, str):
            words, line, count = value.split(), 0, 1
            for word in words:
                if line and line + 1 + len(word) > width:
                    count, line = count + 1, 0
                # a word longer than its column (an e-mail) breaks over several lines
                count += (len(word) + (1 if line else 0) + line - 1) // max(int(width), 1)
                line = (line + len(word) + (1 if line else 0)) % max(int(width), 1)
            lines = max(lines, count)
    return lines * _LINE


def _print_setup(sheet: Worksheet, pages: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.25, right=0.25, top=0.5, bottom=0.5)
    sheet.print_across()  # a partner's page 1 and 2 are the two halves of the same lines
    sheet.fit_to_pages(pages, 0)


def contact_text(coordination: Coordination | None, lang: Lang) -> str:
    """Whom to contact, one line: name, e-mail, telephone (those the policy gives)."""
    if coordination is None:
        return say("read-me-contact-none", lang)
    known = [v for v in (coordination.nom, coordination.email, coordination.telephone) if v]
    return " — ".join(known) if known else say("read-me-contact-none", lang)


def write_dispatch(
    path: Path,
    lines: Sequence[Sequence[Any]],
    lang: Lang,
    *,
    partner: str = "",
    run_id: int | None = None,
    run_date: dt.date | None = None,
    ledger_id: str | None = None,
    pickups: Sequence[Sequence[Any]] | None = None,
    coordination: Coordination | None = None,
) -> None:
    """One partner's workbook: a first sheet ``a_lire`` / ``read_me`` (for whom, which run,
    which ledger, whom to contact, what to do), then its shipments only, in the columns of
    ``columns.PARTNER`` under plain-word headers: the delivery columns, where to collect
    each lot (``pickups``, one ``(etat, adresse_retrait, contact_retrait)`` per line), and
    the last four columns for the partner to fill in."""
    book = _Book(path)
    book.read_me(lang, partner, (run_id, run_date), ledger_id, coordination)
    cut = DISPATCH.index("id_structure")
    table = []
    for number, line in enumerate(lines):
        values = [*line, *[None] * (len(DISPATCH) - len(line))]
        pickup = list(pickups[number]) if pickups else [None] * len(PICKUP)
        table.append([*values[:cut], *pickup, *values[cut:]])
    fill_from = PARTNER.index("livre_le")
    sheet = book.sheet("expeditions", PARTNER, lang, table, fill_from, plain_headers(PARTNER, lang))
    last = max(len(lines), 1)
    sheet.data_validation(
        1,
        fill_from,
        last,
        fill_from,
        {
            "validate": "date",
            "criteria": ">=",
            "value": dt.date(2020, 1, 1),
            "input_title": plain_headers(("livre_le",), lang)[0],
            "input_message": "Date de livraison (jj/mm/aaaa)"
            if lang == "fr"
            else "Delivery date (dd/mm/yyyy)",
            "error_message": "Une date est attendue, par exemple 15/04/2020."
            if lang == "fr"
            else "A date is expected, for example 15/04/2020.",
        },
    )
    sheet.data_validation(
        1,
        fill_from + 1,
        last,
        fill_from + 1,
        {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_message": "Un nombre entier d'unités est attendu."
            if lang == "fr"
            else "A whole number of units is expected.",
        },
    )
    gap = PARTNER.index("ecart")
    choices = gap_values(lang)
    sheet.data_validation(
        1,
        gap,
        last,
        gap,
        {
            "validate": "list",
            "source": choices,
            "ignore_blank": True,
            "error_message": (
                f"Laisser vide, ou : {', '.join(choices)}."
                if lang == "fr"
                else f"Leave empty, or: {', '.join(choices)}."
            ),
        },
    )
    book.close()


def write_allocation(
    path: Path,
    lines: Sequence[Sequence[Any]],
    unmet: Sequence[Sequence[Any]],
    leftover: Sequence[Sequence[Any]],
    totals: Sequence[Sequence[Any]],
    lang: Lang,
    fairness: Sequence[Sequence[Any]] = (),
) -> None:
    """The team's workbook: every line with its partner and reason, the needs not met and
    why, the stock left, the totals by région and type, one line per structure served
    (what it will receive, from whom, its contact: ready for a mail merge) and how fairly
    each priority level was served, by région (``rows.fairness_rows``)."""
    book = _Book(path)
    book.sheet("expeditions", DISPATCH + ALLOCATION_EXTRA, lang, lines)
    book.sheet("besoins_non_couverts", UNMET, lang, unmet)
    book.sheet("stock_restant", LEFTOVER, lang, leftover)
    book.sheet("totaux", TOTALS, lang, totals)
    book.sheet("structures", STRUCTURES, lang, structure_rows([list(r) for r in lines]))
    book.sheet("equite", FAIRNESS, lang, fairness)
    book.close()
