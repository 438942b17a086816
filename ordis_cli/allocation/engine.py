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

from ..gc_pause import paused_gc
from ..models import DEVICE_TYPES, DeviceType
from ..names import name_key
from .geography import reach
from .local import Rows
from .model import Earlier, Lot, Partner, Plan, Shipment, Structure, Unmet
from .policy import Method, Policy, Scope, Share
from .sharing import share_round

_INDEX = {device: i for i, device in enumerate(DEVICE_TYPES)}


# Shippers with no zone and no capacity all behave alike: their lots share one queue.
_ANYWHERE = ""


class _Queue:
    """The lots of one device, one département and one shipper (or all the unrestricted
    ones), in the order structures take them; ``head`` skips those used up."""

    __slots__ = ("head", "lots", "partner")

    def __init__(self, partner: Partner | None) -> None:
        self.partner = partner
        self.lots: list[int] = []
        self.head = 0


class _Stock:
    """Lots still available, queued by device, département and shipper, and the shippers'
    capacities left in this run."""

    def __init__(
        self,
        lots: list[Lot],
        taken: Mapping[str, int],
        partners: Mapping[str, Partner],
        date: dt.date,
        shipped: Mapping[str, int],
    ) -> None:
        self.lots = lots
        self.left = [max(lot.quantity - taken.get(lot.id, 0), 0) for lot in lots]
        self.shippers = [
            partners.get(name_key(lot.shipper)) or Partner(lot.shipper) for lot in lots
        ]
        self.capacity: dict[str, int | None] = {}
        for partner in self.shippers:
            if partner.capacity is None:
                self.capacity.setdefault(partner.name, None)
            else:
                self.capacity.setdefault(
                    partner.name, max(partner.capacity - shipped.get(partner.name, 0), 0)
                )
        self.rank = [0] * len(lots)
        self.unavailable: dict[DeviceType, int] = dict.fromkeys(DEVICE_TYPES, 0)
        queues: dict[tuple[DeviceType, str, str], _Queue] = {}
        self.queues: dict[tuple[DeviceType, str], list[_Queue]] = defaultdict(list)
        order = sorted(
            range(len(lots)), key=lambda i: (lots[i].available_on or dt.date.min, lots[i].id)
        )
        for rank, index in enumerate(order):
            self.rank[index] = rank
            lot, partner = lots[index], self.shippers[index]
            if lot.available_on is not None and lot.available_on > date:
                self.unavailable[lot.device] += self.left[index]
                continue
            if not self.left[index]:
                continue
            limited = partner.departements is not None or partner.capacity is not None
            group = partner.name if limited else _ANYWHERE
            key = (lot.device, lot.departement, group)
            if key not in queues:
                queues[key] = _Queue(partner if limited else None)
                self.queues[(lot.device, lot.departement)].append(queues[key])
            queues[key].lots.append(index)
        self.cursor: dict[tuple[DeviceType, str, Scope], int] = {}
        # (device, département, scope) with nothing left in reach: never looked at again
        self.dead: set[tuple[DeviceType, str, Scope]] = set()

    def first(self, device: DeviceType, target: str, source: str) -> int | None:
        """The first lot of ``device`` in ``source`` usable for a structure in ``target``:
        not used up, its shipper covering ``target`` and not at capacity."""
        best: int | None = None
        left, rank = self.left, self.rank
        for queue in self.queues.get((device, source), ()):
            partner = queue.partner
            if partner is not None and (
                self.capacity[partner.name] == 0
                or (partner.departements is not None and target not in partner.departements)
            ):
                continue
            lots, head = queue.lots, queue.head
            while head < len(lots) and not left[lots[head]]:
                head += 1
            queue.head = head
            if head < len(lots) and (best is None or rank[lots[head]] < rank[best]):
                best = lots[head]
        return best

    def supply(self, device: DeviceType, departement: str) -> int:
        """Units of ``device`` a structure of ``departement`` can still get from its own
        département: lots left whose shipper covers it, within the shippers' capacities."""
        total = 0
        for queue in self.queues.get((device, departement), ()):
            units = sum(self.left[i] for i in queue.lots[queue.head :])
            partner = queue.partner
            if partner is not None:
                if partner.departements is not None and departement not in partner.departements:
                    continue
                room = self.capacity[partner.name]
                units = min(units, room) if room is not None else units
            total += units
        return total

    def common_supply(self, device: DeviceType, places: Iterable[str], targets: set[str]) -> int:
        """Units of ``device`` in ``places`` that a structure of any of ``targets`` can
        get: lots left whose shipper covers them all, within the shippers' capacities."""
        total = 0
        limited: dict[str, int] = {}
        for source in places:
            for queue in self.queues.get((device, source), ()):
                units = sum(self.left[i] for i in queue.lots[queue.head :])
                partner = queue.partner
                if partner is None:
                    total += units
                elif partner.departements is None or targets <= partner.departements:
                    limited[partner.name] = limited.get(partner.name, 0) + units
        for name, units in limited.items():
            room = self.capacity[name]
            total += units if room is None else min(units, room)
        return total

    def reachable(self, device: DeviceType, target: str, scope: Scope) -> bool:
        """Whether a structure of ``target`` can still get ``device`` within ``scope``
        (moves the same cursor as ``_take``, so nothing is looked at twice)."""
        key = (device, target, scope)
        if key in self.dead:
            return False
        places = reach(target, scope)
        cursor = self.cursor.get(key, 0)
        while cursor < len(places) and self.first(device, target, places[cursor][0]) is None:
            cursor += 1
        self.cursor[key] = cursor
        if cursor == len(places):
            self.dead.add(key)
            return False
        return True

    def alive(self, device: DeviceType) -> dict[str, list[Partner | None]]:
        """Départements that still hold ``device``, with the shippers of what is left."""
        found: dict[str, list[Partner | None]] = {}
        for (kind, source), queues in self.queues.items():
            if kind != device:
                continue
            for queue in queues:
                if any(self.left[i] for i in queue.lots[queue.head :]):
                    found.setdefault(source, []).append(queue.partner)
        return found


