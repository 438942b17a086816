"""How fairly a plan shares what it gives (SPEC §4 ``fairness``, sheet ``equite``).

A structure *requests* in a run when it still needs something, net of what earlier runs gave
it; it is *served* when it gets at least one unit; its *fill* is the units it gets over the
units it requests (all types together, a substitute counted for the need it answers). By
priority level: structures requesting, served, the lowest and the median fill, and the units
per child (units got over the children of the structures requesting; none given: one).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ..models import DEVICE_TYPES
from .model import Earlier, Plan, Structure

LEVELS = ("urgente", "haute", "normale")


class Fill(NamedTuple):
    """One requesting structure's outcome."""

    structure_id: str
    level: str
    departement: str
    requested: int
    got: int
    kids: int


class Fairness(NamedTuple):
    """One group's figures: ``min_fill`` and ``median_fill`` are shares (0–1), None when no
    structure of the group requests anything."""

    requesting: int
    served: int
    min_fill: float | None
    median_fill: float | None
    units_per_child: float | None

    def as_summary(self) -> dict[str, int | float | None]:
        """What the allocate JSON carries for a level (SPEC §4)."""
        return {
            "requesting": self.requesting,
            "served": self.served,
            "min_fill": self.min_fill,
            "median_fill": self.median_fill,
        }


def fills(
    plan: Plan, structures: Iterable[Structure], earlier: Earlier | None = None
) -> list[Fill]:
    """The structures that request something in this run, with what they get."""
    got: Counter[str] = Counter()
    for line in plan.shipments:
        got[line.structure_id] += line.quantity
    # what earlier runs gave, by structure and in the order of ``need``: most structures
    # were given nothing, and their request is their need
    given: dict[str, list[int]] = {}
    at = {device: index for index, device in enumerate(DEVICE_TYPES)}
    for (ident, device), units in (earlier.given if earlier is not None else {}).items():
        given.setdefault(ident, [0] * len(DEVICE_TYPES))[at[device]] += units
    found = []
    for structure in structures:
        before = given.get(structure.id)
        requested = (
            sum(structure.need)
            if before is None
            else sum(max(n - g, 0) for n, g in zip(structure.need, before, strict=True))
        )
        if requested:
            level = structure.priority if structure.priority in LEVELS else "normale"
            found.append(
                Fill(
                    structure.id,
                    level,
                    structure.departement,
                    requested,
                    got[structure.id],
                    structure.kids,
                )
            )
    return found


def measure(group: list[Fill]) -> Fairness:
    if not group:
        return Fairness(0, 0, None, None, None)
    shares = [fill.got / fill.requested for fill in group]
    return Fairness(
        len(group),
        sum(1 for fill in group if fill.got),
        round(min(shares), 4),
        round(statistics.median(shares), 4),
        round(sum(f.got for f in group) / sum(f.kids for f in group), 4),
    )


def by_level(found: list[Fill]) -> dict[str, Fairness]:
    """The three levels, each present (``requesting`` 0 when nobody of it requests)."""
    return {level: measure([f for f in found if f.level == level]) for level in LEVELS}


def by_level_and_area(
    found: list[Fill], area: Callable[[str], str], key: Callable[[str], Any] = str
) -> list[tuple[str, str, Fairness]]:
    """(level, area, figures) for each area (``area`` of a département, e.g. its région)
    where structures of the level request something, areas sorted by ``key``."""
    groups: dict[tuple[str, str], list[Fill]] = {}
    for fill in found:
        groups.setdefault((fill.level, area(fill.departement)), []).append(fill)
    return [
        (level, name, measure(groups[(level, name)]))
        for level in LEVELS
        for name in sorted({n for lv, n in groups if lv == level}, key=key)
    ]
