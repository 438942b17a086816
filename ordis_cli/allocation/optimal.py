"""``--method optimal``: a linear program (HiGHS, through ``highspy``) instead of the rounds.

The network is built on aggregates, not on single structures and lots:

- a *supply* node is the lots still available of one device in one département shipped by
  one partner (shippers with neither zone nor capacity share one node), holding their units;
- a *demand* node is the structures of one département, one device and one priority level,
  asking for the sum of what each still wants (net of earlier runs, within ``--cap``);
- an arc joins them when the département is within the scope's reach of the lots and the
  shipper's zone covers it; its cost is the distance; a partner's capacity left in the run
  bounds the flow over all its arcs.

The flows are solved lexicographically: the most units to ``urgente``, then, that total held as
a constraint, the most to ``haute``, then to ``normale``; then the most even sharing by
children within each level, across départements (``evenness``: as close as zones and capacities
allow to what the one-at-a-time rule would give over the level's structures of the country, or
of each région with ``--scope region``); then the fewest device-kilometres. The constraint
matrix is a network (two nested families of rows), so HiGHS's simplex answers in whole units.
Each demand node's inflow is then shared among its structures by children with the equitable
rule (``sharing.shares``), and each supply node's lots are used in the greedy's order (earliest
available, then id). Substitutions stay the greedy's last round, run by the engine afterwards
on what is left.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import DEVICE_TYPES, DeviceType
from ..territory import departements
from .evenness import evenly, fair_targets
from .geography import reach
from .model import PRIORITY_RANK, Partner, Plan, Shipment, Structure
from .policy import Scope
from .sharing import shares

if TYPE_CHECKING:
    import highspy

    from .engine import _Stock

_Supply = tuple[str, str, DeviceType]  # (shipper group, lots' département, device)
_Demand = tuple[str, DeviceType, int]  # (structures' département, device, level)


def optimal_rounds(
    stock: _Stock, plan: Plan, order: list[Structure], wanted: list[list[int]], scope: Scope
) -> None:
    """Plan the whole run at once; ``wanted`` goes down as structures are served."""
    supply, partner_of = _supply(stock)
    demand: dict[_Demand, list[int]] = defaultdict(list)
    for position, structure in enumerate(order):
        for index, device in enumerate(DEVICE_TYPES):
            if wanted[position][index]:
                level = PRIORITY_RANK.get(structure.priority, 2)
                demand[(structure.departement, device, level)].append(position)
    sources: dict[DeviceType, list[_Supply]] = defaultdict(list)
    for key in sorted(supply):
        sources[key[2]].append(key)
    arcs: list[tuple[_Supply, _Demand, float]] = []
    for target in sorted(demand):
        place, device, _ = target
        near = dict(reach(place, scope))
        for source in sources.get(device, ()):
            partner = partner_of[source[0]]
            if source[1] in near and (partner is None or partner.covers(place)):
                arcs.append((source, target, near[source[1]]))
    if not arcs:
        return
    need = {
        key: sum(wanted[p][DEVICE_TYPES.index(key[1])] for p in members)
        for key, members in demand.items()
    }
    units = {s: sum(stock.left[i] for i in lots) for s, lots in supply.items()}

    def even(inflow: dict[_Demand, float]) -> dict[_Demand, int]:
        if scope is Scope.DEPARTEMENT:  # each département its own area: nothing to even out
            return {}
        return fair_targets(order, wanted, demand, inflow, scope)

    flows = _solve(arcs, units, need, partner_of, stock.capacity, even)
    _hand_out(stock, plan, order, wanted, supply, demand, arcs, flows, partner_of)


def _supply(
    stock: _Stock,
) -> tuple[dict[_Supply, list[int]], dict[str, Partner | None]]:
    """The lots available now, grouped, each group in the order the greedy takes them."""
    groups: dict[_Supply, list[int]] = defaultdict(list)
    partner_of: dict[str, Partner | None] = {}
    for queues in stock.queues.values():
        for queue in queues:
            for index in queue.lots[queue.head :]:
                if stock.left[index]:
                    lot, partner = stock.lots[index], queue.partner
                    name = "" if partner is None else partner.name
                    partner_of[name] = partner
                    groups[(name, lot.departement, lot.device)].append(index)
    for lots in groups.values():
        lots.sort(key=lambda i: stock.rank[i])
    return groups, partner_of


def _solve(
    arcs: list[tuple[_Supply, _Demand, float]],
    units: dict[_Supply, int],
    need: dict[_Demand, int],
    partner_of: dict[str, Partner | None],
    capacity: dict[str, int | None],
    even: Callable[[dict[_Demand, float]], dict[_Demand, int]],
) -> list[int]:
    import highspy
    import numpy as np

    rows: dict[object, int] = {}
    lower: list[float] = []
    upper: list[float] = []

    def row(key: object, bound: int) -> int:
        if key not in rows:
            rows[key] = len(rows)
            lower.append(0.0)
            upper.append(float(bound))
        return rows[key]

    starts, index = [0], []
    for source, target, _ in arcs:
        index += [row(("s", source), units[source]), row(("d", target), need[target])]
        room = capacity.get(source[0]) if partner_of[source[0]] is not None else None
        if room is not None:
            index.append(row(("p", source[0]), room))
        starts.append(len(index))
    n = len(arcs)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, len(rows)
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = np.array(lower), np.array(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(len(index))
    highs = _highs()
    highs.setOptionValue("solver", "simplex")
    # primal simplex: each level's total, added as a row, keeps the last optimum feasible, so
    # every level's solve after the first starts from a feasible basis
    highs.setOptionValue("simplex_strategy", 4)
    highs.passModel(lp)
    every = np.arange(n, dtype=np.int32)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for level in range(3):
        mine = np.array([i for i, arc in enumerate(arcs) if arc[1][2] == level], dtype=np.int32)
        if not len(mine):
            continue
        costs = np.zeros(n)
        costs[mine] = 1.0
        highs.changeColsCost(n, every, costs)
        highs.run()
        best = round(highs.getInfo().objective_function_value)
        highs.addRow(float(best), highspy.kHighsInf, len(mine), mine, np.ones(len(mine)))
    highs.changeObjectiveSense(highspy.ObjSense.kMinimize)
    # the evenness rows start violated: from there the dual simplex is faster; the kilometres
    # start from its optimum, feasible again, with the primal (at 1,000,000 structures 7 s
    # against 20 s for the dual; at 100,000 the dual is faster, 10 s against 13 s)
    highs.setOptionValue("simplex_strategy", 1)
    m = evenly(highs, arcs, even)
    highs.setOptionValue("simplex_strategy", 4)
    highs.changeColsCost(
        n + m, np.arange(n + m, dtype=np.int32), np.r_[[arc[2] for arc in arcs], np.zeros(m)]
    )
    highs.run()
    values = highs.getSolution().col_value[:n]
    flows = [round(v) for v in values]
    if any(abs(v - f) > 1e-6 for v, f in zip(values, flows, strict=True)):
        flows = _whole(highs, n)
    return flows


def _highs() -> highspy.Highs:
    """A solver that prints nothing: HiGHS writes its banner straight to the process's
    standard output when it is made, which would spoil ``--format json``."""
    import highspy

    sys.stdout.flush()
    saved, sink = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(sink, 1)
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(sink)
    highs.setOptionValue("output_flag", False)
    return highs


def _whole(highs: highspy.Highs, n: int) -> list[int]:
    """Should the simplex ever stop on a fractional vertex: the same program in integers."""
    import highspy
    import numpy as np

    highs.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    highs.setOptionValue("solver", "choose")
    highs.run()
    return [round(v) for v in highs.getSolution().col_value[:n]]


def _hand_out(
    stock: _Stock,
    plan: Plan,
    order: list[Structure],
    wanted: list[list[int]],
    supply: dict[_Supply, list[int]],
    demand: dict[_Demand, list[int]],
    arcs: list[tuple[_Supply, _Demand, float]],
    flows: list[int],
    partner_of: dict[str, Partner | None],
) -> None:
    """Turn the flows into shipment lines: each demand node's inflow shared by children among
    its structures (priority order breaking ties), its arcs nearest first, lots in order."""
    into: dict[_Demand, list[tuple[float, _Supply, int]]] = defaultdict(list)
    for (source, target, distance), flow in zip(arcs, flows, strict=True):
        if flow > 0:
            into[target].append((distance, source, flow))
    heads: dict[_Supply, int] = dict.fromkeys(supply, 0)
    regions = {code: dept.region for code, dept in departements().items()}
    for target in sorted(into):
        place, device, _ = target
        index = DEVICE_TYPES.index(device)
        members = demand[target]
        incoming = sorted(into[target])
        got = shares(
            [wanted[p][index] for p in members],
            [order[p].kids for p in members],
            sum(flow for _, _, flow in incoming),
        )
        arc = 0
        for position, units in zip(members, got, strict=True):
            wanted[position][index] -= units
            while units:
                distance, source, flow = incoming[arc]
                lots, head = supply[source], heads[source]
                while not stock.left[lots[head]]:
                    head += 1
                heads[source] = head
                lot = lots[head]
                take = min(units, flow, stock.left[lot])
                stock.left[lot] -= take
                shipper = stock.shippers[lot]
                room = stock.capacity.get(shipper.name)
                if room is not None and partner_of[source[0]] is not None:
                    stock.capacity[shipper.name] = room - take
                units -= take
                incoming[arc] = (distance, source, flow - take)
                if flow == take:
                    arc += 1
                origin = stock.lots[lot].departement
                plan.shipments.append(
                    Shipment(
                        stock.lots[lot].id,
                        order[position].id,
                        device,
                        device,
                        take,
                        shipper.name,
                        _round(origin, place, regions),
                        distance,
                    )
                )


def _round(origin: str, place: str, regions: dict[str, str]) -> Scope:
    """The scope a distance falls in: same département, same région, or the country."""
    if origin == place:
        return Scope.DEPARTEMENT
    return Scope.REGION if regions[origin] == regions[place] else Scope.NATIONAL
