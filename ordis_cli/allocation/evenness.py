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

    groups: dict[tuple[DeviceType, int], list[tuple[int, _Demand]]] = defaultdict(list)
    for node, members in demand.items():
        if served.get((node[1], node[2]), 0) > 0:
            groups[(node[1], node[2])] += [(position, node) for position in members]
    wants: list[int] = []
    kids: list[int] = []
    nodes: list[_Demand] = []
    starts: list[int] = []
    supply: list[int] = []
    for (device, level), pool in sorted(groups.items()):
        pool.sort()  # positions: the priority order
        index = DEVICE_TYPES.index(device)
        starts.append(len(wants))
        supply.append(served[(device, level)])
        wants += [wanted[p][index] for p, _ in pool]
        kids += [order[p].kids for p, _ in pool]
        nodes += [node for _, node in pool]
    if not wants:
        return {}
    got = grouped_shares(
        np,
        np.array(wants, dtype=np.int64),
        np.array(kids, dtype=np.float64),
        np.array(starts, dtype=np.int64),
        np.array(supply, dtype=np.int64),
    ).tolist()
    targets: dict[_Demand, int] = defaultdict(int)
    for key, units in zip(nodes, got, strict=True):
        targets[key] += units
    return targets


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
