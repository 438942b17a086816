"""What a returned dispatch workbook's ``a_lire`` (or ``read_me``) sheet says: the ledger it
was written from and the partner it was written for, read by its labels (French or
English). ``deliveries import`` reads it in the contained child with the shipments sheet
(``validation.service``), so that no sheet of a returned file is parsed in ordis itself."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..dispatch.columns import READ_ME_LABELS, READ_ME_SHEETS
from ..messages import Lang
from ..reading.workbook import Workbook
from ..textnorm import column_letter, header_key
from .values import text

READ_ME_ROWS = 50  # the labels are near the top; the rest of a_lire is never looked at


@dataclass(frozen=True, slots=True)
class ReadMe:
    """What a dispatch workbook's ``a_lire`` (or ``read_me``) sheet says: its ledger and its
    partner, and where the ledger identity is written."""

    sheet: str
    ledger_id: str | None
    partner: str | None
    ledger_row: int | None = None
    ledger_cell: str | None = None


def read_me(path: Path, lang: Lang) -> ReadMe | None:
    """The ``a_lire`` (or ``read_me``) sheet of a workbook, read by its labels (French or
    English); None when there is no such sheet. Raises ``ReadingError`` when the workbook
    cannot be read."""
    book = Workbook(path, lang)
    try:
        sheet = next((n for n in READ_ME_SHEETS if n in book.sheet_names), None)
        if sheet is None:
            return None
        rows = list(islice(book.sheet(sheet).rows(), READ_ME_ROWS))
    finally:
        book.close()
    keys = {header_key(label): name for name, labels in READ_ME_LABELS.items() for label in labels}
    found: dict[str, tuple[str, int, str]] = {}
    for number, cells in enumerate(rows, start=1):
        filled = [(index, cell) for index, cell in enumerate(cells) if text(cell) is not None]
        if len(filled) < 2 or not isinstance(filled[0][1], str):
            continue
        name = keys.get(header_key(filled[0][1]))
        value = text(filled[1][1])
        if name and value and name not in found:
            place = f"{sheet}!{column_letter(filled[1][0])}{number}"
            found[name] = (value, number, place)
    ledger_id = found.get("ledger_id")
    partner = found.get("partner")
    return ReadMe(
        sheet=sheet,
        ledger_id=ledger_id[0] if ledger_id else None,
        partner=partner[0] if partner else None,
        ledger_row=ledger_id[1] if ledger_id else None,
        ledger_cell=ledger_id[2] if ledger_id else None,
    )
