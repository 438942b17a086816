"""What allocation works on and what it produces. Plain, slotted dataclasses: a run over a
million structures makes a million of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import DEVICE_TYPES, DeviceType
from .policy import Scope

PRIORITY_RANK = {"urgente": 0, "haute": 1, "normale": 2}


@dataclass(frozen=True, slots=True)
class Structure:
    """A structure and what it asked for, all its requests added up (``need`` is indexed
    like ``DEVICE_TYPES``)."""

    id: str
    departement: str
    need: tuple[int, int, int, int]
    priority: str = "normale"
    internet: bool | None = None
    requested_on: dt.date | None = None

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


@dataclass(frozen=True, slots=True)
class Shipment:
    """Units of one lot for one structure, and why: the round, the distance, the need it
    answers (``counted_as`` differs from ``device`` for a substitution)."""

    lot_id: str
    structure_id: str
    device: DeviceType
    counted_as: DeviceType
    quantity: int
    shipper: str
    round: Scope | str
    distance_km: float


@dataclass(frozen=True, slots=True)
class Unmet:
    """Units a structure asked for and does not get in this run, and why not."""

    structure_id: str
    device: DeviceType
    quantity: int
    reason: str


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
