"""The invariants of SPEC §4, on random instances (Hypothesis), and a few worked examples."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from ordis_cli.allocation import Earlier, Lot, Partner, Plan, Policy, Structure, allocate
from ordis_cli.allocation.model import PRIORITY_RANK
from ordis_cli.allocation.policy import Scope, Share
from ordis_cli.models import DEVICE_TYPES, DeviceType
from ordis_cli.territory import departements
from ordis_cli.textnorm import fold

from .allocation_cases import (
    DAY,
    Instance,
    asked_on,
    lot_lists,
    partner,
    structure_lists,
    the_order_of_rows_changes_nothing,
)
from .depth import examples

DEPTS = ["75", "92", "93", "69", "01", "38", "13", "2A", "59", "974"]
SHIPPERS = ["Relais", "Ouest", "Sud", "Donateur A"]

structures_st = structure_lists(
    DEPTS,
    st.tuples(*[st.integers(0, 12)] * 4),
    ids="ABCDEF",
    children=40,
    max_size=25,
    internet=st.sampled_from([True, False, None]),
    requested_on=asked_on(dt.date(2020, 5, 1)),
)
lots_st = lot_lists(DEPTS, SHIPPERS, most=20, max_size=25)
partners_st = st.fixed_dictionaries(
    {
        "relais": partner("Relais", st.none(), 60),
        "ouest": partner("Ouest", st.frozensets(st.sampled_from(DEPTS), min_size=1), 30),
        "sud": partner("Sud", st.just(frozenset({"13", "2A", "69", "38"})), 30),
    }
)
policy_st = st.builds(
    Policy,
    scope=st.sampled_from(list(Scope)),
    cap=st.one_of(st.none(), st.integers(1, 8)),
    substitutions=st.sampled_from(
        [
            {},
            {DeviceType.DESKTOP: (DeviceType.LAPTOP,)},
            {DeviceType.TABLET: (DeviceType.LAPTOP, DeviceType.DESKTOP)},
        ]
    ),
    date=st.just(DAY),
)
instances = st.builds(Instance, structures_st, lots_st, partners_st, policy_st)


def _check_invariants(
    structures: list[Structure],
    lots: list[Lot],
    partners: dict[str, Partner],
    policy: Policy,
    plan: Plan,
    given: dict[tuple[str, DeviceType], int],
    taken: dict[str, int],
) -> None:
    by_id = {s.id: s for s in structures}
    lot_by_id = {lot.id: lot for lot in lots}
    counted: Counter[tuple[str, DeviceType]] = Counter()
    per_structure: Counter[str] = Counter()
    per_lot: Counter[str] = Counter()
    per_shipper: Counter[str] = Counter()
    for s in plan.shipments:
        assert s.quantity > 0
        counted[(s.structure_id, s.counted_as)] += s.quantity
        per_structure[s.structure_id] += s.quantity
        per_lot[s.lot_id] += s.quantity
        per_shipper[s.shipper] += s.quantity
        structure, lot = by_id[s.structure_id], lot_by_id[s.lot_id]
        assert lot.device == s.device
        if s.round != "substitution":
            assert s.counted_as == s.device
        else:
            assert s.device in policy.substitutions[s.counted_as]
        # zones, availability, reach
        partner = partners.get(fold(lot.shipper))
        assert partner is None or partner.covers(structure.departement)
        assert lot.available_on is None or lot.available_on <= policy.date
        here, there = departements()[structure.departement], departements()[lot.departement]
        if s.round == Scope.DEPARTEMENT:
            assert lot.departement == structure.departement
        if s.round == Scope.REGION or policy.scope == Scope.REGION:
            assert here.region == there.region
        if policy.scope == Scope.DEPARTEMENT:
            assert lot.departement == structure.departement
    # no structure gets more than it asked, net of earlier runs; with a cap, no more than it
    for structure in structures:
        net = {
            d: max(structure.need[i] - given.get((structure.id, d), 0), 0)
            for i, d in enumerate(DEVICE_TYPES)
        }
        for device in DEVICE_TYPES:
            assert counted[(structure.id, device)] <= net[device]
            if policy.cap is not None:
                assert counted[(structure.id, device)] <= policy.cap
        assert per_structure[structure.id] <= sum(net.values())
    # no lot ships more than it holds, net of earlier runs; allocated + left over = supply
    for lot in lots:
        supply = max(lot.quantity - taken.get(lot.id, 0), 0)
        assert per_lot[lot.id] + plan.leftover[lot.id] == supply
    # capacities
    for partner in partners.values():
        if partner.capacity is not None:
            assert per_shipper[partner.name] <= partner.capacity
    # allocated + unmet = need, type by type
    unmet: Counter[tuple[str, DeviceType]] = Counter()
    for item in plan.unmet:
        assert item.quantity > 0 and item.reason
        unmet[(item.structure_id, item.device)] += item.quantity
    for structure in structures:
        for i, device in enumerate(DEVICE_TYPES):
            net = max(structure.need[i] - given.get((structure.id, device), 0), 0)
            assert counted[(structure.id, device)] + unmet[(structure.id, device)] == net


def _priority_respected(
    structures: list[Structure], plan: Plan, share: Share = Share.DEMANDE
) -> None:
    """Within the département round, a structure served later never got a type that an
    earlier one in the same département still lacks (for want of stock, not because of the
    cap); with fair shares, "earlier" is a more urgent level (one level shares)."""
    lacking = {(u.structure_id, u.device) for u in plan.unmet if u.reason != "cap"}
    order = sorted(structures, key=Structure.order_key)
    rank = {s.id: n for n, s in enumerate(order)}
    if share is Share.EQUITABLE:  # a later level never got what an earlier one lacks
        rank = {s.id: PRIORITY_RANK[s.priority] for s in structures}
    got_first_round = defaultdict(set)
    for s in plan.shipments:
        if s.round == Scope.DEPARTEMENT:
            got_first_round[s.device].add(s.structure_id)
    by_id = {s.id: s for s in structures}
    for structure_id, device in lacking:
        for other in got_first_round[device] - {structure_id}:
            if by_id[other].departement == by_id[structure_id].departement:
                assert (
                    rank[other] <= rank[structure_id]
                    if share is Share.EQUITABLE
                    else rank[other] < rank[structure_id]
                ), (structure_id, other, device)


# Each drawn instance is allocated under both sharing rules: drawing an instance costs more
# than allocating it (tests/depth.py), and the two rules are compared on the same data.


@settings(max_examples=examples(60), deadline=None)
@given(instances)
def test_invariants_hold(case: Instance) -> None:
    for share in Share:
        note(f"share: {share.value}")
        structures, lots, partners, policy = case.under(share=share)
        plan = allocate(structures, lots, partners, policy)
        _check_invariants(structures, lots, partners, policy, plan, {}, {})
        _priority_respected(structures, plan, share)


@settings(max_examples=examples(40), deadline=None)
@given(instances, st.randoms(use_true_random=False))
def test_plan_is_deterministic_and_ignores_row_order(case: Instance, rng: random.Random) -> None:
    for share in Share:
        note(f"share: {share.value}")
        the_order_of_rows_changes_nothing(case.under(share=share), rng)


@settings(max_examples=examples(40), deadline=None)
@given(instances, st.data())
def test_earlier_runs_are_taken_into_account(case: Instance, data: st.DataObject) -> None:
    for share in Share:
        note(f"share: {share.value}")
        runs_on_top_keep_the_invariants(case.under(share=share), data)


def runs_on_top_keep_the_invariants(case: Instance, data: st.DataObject) -> None:
    """The property of earlier runs, whatever the method or sharing rule of its policy."""
    structures, lots, partners, policy = case
    first = allocate(structures, lots, partners, policy)
    # The same data again, the same day: nothing new (cap and capacities are per day).
    same_day = Earlier.from_shipments(first.shipments, first.shipments)
    assert allocate(structures, lots, partners, policy, same_day).shipments == []
    # New lots arrive next week: the run on top of the first keeps every invariant, net of
    # it, with whole capacities again.
    earlier = Earlier.from_shipments(first.shipments)
    extra = data.draw(
        lots_st.map(
            lambda new: [
                Lot(f"N{lot.id}", lot.device, lot.quantity, lot.departement, lot.shipper)
                for lot in new
            ]
        )
    )
    more = lots + extra
    second = allocate(structures, more, partners, policy, earlier)
    _check_invariants(
        structures, more, partners, policy, second, dict(earlier.given), dict(earlier.taken)
    )
    # and both runs together never give a structure more than it asked
    total: Counter[tuple[str, DeviceType]] = Counter(earlier.given)
    for s in second.shipments:
        total[(s.structure_id, s.counted_as)] += s.quantity
    for structure in structures:
        for i, device in enumerate(DEVICE_TYPES):
            assert total[(structure.id, device)] <= structure.need[i]


def test_worked_example() -> None:
    structures = [
        Structure("A", "69", (3, 0, 0, 0), priority="normale"),
        Structure("B", "69", (3, 0, 0, 1), priority="urgente", internet=False),
        Structure("C", "01", (2, 0, 0, 0), priority="haute"),
    ]
    lots = [
        Lot("L1", DeviceType.LAPTOP, 4, "69", "Relais"),
        Lot("L2", DeviceType.LAPTOP, 5, "75", "Relais"),
        Lot("L3", DeviceType.BOX_4G, 1, "13", "Sud"),
    ]
    partners = {"relais": Partner("Relais"), "sud": Partner("Sud", frozenset({"13"}))}
    plan = allocate(structures, lots, partners, Policy(date=DAY))
    lines = [(s.structure_id, s.lot_id, s.quantity, str(s.round)) for s in plan.shipments]
    assert lines == [
        ("B", "L1", 3, "departement"),  # urgent first, from its own département
        ("A", "L1", 1, "departement"),  # what is left of the Lyon lot
        ("C", "L2", 2, "national"),  # Ain has no stock, Rhône's is gone: Paris
        ("A", "L2", 2, "national"),
    ]
    assert [(u.structure_id, u.device, u.quantity, u.reason) for u in plan.unmet] == [
        ("B", DeviceType.BOX_4G, 1, "partner-zone")
    ]
    assert plan.leftover == {"L1": 0, "L2": 1, "L3": 1}


def test_cap_and_scope_and_availability() -> None:
    structures = [Structure("A", "69", (5, 0, 0, 0))]
    lots = [
        Lot("L1", DeviceType.LAPTOP, 10, "75", "X"),
        Lot("L2", DeviceType.LAPTOP, 10, "69", "X", available_on=dt.date(2020, 5, 1)),
    ]
    capped = allocate(structures, lots, {}, Policy(cap=2, date=DAY))
    assert [(s.lot_id, s.quantity) for s in capped.shipments] == [("L1", 2)]
    assert [(u.quantity, u.reason) for u in capped.unmet] == [(3, "cap")]
    regional = allocate(structures, lots, {}, Policy(scope=Scope.REGION, date=DAY))
    assert regional.shipments == []
    assert regional.unmet[0].reason == "out-of-scope"
    later = allocate(
        structures, lots, {}, Policy(scope=Scope.DEPARTEMENT, date=dt.date(2020, 5, 2))
    )
    assert [(s.lot_id, s.quantity) for s in later.shipments] == [("L2", 5)]


def test_substitution_in_a_last_round() -> None:
    structures = [Structure("A", "69", (0, 3, 0, 0))]
    lots = [Lot("L1", DeviceType.LAPTOP, 2, "69", "X"), Lot("L2", DeviceType.DESKTOP, 1, "75", "X")]
    plan = allocate(
        structures,
        lots,
        {},
        Policy(date=DAY, substitutions={DeviceType.DESKTOP: (DeviceType.LAPTOP,)}),
    )
    assert [(s.lot_id, s.device, s.counted_as, str(s.round)) for s in plan.shipments] == [
        ("L2", DeviceType.DESKTOP, DeviceType.DESKTOP, "national"),
        ("L1", DeviceType.LAPTOP, DeviceType.DESKTOP, "substitution"),
    ]


@pytest.mark.parametrize("share", list(Share))
@settings(max_examples=examples(12), deadline=None)
@given(instances)
def test_ledger_round_trip_of_earlier_runs(share: Share, case: Instance) -> None:
    """What a run records in the ledger reads back as the same commitments, and the run
    after it, planned from the ledger, allocates nothing new the same day."""
    structures, lots, partners, policy = case.under(share=share)
    import tempfile
    from pathlib import Path

    from ordis_cli.allocation.inputs import Inputs, LotInfo
    from ordis_cli.ledger import Ledger

    plan = allocate(structures, lots, partners, policy)
    inputs = Inputs(
        structures=structures,
        lots=lots,
        contacts={s.id: {} for s in structures},
        lot_info={lot.id: LotInfo(lot.donor, None, None, None) for lot in lots},
    )
    with tempfile.TemporaryDirectory() as folder:
        ledger = Ledger(Path(folder) / "ordis.db")
        with ledger.transaction():
            ledger.record_run(policy.date, "{}", "test", None, [], plan, inputs)
        earlier = ledger.earlier(policy.date)
        ledger.close()
    expected = Earlier.from_shipments(plan.shipments, plan.shipments)
    assert dict(earlier.given) == dict(expected.given)
    assert dict(earlier.taken) == dict(expected.taken)
    assert dict(earlier.shipped_same_day) == dict(expected.shipped_same_day)
    assert allocate(structures, lots, partners, policy, earlier).shipments == []
