"""What allocation works on and what it produces. Plain, slotted dataclasses: a run over a
million structures makes a million of them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..models import DEVICE_TYPES, DeviceType
from .policy import Scope

PRIORITY_RANK = {"urgente": 0, "haute": 1, "normale": 2}


@dataclass(frozen=True, slots=True)
class Structure:
    """A structure and what it asked for, all its requests added up (``need`` is indexed
    like ``DEVICE_TYPES``); ``children``: how many children it serves (``nb_enfants``),
    what fair shares are counted by (None or 0: one)."""

    id: str
    departement: str
    need: tuple[int, int, int, int]
    priority: str = "normale"
    internet: bool | None = None
    requested_on: dt.date | None = None
    children: int | None = None

    @property
    def kids(self) -> int:
        """The children that fair shares count (at least one)."""
        return self.children if self.children and self.children > 0 else 1

    def order_key(self) -> tuple[int, int, dt.date, str]:
        """Priority order: urgency, then no internet first, then earlier request (missing
        dates last), then identifier."""
        return (
            PRIORITY_RANK.get(self.priority, 2),
            0 if self.internet is False else 1,
            self.requested_on or dt.date.max,
            self.id,
        )


@dataclass(frozen=True, slots=True)
class Lot:
    """A lot of equipment. ``shipper`` is the partner that ships it, or the donor."""

    id: str
    device: DeviceType
    quantity: int
    departement: str
    shipper: str
    donor: str = ""
    available_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    """A logistics partner: where it delivers (None: everywhere) and how many units it can
    ship in one run (None: no limit)."""

    name: str
    departements: frozenset[str] | None = None
    capacity: int | None = None

    def covers(self, departement: str) -> bool:
        return self.departements is None or departement in self.departements


class Shipment(NamedTuple):
    """Units of one lot for one structure, and why: the round, the distance, the need it
    answers (``counted_as`` differs from ``device`` for a substitution). A named tuple:
    a run makes hundreds of thousands of them."""

    lot_id: str
    structure_id: str
    device: DeviceType
    counted_as: DeviceType
    quantity: int
    shipper: str
    round: Scope | str
    distance_km: float


class Unmet(NamedTuple):
    """Units a structure asked for and does not get in this run, and why not."""

    structure_id: str
    device: DeviceType
    quantity: int
    reason: str


class Commitment(NamedTuple):
    """What one earlier shipment line still commits: ``given`` units counted against the
    structure's need, ``taken`` units gone from the lot (they differ once a line is closed
    short: units lost are taken but not given); ``same_day``: the line's run has the date of
    this run."""

    lot_id: str
    structure_id: str
    counted_as: DeviceType
    shipper: str
    given: int
    taken: int
    same_day: bool = False


@dataclass(frozen=True, slots=True)
class Earlier:
    """What earlier active runs already committed.

    ``given``: units counted against each (structure, type) need; ``taken``: units taken
    from each lot. The cap and the shippers' capacities are per run *day*, so the runs of
    the same ``--date`` also count against them (``given_same_day``, ``shipped_same_day``,
    per shipper name): re-running on the same files the same day allocates nothing new,
    next week's run starts with whole capacities.
    """

    given: Mapping[tuple[str, DeviceType], int] = field(default_factory=dict)
    taken: Mapping[str, int] = field(default_factory=dict)
    given_same_day: Mapping[tuple[str, DeviceType], int] = field(default_factory=dict)
    shipped_same_day: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_shipments(
        cls, shipments: Iterable[Shipment], same_day: Iterable[Shipment] = ()
    ) -> Earlier:
        """Shipments committed whole (given and taken alike)."""
        lines = [
            Commitment(s.lot_id, s.structure_id, s.counted_as, s.shipper, s.quantity, s.quantity)
            for s in shipments
        ]
        lines += [
            Commitment(
                s.lot_id, s.structure_id, s.counted_as, s.shipper, s.quantity, s.quantity, True
            )
            for s in same_day
        ]
        return cls.from_commitments(lines, same_day_counted_apart=True)

    @classmethod
    def from_commitments(
        cls, lines: Iterable[Commitment], same_day_counted_apart: bool = False
    ) -> Earlier:
        """What lines commit. A ``same_day`` line also counts against this day's cap
        (its ``given``) and its shipper's capacity (its ``taken``: units shipped that day);
        with ``same_day_counted_apart`` a same-day line counts only there (``from_shipments``
        passes every line once in ``shipments`` and the same-day ones again)."""
        given: Counter[tuple[str, DeviceType]] = Counter()
        taken: Counter[str] = Counter()
        given_day: Counter[tuple[str, DeviceType]] = Counter()
        shipped: Counter[str] = Counter()
        for line in lines:
            if not line.same_day or not same_day_counted_apart:
                given[(line.structure_id, line.counted_as)] += line.given
                taken[line.lot_id] += line.taken
            if line.same_day:
                given_day[(line.structure_id, line.counted_as)] += line.given
                shipped[line.shipper] += line.taken
        return cls(+given, +taken, +given_day, +shipped)


@dataclass(slots=True)
class Plan:
    shipments: list[Shipment] = field(default_factory=list)
    unmet: list[Unmet] = field(default_factory=list)
    leftover: dict[str, int] = field(default_factory=dict)  # lot id -> units left

    def allocated(self) -> dict[DeviceType, int]:
        totals = dict.fromkeys(DEVICE_TYPES, 0)
        for shipment in self.shipments:
            totals[shipment.device] += shipment.quantity
        return totals

    def unmet_totals(self) -> dict[DeviceType, int]:
        totals = dict.fromkeys(DEVICE_TYPES, 0)
        for item in self.unmet:
            totals[item.device] += item.quantity
        return totals
