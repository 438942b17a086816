"""What the allocation's property tests share (tests/test_allocation.py, test_fair_shares.py,
test_optimal.py): the Hypothesis strategies that make random instances, one instance as one
value, and the checks more than one of those files makes."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from hypothesis import strategies as st

from ordis_cli.allocation import Lot, Partner, Plan, Policy, Structure, allocate
from ordis_cli.allocation.policy import Scope
from ordis_cli.models import DEVICE_TYPES, DeviceType

DAY = dt.date(2020, 4, 20)
LEVELS = ("urgente", "haute", "normale")


def structure_lists(
    departements: Sequence[str],
    need: st.SearchStrategy[tuple[int, ...]],
    *,
    ids: str,
    children: int,
    max_size: int,
    min_size: int = 0,
    **more: st.SearchStrategy[Any],
) -> st.SearchStrategy[list[Structure]]:
    """Lists of structures of distinct ids (1 to 3 of the letters ``ids``), from 0 to
    ``children`` children or none said; ``more``: strategies of further fields."""
    return st.lists(
        st.builds(
            Structure,
            id=st.text(alphabet=ids, min_size=1, max_size=3),
            departement=st.sampled_from(departements),
            need=need,
            priority=st.sampled_from(LEVELS),
            children=st.one_of(st.none(), st.integers(0, children)),
            **more,
        ),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda s: s.id,
    )


def asked_on(last: dt.date) -> st.SearchStrategy[dt.date | None]:
    """A request's date from 1 March 2020 to ``last``, or none said."""
    return st.one_of(st.none(), st.dates(dt.date(2020, 3, 1), last))


def lot_lists(
    departements: Sequence[str],
    shippers: Sequence[str],
    *,
    most: int,
    max_size: int,
    devices: Sequence[DeviceType] = DEVICE_TYPES,
    dated: bool = True,
) -> st.SearchStrategy[list[Lot]]:
    """Lists of lots of distinct ids, 1 to ``most`` units each; ``dated``: some available
    only from a day in April or May 2020."""
    available = st.dates(dt.date(2020, 4, 1), dt.date(2020, 5, 10)) if dated else st.nothing()
    return st.lists(
        st.builds(
            Lot,
            id=st.text(alphabet="0123456789", min_size=1, max_size=3),
            device=st.sampled_from(devices),
            quantity=st.integers(1, most),
            departement=st.sampled_from(departements),
            shipper=st.sampled_from(shippers),
            available_on=st.one_of(st.none(), available),
        ),
        max_size=max_size,
        unique_by=lambda lot: lot.id,
    )


def partner(
    name: str, zone: st.SearchStrategy[frozenset[str] | None], most: int
) -> st.SearchStrategy[Partner]:
    """The partner ``name`` covering ``zone``, with no capacity or one from 1 to ``most``."""
    return st.builds(
        Partner,
        name=st.just(name),
        departements=zone,
        capacity=st.one_of(st.none(), st.integers(1, most)),
    )


def scope_and_cap(most: int) -> st.SearchStrategy[Policy]:
    """The policy of ``DAY`` with any scope and no cap or one from 1 to ``most``."""
    return st.builds(
        Policy,
        scope=st.sampled_from(list(Scope)),
        cap=st.one_of(st.none(), st.integers(1, most)),
        date=st.just(DAY),
    )


class Instance(NamedTuple):
    """One random allocation problem: what ``allocate`` takes."""

    structures: list[Structure]
    lots: list[Lot]
    partners: dict[str, Partner]
    policy: Policy

    def under(self, **update: Any) -> Instance:
        """The same problem, its policy changed by ``update`` (``share=…``, ``method=…``)."""
        return self._replace(policy=self.policy.model_copy(update=update))


def the_order_of_rows_changes_nothing(case: Instance, rng: random.Random) -> None:
    """The plan is the same run twice, once with the structures and lots shuffled."""
    first = allocate(*case)
    shuffled_structures, shuffled_lots = list(case.structures), list(case.lots)
    rng.shuffle(shuffled_structures)
    rng.shuffle(shuffled_lots)
    second = allocate(shuffled_structures, shuffled_lots, case.partners, case.policy)
    assert first.shipments == second.shipments
    assert first.unmet == second.unmet
    assert first.leftover == second.leftover


def units(plan: Plan) -> dict[str, int]:
    """The units each structure gets in ``plan``."""
    got: Counter[str] = Counter()
    for line in plan.shipments:
        got[line.structure_id] += line.quantity
    return dict(got)


def one_at_a_time(
    wants: list[int], kids: list[int], supply: int, had: list[int] | None = None
) -> list[int]:
    """The shares of ``supply`` handed out one unit at a time, each to the one with the
    fewest units per child (``had`` counting), ties to the first."""
    had = had or [0] * len(wants)
    got = [0] * len(wants)
    for _ in range(supply):
        open_ = [i for i in range(len(wants)) if got[i] < wants[i]]
        if not open_:
            break
        pick = min(open_, key=lambda i: ((had[i] + got[i]) / kids[i], i))
        got[pick] += 1
    return got


def laptop_pools(
    departements: Sequence[str], levels: Sequence[str], *, fewest: int, children: int, most: int
) -> st.SearchStrategy[list[tuple[str, int, int | None, str]]]:
    """1 to ``most`` structures ``(département, laptops asked from fewest to 12, children
    from 0 to ``children`` or none said, level)``, for ``levels_share_one_at_a_time``."""
    return st.lists(
        st.tuples(
            st.sampled_from(departements),
            st.integers(fewest, 12),
            st.one_of(st.none(), st.integers(0, children)),
            st.sampled_from(levels),
        ),
        min_size=1,
        max_size=most,
    )


# The laptops of 1 to 4 lots, for ``levels_share_one_at_a_time``.
LOT_SIZES = st.lists(st.integers(1, 15), min_size=1, max_size=4)


def levels_share_one_at_a_time(
    pool: list[tuple[str, int, int | None, str]],
    lots: list[int],
    stored_in: str,
    levels: Sequence[str],
    **policy: Any,
) -> None:
    """Structures ``(département, laptops asked, children, level)`` and lots of ``lots``
    laptops stored in ``stored_in``, which every structure can reach (no zone, no
    capacity): each level in turn gets, structure by structure, what handing the units left
    for it out one at a time by units per child gives."""
    structures = [
        Structure(f"S{n:02d}", where, (want, 0, 0, 0), level, children=kids)
        for n, (where, want, kids, level) in enumerate(pool)
    ]
    stock = [
        Lot(f"L{n}", DeviceType.LAPTOP, count, stored_in, "Relais") for n, count in enumerate(lots)
    ]
    got = units(allocate(structures, stock, {}, Policy(date=DAY, **policy)))
    left = sum(lots)
    for level in levels:
        members = sorted((s for s in structures if s.priority == level), key=Structure.order_key)
        expected = one_at_a_time([s.need[0] for s in members], [s.kids for s in members], left)
        assert [got.get(s.id, 0) for s in members] == expected
        left -= sum(expected)
