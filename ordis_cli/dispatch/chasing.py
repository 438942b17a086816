"""The chasing list as a workbook (``ordis deliveries pending --format xlsx``): a first sheet
with one line per partner (lines, units, the oldest's age), then every line still to deliver,
partner by partner, oldest first, ready to filter, print or send on. Structures by id and
département only, as the ledger holds them; text is written as text, never a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from ..ledger.pending import PendingDeliveries
from ..messages import Lang, value_label
from ..xlsx_safety import clean_text
from .columns import in_language

# (French, English) headers; the French ones are the JSON keys of SPEC §5 where there is one
SUMMARY = (
    ("partenaire", "partner"),
    ("lignes", "lines"),
    ("unites", "units"),
    ("plus_ancienne_jours", "oldest_days"),
)
LINES = (
    ("partenaire", "partner"),
    ("id_envoi", "shipment_id"),
    ("allocation", "run"),
    ("envoye_le", "shipped_on"),
    ("age_jours", "age_days"),
    ("materiel", "equipment"),
    ("quantite", "quantity"),
    ("id_structure", "structure_id"),
    ("departement", "department"),
    ("commentaire", "comment"),
)
SHEETS = {"summary": ("partenaires", "partners"), "lines": ("relances", "chasing")}
_WIDTHS = (38, 11, 10, 11, 9, 10, 9, 13, 11, 40)


def write_chasing_list(path: str, pending: PendingDeliveries, lang: Lang) -> None:
    """Write the workbook at ``path`` (a temporary path: the caller puts it in place)."""
    book = xlsxwriter.Workbook(
        path, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    bold = book.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1})
    date = book.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
    summary = book.add_worksheet(in_language(SHEETS["summary"], lang))
    summary.write_row(0, 0, [in_language(h, lang) for h in SUMMARY], bold)
    summary.set_column(0, 0, 30)
    summary.set_column(1, 3, 16)
    for row, partner in enumerate(pending.partners, start=1):
        summary.write_string(row, 0, clean_text(partner.partner))
        summary.write_row(row, 1, [partner.lines, partner.units, partner.oldest_days])
    summary.freeze_panes(1, 0)
    lines = book.add_worksheet(in_language(SHEETS["lines"], lang))
    lines.write_row(0, 0, [in_language(h, lang) for h in LINES], bold)
    for column, width in enumerate(_WIDTHS):
        lines.set_column(column, column, width)
    row = 0
    for partner in pending.partners:
        for line in partner.shipments:
            row += 1
            lines.write_string(row, 0, clean_text(partner.partner))
            lines.write_string(row, 1, line.id_envoi)
            lines.write_number(row, 2, line.run)
            lines.write_datetime(row, 3, _datetime(line.shipped_on), date)
            lines.write_number(row, 4, line.age_days)
            lines.write_string(row, 5, value_label("materiel", line.materiel, lang))
            lines.write_number(row, 6, line.quantite)
            lines.write_string(row, 7, clean_text(line.id_structure))
            lines.write_string(row, 8, line.departement)
            if line.commentaire:
                lines.write_string(row, 9, clean_text(line.commentaire))
    lines.freeze_panes(1, 0)
    lines.autofilter(0, 0, max(row, 1), len(LINES) - 1)
    for sheet in (summary, lines):
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
    book.close()


def _datetime(iso: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(iso), dt.time())


def chasing_path(as_of: str, folder: Path, lang: Lang) -> Path:
    """``relances-<date>.xlsx`` (``chasing-<date>.xlsx`` in English) in ``folder``, or the
    next free name (``-2``, ``-3``…): an earlier list is never replaced."""
    stem = f"{'chasing' if lang == 'en' else 'relances'}-{as_of}"
    candidate, number = folder / f"{stem}.xlsx", 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = folder / f"{stem}-{number}.xlsx"
    return candidate
