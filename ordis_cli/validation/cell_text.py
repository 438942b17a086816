"""What every normaliser of a cell starts from: ``Fault``, the empty cell, a cell as text.

``values`` (numbers, dates, codes, contacts) and ``choices`` (closed lists of words) both
build on these three, and ``values`` re-exports them: ``Fault`` is ``None`` or
``(code, fields)`` naming what is wrong for the message catalogue; a cell is empty when it is
``None``, ``""`` or only spaces; ``text`` is a cell as a person reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

Fault = tuple[str, dict[str, Any]] | None


def is_empty(raw: Any) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and raw.isspace())


_ODD_SPACES = re.compile("  |[\t\n\r\u00a0\u202f\u2009]")


def text(raw: Any) -> str | None:
    """Trimmed text, inner runs of spaces folded; numbers as a person reads them
    (``750012345.0`` -> ``"750012345"``)."""
    if raw.__class__ is str:
        value = raw.strip()
        if not value:
            return None
        if _ODD_SPACES.search(value):
            return " ".join(value.split())
        return value
    if is_empty(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if not raw.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return " ".join(str(raw).split())
