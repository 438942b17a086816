"""The allocation itself: pure, deterministic, about (structures + lots) · log time.

For each round (same département, then same région, then the whole country, as far as the
policy's scope allows), structures are served in priority order; each takes, type by type,
the nearest lots first, then the earliest available, then by lot id. A lot goes only where
its shipper's zone covers the structure's département, and a shipper never ships more than
its capacity in one run. Substitutions come in a last round.

The search is amortised: for every (device, structure's département, lot's département)
a pointer moves forward over lots that are used up, outside the shipper's zone or whose
shipper is at capacity — states that never revert within a run — so no structure scans
the same dead lot twice, and for every (device, structure's département, round) a cursor
skips the départements that have nothing left for it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..models import DEVICE_TYPES, DeviceType
from ..textnorm import fold
from .geography import reach
from .model import Lot, Partner, Plan, Shipment, Structure, Unmet
from .policy import Policy, Scope

_INDEX = {device: i for i, device in enumerate(DEVICE_TYPES)}


class _Stock:
    """Lots still available, by device and département, and the shippers' capacities."""

    def __init__(self, lots: list[Lot], taken: Mapping[str, int],
                 partners: Mapping[str, Partner], date: dt.date) -> None:
        self.lots = lots
        self.left = [max(lot.quantity - taken.get(lot.id, 0), 0) for lot in lots]
        self.by_place: dict[tuple[DeviceType, str], list[int]] = defaultdict(list)
        self.unavailable: dict[DeviceType, int] = dict.fromkeys(DEVICE_TYPES, 0)
        for index in sorted(range(len(lots)), key=lambda i: (
                lots[i].available_on or dt.date.min, lots[i].id)):
            lot = lots[index]
            if lot.available_on is not None and lot.available_on > date:
                self.unavailable[lot.device] += self.left[index]
                continue
            if self.left[index] > 0:
                self.by_place[(lot.device, lot.departement)].append(index)
        self.shippers = [partners.get(fold(lot.shipper)) or Partner(lot.shipper)
                         for lot in lots]
        self.capacity: dict[str, int | None] = {}
        for partner in self.shippers:
            self.capacity.setdefault(partner.name, partner.capacity)
        self.pointer: dict[tuple[DeviceType, str, str], int] = {}
        self.cursor: dict[tuple[DeviceType, str, Scope], int] = {}

    def usable(self, index: int, departement: str) -> bool:
        if self.left[index] == 0:
            return False
        shipper = self.shippers[index]
        return shipper.covers(departement) and self.capacity[shipper.name] != 0

    def first(self, device: DeviceType, target: str, source: str) -> int | None:
        """The first lot of ``device`` in ``source`` usable for a structure in ``target``."""
        place = self.by_place.get((device, source))
        if not place:
            return None
        key = (device, target, source)
        position = self.pointer.get(key, 0)
        while position < len(place) and not self.usable(place[position], target):
            position += 1
        self.pointer[key] = position
        return place[position] if position < len(place) else None


def allocate(
    structures: Iterable[Structure],
    lots: Iterable[Lot],
    partners: Mapping[str, Partner],
    policy: Policy,
    given: Mapping[tuple[str, DeviceType], int] | None = None,
    taken: Mapping[str, int] | None = None,
) -> Plan:
    """Plan this run's shipments.

    ``partners`` is keyed by the folded partner name (``textnorm.fold``); a shipper absent
    from it delivers everywhere without limit. ``given`` holds, per (structure, type), the
    units earlier runs already count against the need; ``taken``, per lot, the units earlier
    runs took from it. Both are subtracted first, so a second run on the same data plans
    nothing new.
    """
    given = given or {}
    order = sorted(structures, key=Structure.order_key)
    lot_list = sorted(lots, key=lambda lot: lot.id)
    stock = _Stock(lot_list, taken or {}, partners, policy.date)
    wanted = []
    capped = []
    for structure in order:
        net = [max(structure.need[i] - given.get((structure.id, d), 0), 0)
               for i, d in enumerate(DEVICE_TYPES)]
        limit = [min(n, policy.cap) if policy.cap is not None else n for n in net]
        wanted.append(limit)
        capped.append([n - m for n, m in zip(net, limit, strict=True)])
    plan = Plan()
    for scope in policy.rounds:
        for position, structure in enumerate(order):
            want = wanted[position]
            for index, device in enumerate(DEVICE_TYPES):
                if want[index]:
                    want[index] -= _take(stock, plan, structure, device, device, want[index],
                                         scope)
    for need, substitutes in sorted(policy.substitutions.items()):
        index = _INDEX[need]
        for position, structure in enumerate(order):
            for device in substitutes:
                for scope in policy.rounds:
                    if wanted[position][index]:
                        wanted[position][index] -= _take(
                            stock, plan, structure, device, need, wanted[position][index],
                            scope, label="substitution")
    _unmet(plan, order, wanted, capped, stock, policy)
    plan.leftover = {lot.id: left for lot, left in zip(lot_list, stock.left, strict=True)}
    return plan


def _take(stock: _Stock, plan: Plan, structure: Structure, device: DeviceType,
          counted_as: DeviceType, want: int, scope: Scope, label: str | None = None) -> int:
    """Give ``structure`` up to ``want`` units of ``device`` within ``scope``; return how many."""
    target = structure.departement
    places = reach(target, scope)
    key = (device, target, scope)
    cursor = stock.cursor.get(key, 0)
    got = 0
    while got < want and cursor < len(places):
        source, distance = places[cursor]
        index = stock.first(device, target, source)
        if index is None:
            cursor += 1  # nothing left there for this département: never again this run
            continue
        shipper = stock.shippers[index]
        room = stock.capacity[shipper.name]
        units = min(want - got, stock.left[index], room if room is not None else want)
        stock.left[index] -= units
        if room is not None:
            stock.capacity[shipper.name] = room - units
        got += units
        plan.shipments.append(Shipment(
            lot_id=stock.lots[index].id, structure_id=structure.id, device=device,
            counted_as=counted_as, quantity=units, shipper=shipper.name,
            round=label or scope, distance_km=round(distance, 1)))
    stock.cursor[key] = cursor
    return got


def _unmet(plan: Plan, order: list[Structure], wanted: list[list[int]],
           capped: list[list[int]], stock: _Stock, policy: Policy) -> None:
    """Record what each structure still lacks, and the reason, which depends only on its
    département and the device once the run is over."""
    reasons: dict[tuple[str, DeviceType], str] = {}
    for position, structure in enumerate(order):
        for index, device in enumerate(DEVICE_TYPES):
            if capped[position][index]:
                plan.unmet.append(Unmet(structure.id, device, capped[position][index], "cap"))
            missing = wanted[position][index]
            if not missing:
                continue
            key = (structure.departement, device)
            if key not in reasons:
                reasons[key] = _reason(stock, structure.departement, device, policy)
            plan.unmet.append(Unmet(structure.id, device, missing, reasons[key]))


def _reason(stock: _Stock, departement: str, device: DeviceType, policy: Policy) -> str:
    remaining = [(source, index) for (kind, source), places in stock.by_place.items()
                 if kind == device for index in places if stock.left[index] > 0]
    if not remaining:
        return "not-yet-available" if stock.unavailable[device] else "no-stock"
    in_reach = {source for source, _ in reach(departement, policy.scope)}
    near = [index for source, index in remaining if source in in_reach]
    if not near:
        return "out-of-scope"
    if not any(stock.shippers[index].covers(departement) for index in near):
        return "partner-zone"
    return "partner-capacity"
