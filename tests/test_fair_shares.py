"""Fair shares (``--share equitable``, SPEC §4): the invariant on generated shortages, the
issue's examples, ``demande`` reproducing the first version's plan on the sample data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ordis_cli.allocation import Lot, Partner, Policy, Structure, allocate
from ordis_cli.allocation.local import grouped_shares
from ordis_cli.allocation.policy import Scope, Share
from ordis_cli.allocation.sharing import shares
from ordis_cli.dispatch.columns import FAIRNESS, headers
from ordis_cli.models import DEVICE_TYPES, DeviceType

from .allocation_cases import (
    DAY,
    LOT_SIZES,
    asked_on,
    laptop_pools,
    levels_share_one_at_a_time,
    lot_lists,
    one_at_a_time,
    partner,
    scope_and_cap,
    structure_lists,
    units,
)
from .conftest import allocate as run_allocate
from .conftest import first_summary, rows, summary
from .depth import examples

DEPTS = ["75", "92", "69", "01", "13"]
RECORDED = Path(__file__).parent / "data" / "allocation_demande.json"

shortage_structures = structure_lists(
    DEPTS,
    st.tuples(st.integers(0, 15), st.integers(0, 3), st.integers(0, 6), st.integers(0, 2)),
    ids="ABCDEFGH",
    children=60,
    min_size=2,
    max_size=40,
    internet=st.sampled_from([True, False, None]),
    requested_on=asked_on(dt.date(2020, 4, 1)),
)
shortage_lots = lot_lists(DEPTS, ["Relais", "Lyon", "Donateur"], most=12, max_size=15, dated=False)
shortage_partners = st.fixed_dictionaries(
    {
        "relais": partner("Relais", st.none(), 40),
        "lyon": partner("Lyon", st.sampled_from([frozenset({"69", "01"}), None]), 20),
    }
)


@settings(max_examples=examples(70), deadline=None)
@given(shortage_structures, shortage_lots, shortage_partners, scope_and_cap(6))
def test_one_level_shares_by_children(
    structures: list[Structure], lots: list[Lot], partners: dict[str, Partner], policy: Policy
) -> None:
    """SPEC §4: A and B of one level and one département, A still short of type t (not
    held back by the cap): A's units of t per child from the département round are at least
    B's minus one unit."""
    plan = allocate(structures, lots, partners, policy)
    local: Counter[tuple[str, DeviceType]] = Counter()
    for line in plan.shipments:
        if line.round == Scope.DEPARTEMENT:
            local[(line.structure_id, line.device)] += line.quantity
    short = {(u.structure_id, u.device) for u in plan.unmet if u.reason != "cap"}
    for a in structures:
        for b in structures:
            if a.id == b.id or a.priority != b.priority or a.departement != b.departement:
                continue
            for device in DEVICE_TYPES:
                if (a.id, device) not in short:
                    continue
                got_a, got_b = local[(a.id, device)], local[(b.id, device)]
                # got_a / kids_a >= (got_b - 1) / kids_b, in integers
                assert got_a * b.kids >= (got_b - 1) * a.kids, (a, b, device, got_a, got_b)


def test_forty_structures_share_a_hundred_laptops() -> None:
    """The issue: 100 laptops for 40 structures of one département asking 10 each. With
    ``demande`` 10 get 10 and 30 nothing; with fair shares each gets 2 or 3, and by
    children: a structure with twice the children gets about twice the units."""
    structures = [
        Structure(
            f"S{i:02d}",
            "69",
            (10, 0, 0, 0),
            "urgente",
            requested_on=dt.date(2020, 4, 1) + dt.timedelta(days=i),
        )
        for i in range(40)
    ]
    lots = [
        Lot("L1", DeviceType.LAPTOP, 60, "69", "Relais"),
        Lot("L2", DeviceType.LAPTOP, 40, "69", "Relais"),
    ]
    before = allocate(structures, lots, {}, Policy(date=DAY, share=Share.DEMANDE))
    after = allocate(structures, lots, {}, Policy(date=DAY))
    assert sorted(Counter(units(before).values()).items()) == [(10, 10)]
    got = units(after)
    assert len(got) == 40 and sum(got.values()) == 100
    assert sorted(Counter(got.values()).items()) == [(2, 20), (3, 20)]
    # ties go by the order: the 20 earliest requests get the third laptop
    assert {s for s, n in got.items() if n == 3} == {f"S{i:02d}" for i in range(20)}
    # one line per structure and lot, nearest (then earliest, then by id) lot first
    assert len({(s.lot_id, s.structure_id) for s in after.shipments}) == len(after.shipments)
    children = [
        Structure("big", "69", (10, 0, 0, 0), "urgente", children=20),
        Structure("small", "69", (10, 0, 0, 0), "urgente", children=10),
        Structure("none", "69", (10, 0, 0, 0), "urgente"),
    ]
    shared = units(
        allocate(children, [Lot("L", DeviceType.LAPTOP, 16, "69", "X")], {}, Policy(date=DAY))
    )
    assert shared == {"big": 10, "small": 5, "none": 1}


