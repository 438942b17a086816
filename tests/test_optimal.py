"""``--method optimal``: SPEC §4's invariants hold as they do for the greedy, and the units it
gives each priority level are the lexicographic optimum found by an independent linear program
(one variable per structure and lot, ``scipy.optimize.linprog``)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ordis_cli.allocation import Lot, Partner, Plan, Policy, Structure, allocate
from ordis_cli.allocation.geography import reach
from ordis_cli.allocation.policy import Method, Scope, Share
from ordis_cli.models import DEVICE_TYPES, DeviceType
from ordis_cli.names import name_key

from .allocation_cases import (
    DAY,
    LEVELS,
    LOT_SIZES,
    Instance,
    laptop_pools,
    levels_share_one_at_a_time,
    lot_lists,
    one_at_a_time,
    scope_and_cap,
    structure_lists,
    the_order_of_rows_changes_nothing,
    units,
)
from .conftest import summary
from .depth import examples
from .processes import ROOT, run_benchmark
from .test_allocation import (
    DEPTS,
    SHIPPERS,
    _check_invariants,
    instances,
    partners_st,
    runs_on_top_keep_the_invariants,
)

OPTIMAL = Method.OPTIMAL


def _by_level(plan: Plan, structures: list[Structure]) -> dict[str, int]:
    level = {s.id: s.priority for s in structures}
    found: Counter[str] = Counter()
    for line in plan.shipments:
        if line.round != "substitution":
            found[level[line.structure_id]] += line.quantity
    return {name: found[name] for name in LEVELS}


@settings(max_examples=examples(40), deadline=None)
@given(instances)
def test_invariants_hold_with_the_solver(case: Instance) -> None:
    structures, lots, partners, policy = case.under(method=OPTIMAL)
    plan = allocate(structures, lots, partners, policy)
    _check_invariants(structures, lots, partners, policy, plan, {}, {})
    for line in plan.shipments:
        assert line.round in (*Scope, "substitution") and line.distance_km >= 0


@settings(max_examples=examples(25), deadline=None)
@given(instances, st.randoms(use_true_random=False))
def test_solver_plan_is_deterministic_and_ignores_row_order(
    case: Instance, rng: random.Random
) -> None:
    the_order_of_rows_changes_nothing(case.under(method=OPTIMAL), rng)


@settings(max_examples=examples(25), deadline=None)
@given(instances, st.data())
def test_solver_takes_earlier_runs_into_account(case: Instance, data: st.DataObject) -> None:
    runs_on_top_keep_the_invariants(case.under(method=OPTIMAL), data)


def _reference(
    structures: list[Structure], lots: list[Lot], partners: dict[str, Partner], policy: Policy
) -> dict[str, int]:
    """The lexicographic optimum by level, from a plain LP: one variable per (structure,
    type, lot) the lot may serve; rows: each structure's request of a type (within the cap),
    each lot's quantity, each partner's capacity."""
    import numpy as np
    from scipy.optimize import linprog

    usable = [lot for lot in lots if lot.available_on is None or lot.available_on <= policy.date]
    arcs: list[tuple[int, int, int]] = []  # (structure, type, lot)
    for s, structure in enumerate(structures):
        near = {code for code, _ in reach(structure.departement, policy.scope)}
        for t, device in enumerate(DEVICE_TYPES):
            if not structure.need[t]:
                continue
            for n, lot in enumerate(usable):
                partner = partners.get(name_key(lot.shipper))
                if (
                    lot.device == device
                    and lot.departement in near
                    and (partner is None or partner.covers(structure.departement))
                ):
                    arcs.append((s, t, n))
    if not arcs:
        return dict.fromkeys(LEVELS, 0)
    rows: list[list[int]] = []
    bounds: list[float] = []
    for s, structure in enumerate(structures):
        for t in range(4):
            rows.append([k for k, arc in enumerate(arcs) if arc[:2] == (s, t)])
            cap = policy.cap if policy.cap is not None else structure.need[t]
            bounds.append(min(structure.need[t], cap))
    for n, lot in enumerate(usable):
        rows.append([k for k, arc in enumerate(arcs) if arc[2] == n])
        bounds.append(lot.quantity)
    for partner in partners.values():
        if partner.capacity is not None:
            mine = [
                k
                for k, arc in enumerate(arcs)
                if name_key(usable[arc[2]].shipper) == name_key(partner.name)
            ]
            rows.append(mine)
            bounds.append(partner.capacity)
    matrix = np.zeros((len(rows), len(arcs)))
    for r, members in enumerate(rows):
        matrix[r, members] = 1.0
    found: dict[str, int] = {}
    for level in LEVELS:
        gain = np.array([-1.0 if structures[a[0]].priority == level else 0.0 for a in arcs])
        result = linprog(gain, A_ub=matrix, b_ub=np.array(bounds), bounds=(0, None))
        assert result.status == 0
        found[level] = round(-result.fun)
        matrix = np.vstack([matrix, gain])  # keep this level's total: -Σ x ≤ -best
        bounds.append(-found[level])
    return found


# Small instances where zones and capacities bite: few départements, many lots per shipper.
small_structures = structure_lists(
    DEPTS[:6], st.tuples(*[st.integers(0, 8)] * 4), ids="ABCDEF", children=10, max_size=12
)
small_lots = lot_lists(DEPTS[:6], SHIPPERS, most=12, max_size=12, devices=DEVICE_TYPES[:2])


@settings(max_examples=examples(30), deadline=None)
@given(small_structures, small_lots, partners_st, scope_and_cap(5))
def test_units_by_level_are_the_lexicographic_optimum(
    structures: list[Structure], lots: list[Lot], partners: dict[str, Partner], policy: Policy
) -> None:
    plan = allocate(structures, lots, partners, policy.model_copy(update={"method": OPTIMAL}))
    assert _by_level(plan, structures) == _reference(structures, lots, partners, policy)
    for share in Share:
        greedy = allocate(structures, lots, partners, policy.model_copy(update={"share": share}))
        assert _by_level(plan, structures)["urgente"] >= _by_level(greedy, structures)["urgente"]


def test_solver_serves_more_urgent_units_than_the_greedy_when_zones_bite() -> None:
    """The greedy hands Paris's own lot to the Paris structure; the solver sees that the
    partner who alone covers Marseille should keep its lot for it."""
    structures = [
        Structure("P", "75", (3, 0, 0, 0), "urgente", requested_on=dt.date(2020, 3, 1)),
        Structure("M", "13", (3, 0, 0, 0), "urgente"),
    ]
    lots = [
        Lot("1", DeviceType.LAPTOP, 3, "75", "Sud"),
        Lot("2", DeviceType.LAPTOP, 3, "93", "Relais"),
    ]
    partners = {
        "sud": Partner("Sud", frozenset({"13", "75"}), None),
        "relais": Partner("Relais", frozenset({"75", "92", "93"}), None),
    }
    policy = Policy(date=DAY)
    for share in Share:
        greedy = allocate(structures, lots, partners, policy.model_copy(update={"share": share}))
        assert _by_level(greedy, structures)["urgente"] == 3
    best = allocate(structures, lots, partners, policy.model_copy(update={"method": OPTIMAL}))
    assert _by_level(best, structures)["urgente"] == 6
    served = {line.structure_id: line.lot_id for line in best.shipments}
    assert served == {"M": "1", "P": "2"}
    assert not best.unmet


def test_solver_shares_a_level_by_children_across_departements() -> None:
    """Two départements' urgent structures compete for one lot of a third: the greedy's
    région round gives it to Ain's (same région as the Rhône), the solver shares it by
    children over the whole level, as handing it out one unit at a time would."""
    structures = [
        Structure("A1", "01", (20, 0, 0, 0), "urgente", children=10),
        Structure("A2", "01", (20, 0, 0, 0), "urgente", children=30),
        Structure("B1", "13", (20, 0, 0, 0), "urgente", children=20),
        Structure("B2", "13", (20, 0, 0, 0), "urgente", children=5),
    ]
    lots = [Lot("L", DeviceType.LAPTOP, 30, "69", "X")]
    greedy = units(allocate(structures, lots, {}, Policy(date=DAY)))
    assert greedy == {"A1": 10, "A2": 20}
    best = units(allocate(structures, lots, {}, Policy(date=DAY, method=OPTIMAL)))
    members = sorted(structures, key=Structure.order_key)
    expected = one_at_a_time([20] * 4, [s.kids for s in members], 30)
    assert [best.get(s.id, 0) for s in members] == expected
    assert best == {"A1": 5, "A2": 13, "B1": 9, "B2": 3}


@settings(max_examples=examples(20), deadline=None)
@given(laptop_pools(["01", "13", "59", "75"], LEVELS, fewest=1, children=40, most=14), LOT_SIZES)
def test_solver_shares_each_level_evenly_by_children(
    pool: list[tuple[str, int, int | None, str]], lots: list[int]
) -> None:
    """Lots every structure can reach (national scope, no zone, no capacity): whatever
    their départements, each level's structures get what handing the units left for that
    level out one at a time by units per child gives (computed here, unit by unit)."""
    levels_share_one_at_a_time(pool, lots, "69", LEVELS, method=OPTIMAL)


@pytest.mark.parametrize("method", list(Method))
def test_substitutions_still_come_last(method: Method) -> None:
    structures = [Structure("A", "75", (0, 4, 0, 0), "urgente")]
    lots = [Lot("1", DeviceType.DESKTOP, 1, "75", "R"), Lot("2", DeviceType.LAPTOP, 5, "75", "R")]
    policy = Policy(
        date=DAY, method=method, substitutions={DeviceType.DESKTOP: (DeviceType.LAPTOP,)}
    )
    plan = allocate(structures, lots, {}, policy)
    assert [(line.lot_id, line.quantity, line.round) for line in plan.shipments] == [
        ("1", 1, Scope.DEPARTEMENT),
        ("2", 3, "substitution"),
    ]


def test_allocate_with_the_solver_on_the_sample(tmp_path: Path) -> None:
    """Through the CLI: a recorded run whose every need is either allocated or unmet as with
    the greedy, and workbooks for the partners."""
    (tmp_path / "g").mkdir()
    (tmp_path / "o").mkdir()
    greedy = summary(tmp_path / "g", "--dry-run")
    best = summary(tmp_path / "o", "--method", "optimal")
    assert best["run"] is not None and best["shipments"] > 0
    for device in ("portable", "fixe", "tablette", "box_4g"):
        assert (
            best["allocated"][device] + best["unmet"][device]
            == greedy["allocated"][device] + greedy["unmet"][device]
        )
    assert best["fairness"]["urgente"]["served"] >= 1
    assert any(path.name.startswith("expeditions_") for path in (tmp_path / "o").rglob("*.xlsx"))


def test_solver_benchmark_smoke_run() -> None:
    """``benchmarks/bench_optimal.py --smoke`` runs, from this checkout, and its table shows
    the solver giving ``urgente`` at least what the greedy gives it."""
    import os

    done = run_benchmark("bench_optimal.py", "--smoke", env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    urgente = {
        cells[2]: int(cells[6].replace(",", ""))
        for cells in (line.split("|") for line in done.stdout.splitlines()[2:])
    }
    urgente = {name.strip(): units for name, units in urgente.items()}
    assert set(urgente) == {"glouton-demande", "glouton-equitable", "optimal"}
    assert urgente["optimal"] >= max(urgente["glouton-demande"], urgente["glouton-equitable"])
