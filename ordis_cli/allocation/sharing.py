"""Fair shares (``--share equitable``): within a round, the structures of one priority level
that compete for the same lots share them by children.

The rule, as the SPEC states it: units go one at a time to the structure with the fewest
units of that type per child so far (ties broken by the priority order). The ``k``-th unit
of structure ``i`` therefore goes out at the key ``((k - 1) / kids_i, order_i)``, and handing
out ``S`` units gives exactly the ``S`` smallest keys. Nothing loops over single units:

- a pool is (level, device, round, the structures that see the same lots): one
  département in the département round, one région in the région round, the country in
  the last one;
- in the département round every member of a pool sees the same lots, so the supply ``S``
  is known (``_Stock.supply``): a continuous water level ``λ`` with
  ``Σ min(want_i, λ·kids_i) = S - n`` (found by one sort) gives every structure the units
  whose keys lie below ``λ`` — a prefix of the key order, at most ``S`` units — and at most
  ``n`` units remain, handed out by a heap;
- the heap pops the smallest key and gives that structure every unit whose key comes before
  the next structure's key (one ``_take``, nearest lots first); a structure that finds
  nothing more within the round leaves the heap. In the région and national rounds the
  members see different lots (zones, distances), so the heap does all the work there.

So a pool costs O(n log n) plus the lots it takes, as the greedy does.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import DEVICE_TYPES, DeviceType
from ..territory import departements
from .model import PRIORITY_RANK, Plan, Shipment, Structure
from .policy import Scope

if TYPE_CHECKING:
    from .engine import _Stock


def share_round(stock: _Stock, plan: Plan, order: list[Structure], wanted: list[list[int]],
                given: list[list[int]], active: list[int], scope: Scope) -> None:
    """One round with fair shares: level by level, device by device, pool by pool.
    ``wanted`` (per position and type) goes down and ``given`` up as units are taken."""
    levels: dict[int, list[int]] = defaultdict(list)
    for position in active:
        levels[PRIORITY_RANK.get(order[position].priority, 2)].append(position)
    for level in sorted(levels):
        for index, device in enumerate(DEVICE_TYPES):
            pools: dict[str, list[int]] = defaultdict(list)
            for position in levels[level]:
                structure = order[position]
                if wanted[position][index] and (
                        device, structure.departement, scope) not in stock.dead:
                    pools[_pool(structure.departement, scope)].append(position)
            for name in sorted(pools):
                members = pools[name]  # in priority order: ``active`` is
                supply = (stock.supply(device, name) if scope is Scope.DEPARTEMENT
                          else None)
                _fill(stock, plan, order, wanted, given, members, index, device, scope,
                      supply)


def _pool(departement: str, scope: Scope) -> str:
    if scope is Scope.DEPARTEMENT:
        return departement
    if scope is Scope.REGION:
        return departements()[departement].region
    return ""


def _fill(stock: _Stock, plan: Plan, order: list[Structure], wanted: list[list[int]],
          given: list[list[int]], members: list[int], index: int, device: DeviceType,
          scope: Scope, supply: int | None) -> None:
    from .engine import _take

    def take(position: int, units: int) -> int:
        got = _take(stock, plan, order[position], device, device, units, scope)
        wanted[position][index] -= got
        given[position][index] += got
        return got

    start = len(plan.shipments)
    try:
        _hand_out(stock, order, wanted, given, members, index, device, scope, supply, take)
    finally:
        _merge(plan, start)


def _merge(plan: Plan, start: int) -> None:
    """One line per structure and lot: the units a structure took from one lot in several
    goes (one per level of the share) add up on the line of the first."""
    lines = plan.shipments
    first: dict[tuple[str, str], int] = {}
    merged: list[Shipment] = []
    for line in lines[start:]:
        key = (line.lot_id, line.structure_id)
        if key in first:
            at = first[key]
            merged[at] = merged[at]._replace(quantity=merged[at].quantity + line.quantity)
        else:
            first[key] = len(merged)
            merged.append(line)
    del lines[start:]
    lines.extend(merged)


def _hand_out(stock: _Stock, order: list[Structure], wanted: list[list[int]],
              given: list[list[int]], members: list[int], index: int, device: DeviceType,
              scope: Scope, supply: int | None, take: Callable[[int, int], int]) -> None:
    wants = [wanted[p][index] for p in members]
    kids = [order[p].kids for p in members]
    if supply is not None:
        if supply >= sum(wants):
            for position, want in zip(members, wants, strict=True):
                take(position, want)
            return
        base = water_level([given[p][index] for p in members], wants, kids, supply)
        for position, units in zip(members, base, strict=True):
            if units:
                take(position, units)
    heap = [(given[p][index] / order[p].kids, p) for p in members if wanted[p][index]]
    heapq.heapify(heap)
    while heap:
        _, position = heapq.heappop(heap)
        structure = order[position]
        if (device, structure.departement, scope) in stock.dead:
            continue
        want, got, kid = wanted[position][index], given[position][index], structure.kids
        units = want
        if heap:
            other = heap[0][1]
            # units whose key ((got + j - 1) / kid, position) stays below the next one's
            gap = given[other][index] * kid - got * order[other].kids  # over kids of other
            okids = order[other].kids
            ahead = gap // okids + 1 if position < other else -(-gap // okids)
            units = min(want, max(ahead, 1))
        if take(position, units) == units and wanted[position][index]:
            heapq.heappush(heap, (given[position][index] / kid, position))


def water_level(given: list[int], wants: list[int], kids: list[int], supply: int) -> list[int]:
    """Units each structure gets for sure out of ``supply`` units handed out one at a time
    to the fewest units per child (``given`` already counted): all the units whose key lies
    below one level, at most ``supply`` of them and at most ``len(wants)`` short of it."""
    n = len(wants)
    target = supply - n
    if target <= 0:
        return [0] * n
    # continuous water-filling on the totals (given + new units), one sort
    caps = [g + w for g, w in zip(given, wants, strict=True)]
    floor = sum(given)
    target += floor
    ranked = sorted(range(n), key=lambda i: (caps[i] / kids[i], i))
    rest_kids, filled, level = sum(kids), 0, 0.0
    for i in ranked:
        full = caps[i] / kids[i]
        if filled + full * rest_kids >= target:
            level = (target - filled) / rest_kids
            break
        filled += caps[i]
        rest_kids -= kids[i]
    else:
        return list(wants)
    while True:
        base = [max(min(c, math.ceil(level * k - 1e-9)) - g, 0)
                for c, k, g in zip(caps, kids, given, strict=True)]
        if sum(base) <= supply or level <= 0:
            return base if sum(base) <= supply else [0] * n
        level /= 2
