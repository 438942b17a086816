"""``--method optimal``, the stage after the levels' totals: the most even sharing by
children within a level (SPEC §4), wherever its structures are within the scope.

The units the level stages gave a level of a device in a scope's area (the country, a
région with ``--scope region``) are shared over all the level's structures there as the
one-at-a-time rule would if every lot of the area could reach every structure of it
(``fair_targets``: one target per demand node, the sum of its structures' shares). The
solver then comes as close to those targets as zones, capacities and scope allow: one column
``short`` per node, a row ``inflow + short >= target``, the total short minimised and then
held, so that the kilometres, minimised last, never undo it (``evenly``). When every target
is met, each structure gets exactly what the one-at-a-time rule over its whole level gives
(a node's inflow is then shared among its structures by ``sharing.shares``, which picks the
same units).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import chain
from typing import TYPE_CHECKING

from ..models import DEVICE_TYPES, DeviceType
from ..territory import departements
from .model import Structure
from .policy import Scope

if TYPE_CHECKING:
    import highspy

_Supply = tuple[str, str, DeviceType]  # (shipper group, lots' département, device)
_Demand = tuple[str, DeviceType, int]  # (structures' département, device, level)


def fair_targets(
    order: list[Structure],
    wanted: list[list[int]],
    demand: dict[_Demand, list[int]],
    inflow: dict[_Demand, float],
    scope: Scope,
) -> dict[_Demand, int]:
    """What each demand node would get if the units its level (of its device) received in
    its area (``inflow``, by node, summed over the area) were shared by children over all
    the level's structures of the area, one unit at a time (``sharing.shares`` over all of
    them, in priority order): the sum of its members' shares."""
    import numpy as np

    from .local import grouped_shares

    def area(node: _Demand) -> tuple[DeviceType, int, str]:
        where = departements()[node[0]].region if scope is Scope.REGION else ""
        return node[1], node[2], where

    served: dict[tuple[DeviceType, int, str], float] = defaultdict(float)
    for key, units in inflow.items():
        served[area(key)] += units
    areas = sorted(key for key, units in served.items() if round(units) > 0)
    number = {key: at for at, key in enumerate(areas)}
    chosen = sorted(node for node in demand if area(node) in number)
    if not chosen:
        return {}
    want = np.fromiter(chain.from_iterable(wanted), np.int64, 4 * len(wanted)).reshape(-1, 4)
    kids = np.fromiter((structure.kids for structure in order), np.float64, len(order))
    # members by area, then by position: each pool in priority order
    sizes = [len(demand[node]) for node in chosen]
    positions = np.fromiter(chain.from_iterable(demand[n] for n in chosen), np.int64, sum(sizes))
    owner = np.repeat(np.arange(len(chosen)), sizes)
    pool = np.array([number[area(n)] for n in chosen], dtype=np.int64)[owner]
    device = np.array([DEVICE_TYPES.index(n[1]) for n in chosen], dtype=np.int64)[owner]
    ranked = np.lexsort((positions, pool))
    positions, owner, pool, device = positions[ranked], owner[ranked], pool[ranked], device[ranked]
    starts = np.flatnonzero(np.r_[True, pool[1:] != pool[:-1]])
    supply = [round(served[areas[at]]) for at in pool[starts].tolist()]
    got = grouped_shares(
        np,
        want[positions, device],
        kids[positions],
        starts,
        np.array(supply, dtype=np.int64),
    )
    totals = np.bincount(owner, weights=got, minlength=len(chosen))
    return {key: round(units) for key, units in zip(chosen, totals.tolist(), strict=True)}


def evenly(
    highs: highspy.Highs,
    arcs: list[tuple[_Supply, _Demand, float]],
    even: Callable[[dict[_Demand, float]], dict[_Demand, int]],
) -> int:
    """The stage after the levels' totals: the most even sharing by children within each
    level. The units each level got of each device in an area are shared over the level's
    structures of the area as the one-at-a-time rule would (``even``: a target per demand
    node); a column ``short`` per node with a target and a row ``inflow + short >= target``;
    the total short is minimised and then held (a row), so the kilometres come last.
    Returns the columns added."""
    import highspy
    import numpy as np

    n = len(arcs)
    inflow: dict[_Demand, float] = defaultdict(float)
    for arc, value in zip(arcs, highs.getSolution().col_value[:n], strict=True):
        inflow[arc[1]] += value
    targets = even(inflow)
    nodes = sorted(key for key, units in targets.items() if units > 0)
    if not nodes:
        return 0
    m = len(nodes)
    nothing = np.zeros(0, dtype=np.int32)
    highs.addCols(
        m, np.ones(m), np.zeros(m), np.full(m, highspy.kHighsInf), 0, nothing, nothing, []
    )
    into: dict[_Demand, list[int]] = defaultdict(list)
    for at, arc in enumerate(arcs):
        into[arc[1]].append(at)
    starts: list[int] = []
    index: list[int] = []
    for row, node in enumerate(nodes):
        starts.append(len(index))
        index += [*into[node], n + row]
    highs.changeColsCost(n, np.arange(n, dtype=np.int32), np.zeros(n))
    highs.addRows(
        m,
        np.array([float(targets[node]) for node in nodes]),
        np.full(m, highspy.kHighsInf),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.ones(len(index)),
    )
    highs.run()
    short = round(highs.getInfo().objective_function_value)
    mine = np.arange(n, n + m, dtype=np.int32)
    highs.addRow(-highspy.kHighsInf, float(short), m, mine, np.ones(m))
    return m
