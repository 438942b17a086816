"""Writing text into workbooks safely: never a formula, never a control character."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl only for the type: importing it costs a command 0.3 s
    from openpyxl.cell.cell import Cell

# What a spreadsheet may take for the start of a formula, full-width forms included.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value: str) -> str:
    """``value`` without control characters (tab and line feed kept)."""
    return _CONTROL.sub("", value) if _CONTROL.search(value) else value


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def put(cell: Cell, value: Any) -> None:
    """Write ``value`` into ``cell``; text is always stored as text, never as a formula."""
    if isinstance(value, str):
        formula_like = looks_like_formula(value)
        cell.value = clean_text(value)
        if formula_like or cell.data_type == "f":
            cell.data_type = "s"
    else:
        cell.value = value