def test_levels_still_come_first() -> None:
    """Fair shares are within one level: an urgent structure is served before a normal one
    whatever their children."""
    structures = [
        Structure("U", "75", (5, 0, 0, 0), "urgente", children=1),
        Structure("N", "75", (5, 0, 0, 0), "normale", children=500),
    ]
    plan = allocate(structures, [Lot("L", DeviceType.LAPTOP, 6, "75", "X")], {}, Policy(date=DAY))
    assert units(plan) == {"U": 5, "N": 1}


def test_national_round_shares_too() -> None:
    """Two départements without stock of their own share a third one's lot."""
    structures = [
        Structure("A", "01", (8, 0, 0, 0), "haute", children=10),
        Structure("B", "13", (8, 0, 0, 0), "haute", children=10),
    ]
    plan = allocate(structures, [Lot("L", DeviceType.LAPTOP, 8, "75", "X")], {}, Policy(date=DAY))
    assert units(plan) == {"A": 4, "B": 4}
    assert {str(s.round) for s in plan.shipments} == {"national"}


def test_shares_are_exactly_one_unit_at_a_time() -> None:
    """The département round's shares, found without a loop over units, are exactly what
    handing out one unit at a time gives, for every supply (ties to the first)."""
    cases = [
        ([10, 3, 50, 7, 0, 20], [4, 1, 25, 3, 1, 1]),
        ([5] * 7, [1] * 7),
        ([9, 9, 9, 1], [3, 6, 9, 1]),
        ([40, 1, 13], [7, 11, 13]),
    ]
    for wants, kids in cases:
        for supply in range(sum(wants) + 2):
            assert shares(wants, kids, supply) == one_at_a_time(wants, kids, supply), (
                wants,
                kids,
                supply,
            )


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 90)), min_size=1, max_size=30),
    st.integers(0, 400),
)
def test_shares_match_one_at_a_time_on_random_pools(
    pool: list[tuple[int, int]], supply: int
) -> None:
    wants, kids = [w for w, _ in pool], [k for _, k in pool]
    assert shares(wants, kids, supply) == one_at_a_time(wants, kids, supply)


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(1, 90), st.integers(0, 40)),
        min_size=1,
        max_size=30,
    ),
    st.integers(0, 400),
)
def test_shares_after_earlier_rounds(pool: list[tuple[int, int, int]], supply: int) -> None:
    """In the région and national rounds, what each already got counts."""
    wants, kids, had = [w for w, _, _ in pool], [k for _, k, _ in pool], [g for *_, g in pool]
    assert shares(wants, kids, supply, had) == one_at_a_time(wants, kids, supply, had)