def allocate(
    structures: Iterable[Structure],
    lots: Iterable[Lot],
    partners: Mapping[str, Partner],
    policy: Policy,
    earlier: Earlier | None = None,
) -> Plan:
    """Plan this run's shipments.

    ``partners`` is keyed by the partner's name key (``names.name_key``); a shipper absent
    from it delivers everywhere without limit. What ``earlier`` runs committed is
    subtracted first, so a second run on the same data plans nothing new.
    """
    with paused_gc():
        return _allocate(structures, lots, partners, policy, earlier or Earlier())


def _allocate(
    structures: Iterable[Structure],
    lots: Iterable[Lot],
    partners: Mapping[str, Partner],
    policy: Policy,
    earlier: Earlier,
) -> Plan:
    order = sorted(structures, key=Structure.order_key)
    lot_list = sorted(lots, key=lambda lot: lot.id)
    stock = _Stock(lot_list, earlier.taken, partners, policy.date, earlier.shipped_same_day)
    wanted, capped = _wanted(order, earlier, policy.cap)
    plan = Plan()
    active = [p for p in range(len(order)) if any(wanted[p])]
    fair = policy.share is Share.EQUITABLE and policy.method is Method.GLOUTON
    rows = Rows(order, wanted) if fair else None
    if policy.method is Method.OPTIMAL:
        from .optimal import optimal_rounds  # highspy is imported only when asked for

        optimal_rounds(stock, plan, order, wanted, policy.scope)
        active = [p for p in active if any(wanted[p])]
    for scope in () if policy.method is Method.OPTIMAL else policy.rounds:
        if rows is not None:
            share_round(stock, plan, order, wanted, active, scope, rows)
            active = [p for p in active if any(wanted[p])]
            continue
        dead = stock.dead
        for position in active:
            structure, want = order[position], wanted[position]
            for index, device in enumerate(DEVICE_TYPES):
                if want[index] and (device, structure.departement, scope) not in dead:
                    want[index] -= _take(stock, plan, structure, device, device, want[index], scope)
        active = [p for p in active if any(wanted[p])]
    for need, substitutes in sorted(policy.substitutions.items()):
        index = _INDEX[need]
        for position, structure in enumerate(order):
            want = wanted[position]
            for device in substitutes:
                for scope in policy.rounds:
                    left = want[index]
                    if left and (device, structure.departement, scope) not in stock.dead:
                        label = "substitution"
                        want[index] = left - _take(
                            stock, plan, structure, device, need, left, scope, label
                        )
    short = range(len(order)) if policy.cap is not None else active
    _unmet(plan, order, short, wanted, capped, stock, policy)
    plan.leftover = {lot.id: left for lot, left in zip(lot_list, stock.left, strict=True)}
    return plan


