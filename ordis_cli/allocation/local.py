"""The département round of fair shares, with NumPy: every pool of one level and one device
at once.

In the département round every member of a pool (one level, one device, one département)
sees the same lots, so each pool's supply is known before anyone takes: the shares are the
``supply`` smallest keys ``(m / kids_i, i)`` (``sharing.shares``), found here for all the
pools of a level and a device together (``grouped_shares``, water-filling on sorted arrays:
no loop over pools, members or units), then each pool's members take their shares in one
walk over its lots (``walk``).

A shipper's capacity is shared by every département: when one pool's walk uses it up, a later
pool's supply shrinks. Each pool's supply is therefore read again just before its walk; if it
changed, that pool's shares are computed again (``sharing.shares``) with what is left, as the
one-pool-at-a-time rule does.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..models import DEVICE_TYPES
from .model import PRIORITY_RANK, Plan, Shipment, Structure
from .policy import Scope

if TYPE_CHECKING:
    from .engine import _Stock

Array = Any  # numpy arrays (numpy is imported only when a run shares fairly)


class Rows:
    """What fair shares read of every position, as arrays made once per run: its level (the
    positions are in priority order, so each level is a run of positions), its département
    (a code, in the order of the départements' codes), its children, and what it still
    wants (kept up to date beside ``wanted``) and already got of each device (``took``):
    turning 100,000 lists into arrays again each round cost more than the sharing itself."""

    def __init__(self, order: list[Structure], wanted: list[list[int]]) -> None:
        import numpy as np

        self.np = np

        def rank(structure: Structure) -> int:
            return PRIORITY_RANK.get(structure.priority, 2)

        bounds = [0, *(bisect_left(order, at, key=rank) for at in (1, 2)), len(order)]
        self.level = np.repeat(np.arange(3, dtype=np.int64), np.diff(bounds))
        places = [structure.departement for structure in order]
        self.names = sorted(set(places))
        code = {name: at for at, name in enumerate(self.names)}
        self.place = np.fromiter(map(code.__getitem__, places), np.int64, len(places))
        children = np.fromiter((s.children or 0 for s in order), np.int64, len(order))
        self.kids = np.where(children > 0, children, 1)  # ``Structure.kids``
        self.children: list[int] = self.kids.tolist()
        flat = np.fromiter(chain.from_iterable(wanted), np.int64, 4 * len(wanted))
        self.want = flat.reshape(-1, 4)
        self.had = np.zeros_like(self.want)

    def wants(self, active: list[int]) -> tuple[Array, Array, Array]:
        """The active positions, what each still wants and what each got (one column per
        device)."""
        positions = self.np.array(active, dtype=self.np.int64)
        return positions, self.want[positions], self.had[positions]

    def took(self, positions: Array | int, index: int, units: Array | int) -> None:
        """Positions took units of the device ``index``."""
        self.want[positions, index] -= units
        self.had[positions, index] += units


def local_round(
    stock: _Stock,
    plan: Plan,
    order: list[Structure],
    wanted: list[list[int]],
    active: list[int],
    rows_: Rows,
) -> None:
    """The département round: level by level, device by device, département by département
    (in code order), as ``sharing.share_round`` orders its pools."""
    from .sharing import shares

    if not active:
        return
    np = rows_.np
    positions, want, _ = rows_.wants(active)
    level, place = rows_.level[positions], rows_.place[positions]
    children = rows_.kids[positions].astype(np.float64)
    names = rows_.names
    dead = stock.dead
    for rank in np.unique(level).tolist():
        mine = level == rank
        for index, device in enumerate(DEVICE_TYPES):
            rows = np.flatnonzero(mine & (want[:, index] > 0))
            if not rows.size:
                continue
            rows = rows[np.argsort(place[rows], kind="stable")]  # by département, in order
            where = place[rows]
            starts = np.flatnonzero(np.r_[True, where[1:] != where[:-1]])
            pools = [names[at] for at in where[starts].tolist()]
            supply = [
                0 if (device, name, Scope.DEPARTEMENT) in dead else stock.supply(device, name)
                for name in pools
            ]
            units = grouped_shares(
                np, want[rows, index], children[rows], starts, np.array(supply, dtype=np.int64)
            ).tolist()
            members = positions[rows].tolist()
            ends = [*starts[1:].tolist(), rows.size]
            for name, start, end, planned in zip(pools, starts.tolist(), ends, supply, strict=True):
                if not planned:
                    continue
                now = stock.supply(device, name)
                group, got = members[start:end], units[start:end]
                if now != planned:  # a shipper's capacity ran out in an earlier pool
                    if not now:
                        continue
                    kids = rows_.children
                    got = shares([wanted[p][index] for p in group], [kids[p] for p in group], now)
                gave = walk(stock, plan, order, wanted, group, got, index, name)
                rows_.took(positions[rows[start:end]], index, np.array(gave, dtype=np.int64))


def walk(
    stock: _Stock,
    plan: Plan,
    order: list[Structure],
    wanted: list[list[int]],
    members: list[int],
    units: list[int],
    index: int,
    where: str,
) -> list[int]:
    """One pool of the département round: each member takes its share, in priority order,
    from the lots of its own département in the order the greedy takes them (earliest
    available, then id), skipping lots used up and shippers at capacity: what one ``_take``
    per member would do, in one walk over the lots. Returns what each member took."""
    device = DEVICE_TYPES[index]
    left, rank, shippers, capacity = stock.left, stock.rank, stock.shippers, stock.capacity
    lots = sorted(
        (
            lot
            for queue in stock.queues.get((device, where), ())
            if queue.partner is None or queue.partner.covers(where)
            for lot in queue.lots[queue.head :]
            if left[lot]
        ),
        key=rank.__getitem__,
    )
    records, shipments, scope = stock.lots, plan.shipments, Scope.DEPARTEMENT
    at, end = 0, len(lots)
    gave = [0] * len(members)
    for member, (position, share) in enumerate(zip(members, units, strict=True)):
        if not share:
            continue
        structure_id, need = order[position].id, share
        while need and at < end:
            lot = lots[at]
            name = shippers[lot].name
            room, have = capacity[name], left[lot]
            if not have or room == 0:
                at += 1
                continue
            unit = min(need, have) if room is None else min(need, have, room)
            left[lot] = have - unit
            if room is not None:
                capacity[name] = room - unit
            need -= unit
            shipments.append(
                Shipment(records[lot].id, structure_id, device, device, unit, name, scope, 0.0)
            )
        wanted[position][index] -= share - need
        gave[member] = share - need
    return gave


def grouped_shares(np: Any, wants: Array, kids: Array, starts: Array, supply: Array) -> Array:
    """``sharing.shares`` for many pools at once, none of them having had anything yet:
    ``wants`` and ``kids`` (floats) of the members, pool by pool, each pool's members in
    priority order; ``starts``: where each pool begins; ``supply``: one per pool.

    Each short pool's continuous water levels for ``supply - n`` and ``supply`` units are
    found on its members sorted by ``want / kids``; below the first, every key is given; the
    keys between the two (at most about ``2n`` per pool) are sorted by (pool, key, member)
    and each pool's first ones taken. A pool where float rounding would leave the bounds in
    doubt is computed by ``sharing.shares`` instead."""
    from .sharing import shares

    n = wants.size
    sizes = np.diff(np.r_[starts, n])
    pool = np.repeat(np.arange(starts.size), sizes)
    total = np.add.reduceat(wants, starts)
    full = supply >= total
    units = np.where(full[pool], wants, 0)
    short = np.flatnonzero(~full & (supply > 0))
    if not short.size:
        return units
    rows = np.flatnonzero(np.isin(pool, short))
    w, k = wants[rows], kids[rows]
    counts = sizes[short]
    first = np.r_[0, np.cumsum(counts)[:-1]]
    mine = np.repeat(np.arange(short.size), counts)
    target = supply[short]
    low = _count(np, w, k, _level(np, w, k, mine, first, target - counts)[mine], False)
    high = _count(np, w, k, _level(np, w, k, mine, first, target)[mine], True)
    high = np.maximum(high, low)
    extra = high - low
    at = np.repeat(np.arange(w.size), extra)
    offset = np.arange(at.size) - np.repeat(np.cumsum(extra) - extra, extra)
    keys = (low[at] + offset) / k[at]
    ranked = np.lexsort((at, keys, mine[at]))
    at = at[ranked]
    group = mine[at]
    begin = np.searchsorted(group, np.arange(short.size))
    rest = target - np.add.reduceat(low, first)
    taken = (np.arange(at.size) - begin[group]) < rest[group]
    got = low + np.bincount(at[taken], minlength=w.size)
    units[rows] = got
    doubtful = (rest < 0) | (np.add.reduceat(high, first) < target)
    for bad in np.flatnonzero(doubtful).tolist():
        span = rows[first[bad] : first[bad] + counts[bad]]
        units[span] = shares(wants[span].tolist(), kids[span].astype(int).tolist(), target[bad])
    return units


def _level(np: Any, w: Array, k: Array, pool: Array, first: Array, target: Array) -> Array:
    """Per pool, the continuous water level λ with ``Σ min(λ·kids_i, want_i) = target``
    (0 where the target is not positive); every pool is short (``target < Σ want``)."""
    ends = w / k
    ranked = np.lexsort((ends, pool))
    ws, ks, es = w[ranked], k[ranked], ends[ranked]
    sizes = np.diff(np.r_[first, w.size])
    upto_w, upto_k = np.cumsum(ws), np.cumsum(ks)
    upto_w -= np.repeat(upto_w[first] - ws[first], sizes)  # within the pool, this one included
    upto_k -= np.repeat(upto_k[first] - ks[first], sizes)
    after_k = np.add.reduceat(ks, first)[pool] - upto_k  # children of those still filling
    filled = upto_w + es * after_k  # units out when this member is full
    below = np.add.reduceat((filled < target[pool]).astype(np.int64), first)
    at = np.minimum(first + below, first + sizes - 1)
    level = (target - (upto_w[at] - ws[at])) / (after_k[at] + ks[at])
    return np.where(target > 0, np.maximum(level, 0.0), 0.0)


def _count(np: Any, w: Array, k: Array, level: Array, inclusive: bool) -> Array:
    """How many of each member's keys ``m / kids`` (m < want) lie below ``level`` (or at
    it, ``inclusive``), counted with the very floats the keys are compared as."""
    count = np.clip(np.ceil(level * k), 0, w).astype(np.int64)
    for _ in range(2):
        keys = (count - 1) / k
        over = (count > 0) & ((keys > level) if inclusive else (keys >= level))
        count -= over
    for _ in range(2):
        keys = count / k
        under = (count < w) & ((keys <= level) if inclusive else (keys < level))
        count += under
    return count
