"""``--method optimal``, the stage after the levels' totals: the most even sharing by
children within a level (SPEC §4), wherever in the country its structures are.

The units the level stages gave a level of a device are shared over all the level's
structures as the one-at-a-time rule would if every lot could reach every structure
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
from .model import Structure

if TYPE_CHECKING:
    import highspy

_Supply = tuple[str, str, DeviceType]  # (shipper group, lots' département, device)
_Demand = tuple[str, DeviceType, int]  # (structures' département, device, level)


def fair_targets(
    order: list[Structure],
    wanted: list[list[int]],
    demand: dict[_Demand, list[int]],
    served: dict[tuple[DeviceType, int], int],
) -> dict[_Demand, int]:
    """What each demand node would get if the units ``served`` to a level (of a device) were
    shared by children over the whole level, wherever its structures are, one unit at a time
    (``sharing.shares`` over all of them, in priority order): the sum of its members'
    shares."""
    import numpy as np

    from .local import grouped_shares

    chosen = sorted(node for node in demand if served.get((node[1], node[2]), 0) > 0)
    if not chosen:
        return {}
    want = np.fromiter(chain.from_iterable(wanted), np.int64, 4 * len(wanted)).reshape(-1, 4)
    kids = np.fromiter((structure.kids for structure in order), np.float64, len(order))
    # members by (device, level), then by position: each pool in priority order
    sizes = [len(demand[node]) for node in chosen]
    positions = np.fromiter(chain.from_iterable(demand[n] for n in chosen), np.int64, sum(sizes))
    node = np.repeat(np.arange(len(chosen)), sizes)
    device = np.array([DEVICE_TYPES.index(n[1]) for n in chosen], dtype=np.int64)[node]
    level = np.array([n[2] for n in chosen], dtype=np.int64)[node]
    pool = device * 3 + level
    ranked = np.lexsort((positions, pool))
    positions, node, pool = positions[ranked], node[ranked], pool[ranked]
    starts = np.flatnonzero(np.r_[True, pool[1:] != pool[:-1]])
    supply = [served[(DEVICE_TYPES[at // 3], at % 3)] for at in pool[starts].tolist()]
    got = grouped_shares(
        np,
        want[positions, pool // 3],
        kids[positions],
        starts,
        np.array(supply, dtype=np.int64),
    )
    totals = np.bincount(node, weights=got, minlength=len(chosen))
    return {key: round(units) for key, units in zip(chosen, totals.tolist(), strict=True)}


def evenly(
    highs: highspy.Highs,
    arcs: list[tuple[_Supply, _Demand, float]],
    even: Callable[[dict[tuple[DeviceType, int], int]], dict[_Demand, int]],
) -> int:
    """The stage after the levels' totals: the most even sharing by children within each
    level. The units each level got of each device are shared over the whole level as the
    one-at-a-time rule would (``even``: a target per demand node); a column ``short`` per
    node with a target and a row ``inflow + short >= target``; the total short is minimised
    and then held (a row), so the kilometres come last. Returns the columns added."""
    import highspy
    import numpy as np

    n = len(arcs)
    values = np.asarray(highs.getSolution().col_value[:n])
    keys = [(arc[1][1], arc[1][2]) for arc in arcs]
    served: dict[tuple[DeviceType, int], float] = defaultdict(float)
    for key, value in zip(keys, values.tolist(), strict=True):
        served[key] += value
    targets = even({key: round(total) for key, total in served.items()})
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