def _wanted(
    order: list[Structure], earlier: Earlier, cap: int | None
) -> tuple[list[list[int]], list[list[int]]]:
    """Per structure and type, the units to find in this run (net of earlier runs, within
    what the cap leaves today) and the units the cap holds back."""
    wanted, capped = [], []
    given, today = earlier.given, earlier.given_same_day
    for structure in order:
        net = list(structure.need)
        if given:
            net = [
                max(n - given.get((structure.id, d), 0), 0)
                for n, d in zip(net, DEVICE_TYPES, strict=True)
            ]
        if cap is None:
            wanted.append(net)
            capped.append([0, 0, 0, 0])
            continue
        room = [
            max(cap - today.get((structure.id, d), 0), 0) if today else cap for d in DEVICE_TYPES
        ]
        wanted.append([min(n, r) for n, r in zip(net, room, strict=True)])
        capped.append([max(n - r, 0) for n, r in zip(net, room, strict=True)])
    return wanted, capped


def _take(
    stock: _Stock,
    plan: Plan,
    structure: Structure,
    device: DeviceType,
    counted_as: DeviceType,
    want: int,
    scope: Scope,
    label: str | None = None,
) -> int:
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
        plan.shipments.append(
            Shipment(
                stock.lots[index].id,
                structure.id,
                device,
                counted_as,
                units,
                shipper.name,
                label or scope,
                distance,
            )
        )
    stock.cursor[key] = cursor
    if cursor == len(places):
        stock.dead.add(key)
    return got


def _unmet(
    plan: Plan,
    order: list[Structure],
    short: Iterable[int],
    wanted: list[list[int]],
    capped: list[list[int]],
    stock: _Stock,
    policy: Policy,
) -> None:
    """Record what the structures at positions ``short`` still lack, and the reason, which
    depends only on the département and the device once the run is over."""
    reasons: dict[tuple[str, DeviceType], str] = {}
    alive: dict[DeviceType, dict[str, list[Partner | None]]] = {}
    for position in short:
        structure = order[position]
        for index, device in enumerate(DEVICE_TYPES):
            if capped[position][index]:
                plan.unmet.append(Unmet(structure.id, device, capped[position][index], "cap"))
            missing = wanted[position][index]
            if not missing:
                continue
            key = (structure.departement, device)
            if key not in reasons:
                if device not in alive:
                    alive[device] = stock.alive(device)
                reasons[key] = _reason(
                    alive[device], stock.unavailable[device], structure.departement, policy.scope
                )
            plan.unmet.append(Unmet(structure.id, device, missing, reasons[key]))


def _reason(
    alive: dict[str, list[Partner | None]], unavailable: int, departement: str, scope: Scope
) -> str:
    if not alive:
        return "not-yet-available" if unavailable else "no-stock"
    near = [partner for source, _ in reach(departement, scope) for partner in alive.get(source, ())]
    if not near:
        return "out-of-scope"
    if not any(p is None or p.covers(departement) for p in near):
        return "partner-zone"
    return "partner-capacity"
