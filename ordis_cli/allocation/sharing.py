"""Fair shares (``--share equitable``): within a round, the structures of one priority level
that compete for the same lots share them by children.

The rule, as the SPEC states it: units go one at a time to the structure with the fewest
units of that type per child so far (ties broken by the priority order). The ``k``-th unit
of structure ``i`` therefore goes out at the key ``((k - 1) / kids_i, order_i)``, and handing
out ``S`` units gives exactly the ``S`` smallest keys. Nothing loops over single units:

- a pool is (level, device, round, the structures that see the same lots): one
  département in the département round, one région in the région round, the country in
  the last one;
- ``shares`` finds the ``S`` smallest keys at once: the continuous water levels ``λ`` of
  ``S - n`` and of ``S`` units (``Σ clamp(λ·kids_i - got_i, 0, want_i)``, one sort) leave
  at most about ``2n`` keys between them; everything below the first is given, those keys
  are sorted and the first ones taken;
- in the département round every member of a pool sees the same lots, so the supply ``S``
  is known (``_Stock.supply``): each structure then takes its share in one go, nearest lots
  first;
- in the région and national rounds the members see different lots (partners' zones): the
  units every member can reach (``_Stock.common_supply``) go out as above — nobody runs dry
  before they are all out —, and the rest by a heap that pops the smallest key and gives
  that structure every unit whose key comes before the next one's (one ``_take``); a
  structure that finds nothing more leaves the heap. Lines of one structure and one lot
  are merged.

So a pool costs O(n log n) plus the lots it takes, as the greedy does.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..models import DEVICE_TYPES, DeviceType
from ..territory import departements
from .geography import reach
from .local import Array, Rows, local_round
from .model import Partner, Plan, Shipment, Structure
from .policy import Scope

if TYPE_CHECKING:
    from .engine import _Stock


def share_round(
    stock: _Stock,
    plan: Plan,
    order: list[Structure],
    wanted: list[list[int]],
    active: list[int],
    scope: Scope,
    rows: Rows,
) -> None:
    """One round with fair shares: level by level, device by device, pool by pool.
    ``wanted`` (per position and type) goes down as units are taken; ``rows``: the same as
    arrays, with what each got, the children, levels and départements."""
    if scope is Scope.DEPARTEMENT:
        local_round(stock, plan, order, wanted, active, rows)
        return
    if not active:
        return
    np = rows.np
    names = sorted({_pool(name, scope) for name in rows.names})
    code = {name: at for at, name in enumerate(names)}
    pool_of = np.array([code[_pool(name, scope)] for name in rows.names], dtype=np.int64)
    positions, want, had = rows.wants(active)
    level, place = rows.level[positions], rows.place[positions]
    pool = pool_of[place]
    for rank in np.unique(level).tolist():
        mine = level == rank
        for index in range(len(DEVICE_TYPES)):
            found = np.flatnonzero(mine & (want[:, index] > 0))
            found = found[np.argsort(pool[found], kind="stable")]  # by pool, in order
            where = pool[found]
            starts = np.flatnonzero(np.r_[True, where[1:] != where[:-1]]).tolist()
            for start, end in zip(starts, [*starts[1:], found.size], strict=True):
                at = found[start:end]
                who = positions[at]
                group = _Pool(who, place[at], want[at, index], had[at, index], rows.kids[who])
                _fill(stock, plan, order, wanted, group, index, scope, rows)


class _Pool(NamedTuple):
    """The members of one pool (positions, in priority order) and, for each, its
    département's code, what it wants and what it already got of the device, its children:
    NumPy arrays."""

    members: Array
    places: Array
    wants: Array
    had: Array
    kids: Array


def _pool(departement: str, scope: Scope) -> str:
    """The pool a département's structures share in a round of ``scope``: its région in
    the région round, the country ("") in the national one."""
    return departements()[departement].region if scope is Scope.REGION else ""


def _fill(
    stock: _Stock,
    plan: Plan,
    order: list[Structure],
    wanted: list[list[int]],
    pool: _Pool,
    index: int,
    scope: Scope,
    rows: Rows,
) -> None:
    """The région and national rounds of one pool (see ``_hand_out``), one line per
    structure and lot."""
    from .engine import _take

    device = DEVICE_TYPES[index]

    def take(position: int, units: int) -> int:
        got = _take(stock, plan, order[position], device, device, units, scope)
        if got:
            wanted[position][index] -= got
            rows.took(position, index, got)
        return got

    start = len(plan.shipments)
    try:
        _hand_out(stock, order, wanted, pool, index, scope, take, rows)
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


def _hand_out(
    stock: _Stock,
    order: list[Structure],
    wanted: list[list[int]],
    pool: _Pool,
    index: int,
    scope: Scope,
    take: Callable[[int, int], int],
    rows: Rows,
) -> None:
    """The région and national rounds. The units every member can reach (``common``) go
    out at once as the one-at-a-time rule would give them (no member runs dry before they
    are all out); the rest by a heap of (units per child, position)."""
    import numpy as np

    device, names, had, kids = DEVICE_TYPES[index], rows.names, rows.had, rows.children
    # the départements where something is still in reach, and their members
    open_ = [c for c in np.unique(pool.places).tolist() if stock.reachable(device, names[c], scope)]
    keep = _among(np, pool.places, open_, len(names))
    members, codes = pool.members[keep], pool.places[keep]
    if members.size:
        places = [source for source, _ in reach(names[open_[0]], scope)]
        common = stock.common_supply(device, places, {names[c] for c in open_})
        if common:
            for position, units in zip(
                members.tolist(),
                shares(
                    pool.wants[keep].tolist(),
                    pool.kids[keep].tolist(),
                    common,
                    pool.had[keep].tolist(),
                ),
                strict=True,
            ):
                if units:
                    take(position, units)
            # who can still reach anything (most often only some shippers' zones)
            open_ = [c for c in open_ if stock.reachable(device, names[c], scope)]
            still = _among(np, codes, open_, len(names))
            members, codes = members[still], codes[still]
        parts = _apart(stock, device, places, open_, names) if open_ else None
        for part, supply in parts or ():  # no lot within reach of two parts: each on its own
            mine = members[_among(np, codes, part, len(names))]
            mine = mine[rows.want[mine, index] > 0]
            got = shares(
                rows.want[mine, index].tolist(),
                rows.kids[mine].tolist(),
                supply,
                had[mine, index].tolist(),
            )
            for position, units in zip(mine.tolist(), got, strict=True):
                if units:
                    take(position, units)
        if parts:
            open_ = [c for c in open_ if stock.reachable(device, names[c], scope)]
            members = members[_among(np, codes, open_, len(names))]
    members = members[rows.want[members, index] > 0]
    keys = (had[members, index] / rows.kids[members]).tolist()
    heap = list(zip(keys, members.tolist(), strict=True))
    heapq.heapify(heap)
    while heap:
        _, position = heapq.heappop(heap)
        if (device, order[position].departement, scope) in stock.dead:
            continue
        want, have, kid = wanted[position][index], int(had[position, index]), kids[position]
        units = want
        if heap:
            other = heap[0][1]
            # units whose key ((have + j - 1) / kid, position) stays below the next one's
            okids = kids[other]
            gap = int(had[other, index]) * kid - have * okids  # over the other's children
            ahead = gap // okids + 1 if position < other else -(-gap // okids)
            units = min(want, max(ahead, 1))
        if take(position, units) == units and wanted[position][index]:
            heapq.heappush(heap, (int(had[position, index]) / kid, position))


def _apart(
    stock: _Stock, device: DeviceType, places: list[str], codes: list[int], names: list[str]
) -> list[tuple[list[int], int]] | None:
    """The départements still in reach (``codes``) split by the shippers that can serve
    them, with the units each part can get from ``places``, if no shipper with units left
    there serves two parts (else None: the parts compete). Within a part every member then
    reaches the same units, so they go out as the one-at-a-time rule would give them."""
    units: dict[str, int] = {}
    cover: dict[str, Partner | None] = {}
    for source in places:
        for queue in stock.queues.get((device, source), ()):
            left = sum(stock.left[i] for i in queue.lots[queue.head :])
            if left:
                name = "" if queue.partner is None else queue.partner.name
                units[name] = units.get(name, 0) + left
                cover[name] = queue.partner
    for name, partner in cover.items():
        room = stock.capacity[name] if partner is not None else None
        units[name] = units[name] if room is None else min(units[name], room)
    live = [name for name, left in units.items() if left]
    parts: dict[frozenset[str], list[int]] = {}
    for code in codes:
        where = names[code]
        serve = frozenset(name for name in live if _covers(cover[name], where))
        parts.setdefault(serve, []).append(code)
    seen: set[str] = set()
    for serve in parts:
        if serve & seen:
            return None
        seen |= serve
    return [(found, sum(units[name] for name in serve)) for serve, found in parts.items()]


def _among(np: Any, codes: Array, chosen: list[int], size: int) -> Array:
    """Which of ``codes`` (département codes below ``size``) are in ``chosen``."""
    flags = np.zeros(size, dtype=bool)
    flags[chosen] = True
    return flags[codes]


def _covers(partner: Partner | None, departement: str) -> bool:
    return partner is None or partner.covers(departement)


def shares(
    wants: list[int], kids: list[int], supply: int, given: list[int] | None = None
) -> list[int]:
    """What handing out ``supply`` units one at a time to the fewest units per child gives
    each structure (``wants`` and ``kids`` in priority order, ties going to the first;
    ``given``: what each already got), as if it were done unit by unit: the ``supply``
    smallest keys ``((given_i + m) / kids_i, i)``, m < ``wants_i``, found without a loop
    over single units.

    Between the continuous water levels of ``supply - n`` and ``supply`` units lie at most
    about ``2n`` keys: everything below the first is given at once, those keys are sorted
    and the first ones taken until ``supply`` units are out."""
    n = len(wants)
    if supply >= sum(wants):
        return list(wants)
    had = given or [0] * n
    low, high = _level(wants, kids, had, supply - n), _level(wants, kids, had, supply)
    got = [_below(w, k, g, low) for w, k, g in zip(wants, kids, had, strict=True)]
    left = supply - sum(got)
    while True:
        keys = [
            ((had[i] + m) / k, i)
            for i, (w, k) in enumerate(zip(wants, kids, strict=True))
            for m in range(got[i], w)
            if (had[i] + m) / k <= high
        ]
        if len(keys) >= left:
            break
        high = high * 2 + 1  # rounding fell short of the level: look further
    keys.sort()
    for _, i in keys[:left]:
        got[i] += 1
    return got


def _below(want: int, kid: int, had: int, level: float) -> int:
    """How many of a structure's keys ``(had + m) / kid`` (m < ``want``) lie below
    ``level``, counted with the very floats the keys are compared as."""
    count = min(want, max(math.ceil(level * kid) - had, 0))
    while count > 0 and (had + count - 1) / kid >= level:
        count -= 1
    while count < want and (had + count) / kid < level:
        count += 1
    return count


def _level(wants: list[int], kids: list[int], had: list[int], target: int) -> float:
    """The continuous water level λ with ``Σ clamp(λ·kids_i - had_i, 0, wants_i) =
    target`` (0 if the target is not positive): a sweep over where each structure starts
    and stops filling."""
    if target <= 0:
        return 0.0
    events = sorted(
        [(g / k, k) for g, k in zip(had, kids, strict=True)]
        + [((g + w) / k, -k) for w, k, g in zip(wants, kids, had, strict=True)]
    )
    filled, slope, at = 0.0, 0, 0.0
    for point, change in events:
        step = filled + slope * (point - at)
        if slope and step >= target:
            return at + (target - filled) / slope
        filled, at, slope = step, point, slope + change
    return at
