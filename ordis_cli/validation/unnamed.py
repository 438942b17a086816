"""Values in a column without a header: ignored, as every column ordis does not know, but
said (a warning), since nothing is dropped without a word (SPEC §2). Such values mostly come
from a cell holding the delimiter (``Bretagne;93`` in a zone, unquoted) or from a column
someone forgot to name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..reading.table import HeaderCell
from .base import EXTRA
from .reporter import Reporter

_EMPTY = frozenset(("", None))


class UnnamedColumns:
    """The first value found in each column whose header has no text."""

    def __init__(self, header: Sequence[HeaderCell]) -> None:
        self._waiting = {f"{EXTRA}{cell.letter}": cell.letter for cell in header if not cell.text}
        self._found: dict[str, tuple[int, Any]] = {}  # letter -> (row, value)

    def look(self, rows: Sequence[int], raw: dict[str, list[Any]]) -> None:
        """Find, in one block's columns, the first value of each column not yet found."""
        for name, letter in list(self._waiting.items()):
            values = raw.get(name)
            if values is None or set(values) <= _EMPTY:  # the usual case, at C speed
                continue
            for row, value in zip(rows, values, strict=True):
                if value not in _EMPTY and not (isinstance(value, str) and value.isspace()):
                    self._found[letter] = (row, value)
                    del self._waiting[name]
                    break

    def report(self, reporter: Reporter) -> None:
        for letter, (row, value) in self._found.items():
            reporter.add("unnamed-column-values", row, None, value, letter=letter, where=letter)
