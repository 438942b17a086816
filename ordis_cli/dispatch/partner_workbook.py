"""A partner's dispatch workbook (SPEC §4): the ``a_lire`` sheet first (for whom, which run,
which ledger, whom to contact, what to fill in and how to send it back), then its shipments
under plain-word headers, the columns it fills in guarded by Excel's data validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from ..allocation.policy import Coordination
from ..messages import Lang, say
from ..xlsx_safety import clean_text
from .columns import (
    DISPATCH,
    PARTNER,
    PICKUP,
    gap_values,
    plain_headers,
    read_me_label,
    sheet_name,
)
from .workbooks import Book, print_setup


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
) -> list[str]:
    """One partner's workbook: a first sheet ``a_lire`` / ``read_me`` (for whom, which run,
    which ledger, whom to contact, what to do), then its shipments only, in the columns of
    ``columns.PARTNER`` under plain-word headers: the delivery columns, where to collect
    each lot (``pickups``, one ``(etat, adresse_retrait, contact_retrait)`` per line), and
    the last four columns for the partner to fill in. Returns the sheets continued on
    ``_2``… (none, but for a table longer than a spreadsheet)."""
    book = Book(path, len(lines))
    read_me(book, lang, partner, (run_id, run_date), ledger_id, coordination)
    cut = DISPATCH.index("id_structure")
    table = []
    for number, line in enumerate(lines):
        values = [*line, *[None] * (len(DISPATCH) - len(line))]
        pickup = list(pickups[number]) if pickups else [None] * len(PICKUP)
        table.append([*values[:cut], *pickup, *values[cut:]])
    fill_from = PARTNER.index("livre_le")
    titles = plain_headers(PARTNER, lang)
    for sheet, count in book.sheet("expeditions", PARTNER, lang, table, fill_from, titles):
        _to_fill(sheet, max(count, 1), fill_from, lang)
    book.close()
    return book.continued


def _to_fill(sheet: Worksheet, last: int, fill_from: int, lang: Lang) -> None:
    """What a partner may type in the columns it fills in: a date, a whole number, one of
    the ``ecart`` words (a drop-down list)."""
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
            "input_message": say("read-me-input-date", lang),
            "error_message": say("read-me-error-date", lang),
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
            "error_message": say("read-me-error-units", lang),
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
            "error_message": say("read-me-error-gap", lang, choices=", ".join(choices)),
        },
    )


def read_me(
    book: Book,
    lang: Lang,
    partner: str,
    run: tuple[int | None, dt.date | None],
    ledger_id: str | None,
    coordination: Coordination | None,
) -> None:
    """The first sheet: who the workbook is for, its run, the ledger it comes from (a
    visible labelled cell that import checks), whom to contact, what to fill in and how
    to send it back."""
    sheet = book.book.add_worksheet(sheet_name("a_lire", lang))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 100)
    title = book.book.add_format({"bold": True, "font_size": 14})
    label = book.book.add_format({"bold": True, "valign": "top", "text_wrap": True})
    wrapped = book.book.add_format({"text_wrap": True, "valign": "top"})
    # numbers and dates sit under the text values, not at the far right of the page
    left = book.book.add_format({"align": "left"})
    left_date = book.book.add_format({"align": "left", "num_format": "dd/mm/yyyy"})
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
    print_setup(sheet, 1)
