"""What a partner sends back, for ``ordis demo``: its dispatch workbook with, on about three
lines in four, a delivery date typed in (as a date, or as text), now and then a partial
quantity with a comment, the rest left for later.

The workbook is the one ordis wrote (XlsxWriter: each line's cells to fill in are written
empty, with their format), copied member for member; only the cells typed in change, in the
shipments sheet's XML, as a spreadsheet would save them. Loading and saving each workbook
with openpyxl took fourteen times as long (0.85 s for the sample's twelve, against 0.06 s).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from ..dispatch.columns import PARTNER
from ..messages import Lang
from ..validation.values import EXCEL_EPOCH

# a partner's comment on a line delivered one short, in the demo's language
DAMAGED = {
    "fr": "un appareil arrivé abîmé, renvoyé au donateur",
    "en": "one device arrived damaged, sent back to the donor",
}


def _letter(column: str) -> str:
    """The column letter of ``column`` in a dispatch workbook's shipments sheet."""
    index = PARTNER.index(column)
    return chr(ord("A") + index) if index < 26 else "A" + chr(ord("A") + index - 26)


def _value(value: object) -> tuple[str, str]:
    """The attributes and content of a cell holding ``value``: a number, or an inline text."""
    if isinstance(value, int | float):
        return "", f"<v>{value}</v>"
    return ' t="inlineStr"', f"<is><t>{escape(str(value))}</t></is>"


def fill_like_a_partner(
    source: Path,
    target: Path,
    rng: random.Random,
    run_date: dt.date,
    sheet: int = 2,
    lang: Lang = "fr",
) -> None:
    """``target``: the dispatch workbook ``source`` as a partner returns it, its lines filled
    in by ``rng`` (dates over three weeks from ``run_date``, comments in ``lang``);
    ``sheet``, the shipments sheet's number (the ``a_lire`` sheet comes first)."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(source) as book:
        xml = book.read(member).decode("utf-8")
        typed = _typed_in(xml, rng, run_date, DAMAGED[lang])
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in book.infolist():
                content = typed.encode("utf-8") if info.filename == member else book.read(info)
                copy.writestr(info, content, zipfile.ZIP_DEFLATED)


def _typed_in(xml: str, rng: random.Random, run_date: dt.date, damaged: str) -> str:
    columns = {c: _letter(c) for c in ("quantite", "livre_le", "quantite_livree", "commentaire")}
    # a number (no type attribute: the header's text is a shared string, t="s")
    quantity = re.compile(rf'<c r="{columns["quantite"]}(\d+)"(?: s="\d+")?><v>([^<]*)</v></c>')
    shipped = {int(row): float(value) for row, value in quantity.findall(xml)}
    typed: dict[str, object] = {}
    for row in sorted(shipped):
        if rng.random() > 0.75:
            continue
        day = run_date + dt.timedelta(days=rng.randint(2, 21))
        at = {column: f"{letter}{row}" for column, letter in columns.items()}
        typed[at["livre_le"]] = (
            (day - EXCEL_EPOCH).days if rng.random() < 0.5 else day.strftime("%d/%m/%Y")
        )
        units = shipped[row]
        if units > 1 and rng.random() < 0.1:
            typed[at["quantite_livree"]] = int(units) - 1
            typed[at["commentaire"]] = damaged
        elif rng.random() < 0.5:
            typed[at["quantite_livree"]] = int(units)
    return re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")?/>', _typing(typed), xml)


def _typing(typed: dict[str, object]) -> Callable[[re.Match[str]], str]:
    def cell(empty: re.Match[str]) -> str:
        where, style = empty.group(1), empty.group(2) or ""
        if where not in typed:
            return empty.group(0)
        kind, content = _value(typed[where])
        return f'<c r="{where}"{style}{kind}>{content}</c>'

    return cell
