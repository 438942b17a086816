"""What every kind of file shares: column checks, required values, block loop."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from ..messages import say
from ..models import Kind
from ..textnorm import fold
from . import values
from .columns import Block, Normaliser, TextPattern, normalise
from .reporter import Reporter
from .values import text, whole_number

_NUMBER_FAULTS = {
    "not-number": "why-not-number",
    "fraction": "why-fraction",
    "negative": "why-negative",
    "zero": "why-zero",
}

LARGE_QUANTITY = 500
ROW = "_row"  # the spreadsheet row numbers, beside the clean columns kept
# Prefix of the columns a block carries without a canonical name (``EXTRA + letter``): cells
# under unrecognised headers, looked at only to tell a totals row.
EXTRA = "_extra_"
# The column that identifies a row, per kind: a row without it that says "total" is a
# totals row (the deliveries' notes and totals are their own rule, ``ignored-row``).
IDENTIFIERS = {Kind.NEEDS: "id_structure", Kind.DONATIONS: "id_don", Kind.PARTNERS: "partenaire"}
_TOTALS_LABEL = re.compile(r"^(?:sous |sub ?|grand )?tota(?:l|ux)\b")
_NUMBER_LIKE = re.compile(r"^[\s\d.,+\-\u2212€%()]*$")


class KindValidator:
    """Validates the blocks of one table of a given kind.

    Subclasses list their column normalisers in ``checks``, the problem code of a column's
    number faults in ``number_codes`` when it is not ``bad-quantity``, and add row-level
    rules in ``check_rows``.
    """

    kind: ClassVar[Kind]
    checks: ClassVar[dict[str, Normaliser]] = {}
    number_codes: ClassVar[dict[str, str]] = {}
    required_values: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self, reporter: Reporter, present: set[str], today: dt.date, keep: bool = False
    ) -> None:
        self.report = reporter
        self.present = present
        self.today = today
        # the clean columns of every block (and their row numbers under ROW), for the
        # commands that go on with the data
        self.kept: list[dict[str, list[Any]]] | None = [] if keep else None

    def check(self, block: Block) -> int:
        """Check one block; return how many non-empty rows it held (totals rows aside)."""
        self.skip_totals_rows(block)
        for column, normaliser in self.checks.items():
            if column not in block.raw:
                continue
            raw = block.raw[column]
            clean, faults = normalise(raw, normaliser, block.text_only)
            block.clean[column] = clean
            block.faulty[column] = {index for index, _ in faults}
            for index, (fault, fields) in faults:
                self.fault(fault, fields, block.rows[index], column, raw[index])
        block.drop_blank_rows()
        if not block.rows:
            return 0
        for column in self.required_values:
            if column in block.raw:
                for index in block.empty(column):
                    self.report.add("missing-value", block.rows[index], column)
        self.check_rows(block)
        if self.kept is not None:
            self.kept.append({**block.clean, ROW: block.rows})
        return len(block)

    def skip_totals_rows(self, block: Block) -> None:
        """Drop the rows whose identifier is empty (or itself a totals label) and whose
        cells are a label saying "total" ("TOTAL", "Sous-total", "Total général"...) and
        numbers: one ``totals-row`` warning each, and they do not count as data."""
        identifier = IDENTIFIERS.get(self.kind)
        if identifier is None or not len(block):
            return
        ids = block.raw.get(identifier)
        candidates = (
            range(len(block))
            if ids is None
            else [
                i
                for i, v in enumerate(ids)
                if v is None
                or v == ""
                or (v.__class__ is str and (v.isspace() or "tot" in v.lower()))
            ]
        )
        skipped: set[int] = set()
        for index in candidates:
            label = _totals_label(block.raw, index)
            if label is None:
                continue
            column, text = label
            skipped.add(index)
            if column.startswith(EXTRA):
                letter = column.removeprefix(EXTRA)
                self.report.add("totals-row", block.rows[index], None, text, letter=letter)
            else:
                self.report.add("totals-row", block.rows[index], column, text)
        block.drop(skipped)

    def fault(self, fault: str, fields: dict[str, Any], row: int, column: str, raw: Any) -> None:
        if fault in _NUMBER_FAULTS:
            number_code = self.number_codes.get(column, "bad-quantity")
            lang = self.report.lang
            why = say(_NUMBER_FAULTS[fault], lang)
            expected = say("expect-positive" if fault == "zero" else "expect-whole", lang)
            self.report.add(number_code, row, column, raw, why=why, expected=expected)
        else:
            self.report.add(fault, row, column, raw, **fields)

    def check_rows(self, block: Block) -> None:
        """Rules that look at several columns of a row; none by default."""

    def finish(self) -> None:
        """Rules that look across all rows, once every block is seen; none by default."""

    def duplicates(
        self, block: Block, column: str, seen: dict[str, int], key: Callable[[str], str] = str
    ) -> None:
        """Report ``duplicate-id`` where a value of ``column`` (compared by ``key``) was
        already on another row; ``seen`` remembers first rows across blocks."""
        values = block.clean.get(column)
        if values is None:
            return
        for index, value in enumerate(values):
            if value is None:
                continue
            row = block.rows[index]
            first = seen.setdefault(key(value), row)
            if first != row:
                self.report.add(
                    "duplicate-id", row, column, block.raw[column][index], first_row=first
                )

    def large_quantities(self, block: Block, columns: tuple[str, ...]) -> None:
        for column in columns:
            values = block.clean.get(column)
            if values is None:
                continue
            large = {v for v in set(values) if v is not None and v > LARGE_QUANTITY}
            if not large:
                continue
            for index, value in enumerate(values):
                if value in large:
                    self.report.add(
                        "large-quantity",
                        block.rows[index],
                        column,
                        block.raw[column][index],
                        limit=LARGE_QUANTITY,
                    )


def _plain_text(raw: Any) -> tuple[str | None, None]:
    return text(raw), None


# Free text: only values with odd spaces (double, tab, no-break...) need folding.
_ODD_SPACE = "  |[\t\r\u00a0\u202f\u2009]"
identifier = TextPattern(_plain_text, f"^.*(?:{_ODD_SPACE}).*$", quick=_ODD_SPACE)
email = TextPattern(values.email, f"^(?!(?:{values.EMAIL_PATTERN})$).+$")
phone = TextPattern(
    values.phone, r"^(?!0\d(?:[ .]?\d\d){4}$).+$", lambda v: v.replace(" ", "").replace(".", "")
)


def quantity(raw: Any) -> tuple[int | None, Any]:
    return whole_number(raw)


def positive_quantity(raw: Any) -> tuple[int | None, Any]:
    value, fault = whole_number(raw)
    if fault is None and value == 0:
        return None, ("zero", {})
    return value, fault


def _totals_label(raw: Mapping[str, Sequence[Any]], index: int) -> tuple[str, str] | None:
    """``(column, text)`` of the totals label of row ``index`` when every other non-empty
    text of the row is a number; None when the row is not a totals row."""
    label: tuple[str, str] | None = None
    for column, cells in raw.items():
        value = cells[index]
        if value.__class__ is not str or _NUMBER_LIKE.match(value):
            continue  # empty, a number, a date
        if not _TOTALS_LABEL.match(fold(value)):
            return None
        label = label or (column, value.strip())
    return label