@settings(max_examples=examples(50), deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.tuples(st.integers(1, 40), st.integers(1, 90)), min_size=1, max_size=12),
            st.integers(0, 300),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_grouped_shares_are_each_pools_shares(
    pools: list[tuple[list[tuple[int, int]], int]],
) -> None:
    """The département round computes every pool of a level and a device at once with
    NumPy (``local.grouped_shares``): pool by pool, exactly what handing out one unit at a
    time gives."""
    import numpy as np

    wants = [w for members, _ in pools for w, _ in members]
    kids = [k for members, _ in pools for _, k in members]
    starts = np.cumsum([0] + [len(members) for members, _ in pools[:-1]])
    got = grouped_shares(
        np,
        np.array(wants),
        np.array(kids, dtype=np.float64),
        starts,
        np.array([supply for _, supply in pools]),
    ).tolist()
    expected = [
        units
        for members, supply in pools
        for units in one_at_a_time([w for w, _ in members], [k for _, k in members], supply)
    ]
    assert got == expected


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def test_demande_reproduces_the_first_version_on_the_sample_data() -> None:
    """``--share demande`` plans exactly what the engine planned before fair shares: the
    sample data's structures, lots and partners and the first version's plans were recorded
    in tests/data/allocation_demande.json (by the engine of commit ffb2922): the same lines,
    unmet needs and stock left, plain, with a cap, a regional scope, substitutions."""
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    structures = [
        Structure(i, d, tuple(need), p, net, day(asked))
        for i, d, need, p, net, asked in recorded["structures"]
    ]
    lots = [
        Lot(i, DeviceType(kind), n, d, shipper, donor, day(ready))
        for i, kind, n, d, shipper, donor, ready in recorded["lots"]
    ]
    partners = {
        key: Partner(name, frozenset(zone) if zone is not None else None, cap)
        for key, (name, zone, cap) in recorded["partners"].items()
    }
    for case, expected in recorded["cases"].items():
        plan = allocate(
            structures, lots, partners, Policy(date=DAY, share=Share.DEMANDE, **expected["policy"])
        )
        # the recorded file's own line format, pinned by its hashes: spelled out here, not
        # taken from the ledger's columns (ledger/run_recording.py), which may change
        now = {
            "shipments": [
                [
                    s.lot_id,
                    s.structure_id,
                    s.device.value,
                    s.counted_as.value,
                    s.quantity,
                    s.shipper,
                    str(s.round),
                    s.distance_km,
                ]
                for s in plan.shipments
            ],
            "unmet": [[u.structure_id, u.device.value, u.quantity, u.reason] for u in plan.unmet],
            "leftover": plan.leftover,
        }
        if case == "default":
            assert now["shipments"] == expected["shipments"]
            assert now["unmet"] == expected["unmet"]
            assert now["leftover"] == expected["leftover"]
        canon = json.dumps(now, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert hashlib.sha256(canon.encode()).hexdigest() == expected["sha256"], case
    # and fair shares do change that plan: every urgent structure gets something
    fair = allocate(structures, lots, partners, Policy(date=DAY))
    assert (
        fair.shipments
        != allocate(structures, lots, partners, Policy(date=DAY, share=Share.DEMANDE)).shipments
    )


def test_fairness_in_the_json_and_the_equite_sheet(sample_run: Path) -> None:
    """SPEC §4: the allocate JSON says, per level, structures requesting and served and the
    lowest and median share of the request met; ``allocation.xlsx`` has the sheet
    ``equite`` by level and région, whose totals are those figures."""
    data = first_summary(sample_run)
    assert set(data["fairness"]) == {"urgente", "haute", "normale"}
    for figures in data["fairness"].values():
        assert set(figures) == {"requesting", "served", "min_fill", "median_fill"}
        assert 0 <= figures["served"] <= figures["requesting"]
        assert 0 <= figures["min_fill"] <= figures["median_fill"] <= 1
    # the sample data run short of laptops for 'normale': fair shares leave nobody empty
    assert data["fairness"]["normale"]["served"] == data["fairness"]["normale"]["requesting"]
    table = rows(sample_run / "envois" / "allocation.xlsx", "equite")
    assert table[0] == FAIRNESS
    totals = {row[0]: row for row in table[1:] if row[1] == "Total"}
    for level, figures in data["fairness"].items():
        total = totals[level]
        assert total[2:6] == (
            figures["requesting"],
            figures["served"],
            figures["min_fill"],
            figures["median_fill"],
        )
        by_region = [row for row in table[1:] if row[0] == level and row[1] != "Total"]
        assert sum(row[2] for row in by_region) == figures["requesting"]
        assert min(row[4] for row in by_region) == figures["min_fill"]
        assert all(row[6] > 0 for row in by_region)


def test_share_option_policy_and_english(tmp_path: Path, english_run: Path) -> None:
    """``--share demande`` gives the first version's plan through the CLI; the policy file
    says the same with ``share``; a wrong value is refused with exit 2; in English the
    sheet is ``fairness`` with English headers and the text summary says how each level
    fared."""
    demande = summary(tmp_path / "a", "--share", "demande", "--dry-run")
    fair = summary(tmp_path / "b", "--dry-run")
    assert demande["fairness"]["normale"]["min_fill"] == 0
    assert fair["fairness"]["normale"]["min_fill"] > 0
    assert demande["allocated"] != fair["allocated"] or demande["shipments"] != fair["shipments"]
    (tmp_path / "policy.toml").write_text('share = "demande"\n', encoding="utf-8")
    assert (
        summary(tmp_path / "c", "--policy", str(tmp_path / "policy.toml"), "--dry-run") == demande
    )
    wrong = run_allocate(tmp_path, "--share", "egal", "--dry-run")
    assert wrong.exit_code == 2 and "egal" in wrong.output
    (tmp_path / "bad.toml").write_text('share = "egal"\n', encoding="utf-8")
    bad = run_allocate(tmp_path, "--policy", str(tmp_path / "bad.toml"), "--dry-run")
    assert bad.exit_code == 2 and "share" in bad.output
    english = run_allocate(tmp_path, "--lang", "en", "--dry-run")
    assert english.exit_code == 0, english.output
    assert "Fairness by priority" in english.stdout and "normal:" in english.stdout
    table = rows(english_run / "envois" / "allocation.xlsx", "fairness")
    assert list(table[0]) == headers(FAIRNESS, "en")
    assert {row[0] for row in table[1:]} == {"urgent", "high", "normal"}


@settings(max_examples=examples(30), deadline=None)
@given(
    laptop_pools(["01", "13", "69", "59"], ["urgente", "normale"], fewest=0, children=50, most=25),
    LOT_SIZES,
)
def test_national_round_is_one_unit_at_a_time(
    pool: list[tuple[str, int, int | None, str]], lots: list[int]
) -> None:
    """Lots that every structure can reach (no zone, no capacity), in a département none of
    them is in: each level gets, structure by structure, exactly what handing the units
    out one at a time by units per child gives."""
    levels_share_one_at_a_time(pool, lots, "75", ("urgente", "normale"))
