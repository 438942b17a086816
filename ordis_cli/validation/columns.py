"""Column-wise normalisation: each distinct raw value of a column is normalised once.

Spreadsheet columns repeat themselves (départements, priorities, quantities, dates), so
a block of 50,000 rows usually holds a few hundred distinct values per column. The raw
column is reduced to its set of values (in C), each is normalised, and the clean column
is rebuilt with one dictionary lookup per cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice, zip_longest
from typing import Any

from .values import Fault

Normaliser = Callable[[Any], tuple[Any, Fault]]


def normalise(values: list[Any], normaliser: Normaliser) -> tuple[list[Any], list[tuple[int,
              tuple[str, dict[str, Any]]]]]:
    """Clean values of a column and the ``(index, fault)`` of each faulty cell."""
    if any(v.__class__ is bool for v in values):
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
    clean = [table[raw][0] for raw in values]
    bad = {raw for raw, (_, fault) in table.items() if fault is not None}
    if not bad:
        return clean, []
    faults = [(i, fault) for i, raw in enumerate(values) if raw in bad
              for fault in (table[raw][1],) if fault is not None]
    return clean, faults


@dataclass(slots=True)
class Block:
    """A block of data rows: their spreadsheet row numbers, raw and clean columns."""

    rows: list[int]
    raw: dict[str, list[Any]]
    clean: dict[str, list[Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)


def blocks(
    rows: Iterator[tuple[int, list[Any]]], positions: dict[str, int], size: int
) -> Iterator[Block]:
    """Cut ``rows`` into blocks of ``size`` rows, keeping only the columns in ``positions``
    (canonical name -> index in the row)."""
    while True:
        chunk = list(islice(rows, size))
        if not chunk:
            return
        numbers = [n for n, _ in chunk]
        transposed = list(zip_longest(*(cells for _, cells in chunk), fillvalue=""))
        empty = [""] * len(chunk)
        raw = {
            name: list(transposed[index]) if index < len(transposed) else empty
            for name, index in positions.items()
        }
        yield Block(numbers, raw)
