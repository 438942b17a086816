"""Column-wise normalisation: each distinct raw value of a column is normalised once.

Spreadsheet columns repeat themselves (départements, priorities, quantities, dates), so
a block of 50,000 rows usually holds a few hundred distinct values per column. The raw
column is reduced to its set of values (in C), each is normalised, and the clean column
is rebuilt with one dictionary lookup per cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .values import Fault

Normaliser = Callable[[Any], tuple[Any, Fault]]
Faults = list[tuple[int, tuple[str, dict[str, Any]]]]


class TextPattern:
    """A normaliser for free-text columns where nearly every value is distinct (names,
    e-mails, phone numbers) and nearly every one is already clean.

    ``suspect`` is a multi-line pattern that finds, in the column joined line by line, the
    values that may need the full ``normaliser``; every other value is clean once trimmed
    (and passed through ``tidy``). One regex scan in C replaces a call per cell; ``quick``,
    when given, is a cheaper pattern whose absence from the whole column proves there are
    no suspects.
    """

    def __init__(
        self,
        normaliser: Normaliser,
        suspect: str,
        tidy: Callable[[str], str] | None = None,
        quick: str | None = None,
    ) -> None:
        self.normaliser = normaliser
        self.suspect = re.compile(suspect, re.MULTILINE)
        self.tidy = tidy
        self.quick = re.compile(quick) if quick else None

    def __call__(self, raw: Any) -> tuple[Any, Fault]:
        return self.normaliser(raw)

    def column(self, values: Sequence[str]) -> tuple[list[Any], Faults] | None:
        """Normalise a column of text cells, or None when a cell holds a line break."""
        stripped = [value.strip() for value in values]
        joined = "\n".join(stripped)
        if joined.count("\n") != len(stripped) - 1:
            return None
        tidy = self.tidy
        clean: list[Any] = [(tidy(v) if tidy else v) or None for v in stripped]
        if self.quick and not self.quick.search(joined):
            return clean, []
        suspects = set(self.suspect.findall(joined))
        if not suspects:
            return clean, []
        results = {value: self.normaliser(value) for value in suspects}
        faults: Faults = []
        for index, value in enumerate(stripped):
            if value in results:
                clean[index], fault = results[value]
                if fault is not None:
                    faults.append((index, fault))
        return clean, faults


def normalise(
    values: Sequence[Any], normaliser: Normaliser, text_only: bool = False
) -> tuple[list[Any], Faults]:
    """Clean values of a column and the ``(index, fault)`` of each faulty cell.

    ``text_only`` says every cell is a ``str`` (a CSV), which spares a scan of the types.
    """
    types = {str} if text_only else set(map(type, values))
    if isinstance(normaliser, TextPattern) and types == {str}:
        done = normaliser.column(values)
        if done is not None:
            return done
    if bool in types:
        # True == 1 == 1.0 would share a set entry: take the slow, exact path.
        results: dict[Any, tuple[Any, Fault]] = {}
        clean = []
        faults = []
        for index, raw in enumerate(values):
            key = (raw.__class__, raw)
            if key not in results:
                results[key] = normaliser(raw)
            value, fault = results[key]
            clean.append(value)
            if fault is not None:
                faults.append((index, fault))
        return clean, faults
    table = {raw: normaliser(raw) for raw in set(values)}
    clean_of = {raw: result[0] for raw, result in table.items()}
    clean = list(map(clean_of.__getitem__, values))
    bad = {raw for raw, (_, fault) in table.items() if fault is not None}
    if not bad:
        return clean, []
    faults = [
        (i, fault)
        for i, raw in enumerate(values)
        if raw in bad
        for fault in (table[raw][1],)
        if fault is not None
    ]
    return clean, faults


@dataclass(slots=True)
class Block:
    """A block of data rows: their spreadsheet row numbers, raw and clean columns, and for
    each column the indices of the cells whose value was refused (``faulty``)."""

    rows: list[int]
    raw: Mapping[str, Sequence[Any]]
    text_only: bool = False
    clean: dict[str, list[Any]] = field(default_factory=dict)
    faulty: dict[str, set[int]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def drop_blank_rows(self) -> None:
        """Remove the rows whose every cell is empty once normalised (white space counts as
        empty). Columns must all be normalised; ``faulty`` indices are renumbered."""
        columns = list(self.clean.values())
        if not columns:
            return
        candidates = [i for i, value in enumerate(columns[0]) if value is None]
        for values in columns[1:]:
            if not candidates:
                return
            candidates = [i for i in candidates if values[i] is None]
        refused = set().union(*self.faulty.values())
        self.drop({i for i in candidates if i not in refused})

    def drop(self, indices: set[int]) -> None:
        """Remove the rows at ``indices`` from every column; ``faulty`` is renumbered."""
        if not indices:
            return
        keep = [i for i in range(len(self.rows)) if i not in indices]
        renumber = {old: new for new, old in enumerate(keep)}
        self.rows = [self.rows[i] for i in keep]
        self.raw = {name: [values[i] for i in keep] for name, values in self.raw.items()}
        self.clean = {name: [values[i] for i in keep] for name, values in self.clean.items()}
        self.faulty = {
            name: {renumber[i] for i in found if i in renumber}
            for name, found in self.faulty.items()
        }

    def empty(self, column: str) -> list[int]:
        """Indices of the rows where ``column`` is empty (not merely refused)."""
        clean = self.clean.get(column)
        if clean is None:
            return list(range(len(self.rows))) if column not in self.raw else []
        faulty = self.faulty.get(column, set())
        return [i for i, value in enumerate(clean) if value is None and i not in faulty]
