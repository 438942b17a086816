"""``ordis allocate --compare`` (entry point: ``actions.allocate.compare_plans``).

The same inputs (and what earlier runs in the ledger committed, read without changing it)
planned three ways — ``glouton`` with ``demande``, ``glouton`` with ``equitable``, and
``optimal`` —, each timed; nothing is written or recorded. SPEC §4: units by level and in
total, structures served, the lowest fill of each level, device-kilometres, seconds.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..models import ValidationReport
from .engine import allocate
from .fairness import LEVELS, by_level, fills
from .model import Earlier, Plan, Structure
from .policy import Method, Share

if TYPE_CHECKING:
    from ..actions.allocate import AllocateRequest

# (name in the JSON and the table, share, method)
PLANS: tuple[tuple[str, Share, Method], ...] = (
    ("glouton-demande", Share.DEMANDE, Method.GLOUTON),
    ("glouton-equitable", Share.EQUITABLE, Method.GLOUTON),
    ("optimal", Share.EQUITABLE, Method.OPTIMAL),
)


class PlanFigures(BaseModel):
    """One plan's figures (SPEC §4 ``--compare``); a level's ``min_fill`` is None when no
    structure of it requests anything."""

    units: int
    units_by_priority: dict[str, int]
    structures_served: int
    min_fill_by_priority: dict[str, float | None]
    device_km: float
    seconds: float


class Comparison(BaseModel):
    """What ``--compare --format json`` prints."""

    plans: dict[str, PlanFigures]


class ComparisonResult(BaseModel):
    validation: ValidationReport
    comparison: Comparison | None = None


def figures(
    plan: Plan, structures: list[Structure], earlier: Earlier, seconds: float
) -> PlanFigures:
    """A plan's figures: units counted for the level of the structure they go to."""
    level = {s.id: s.priority if s.priority in LEVELS else "normale" for s in structures}
    units: Counter[str] = Counter()
    served: set[str] = set()
    km = 0.0
    for line in plan.shipments:
        units[level[line.structure_id]] += line.quantity
        served.add(line.structure_id)
        km += line.quantity * line.distance_km
    fairness = by_level(fills(plan, structures, earlier))
    return PlanFigures(
        units=sum(units.values()),
        units_by_priority={name: units[name] for name in LEVELS},
        structures_served=len(served),
        min_fill_by_priority={name: fairness[name].min_fill for name in LEVELS},
        device_km=round(km, 1),
        seconds=round(seconds, 3),
    )


def compare_files(request: AllocateRequest) -> ComparisonResult:
    """Validate the inputs, then plan them the three ways; ``request.out``, ``dry_run`` and
    ``emails`` play no part: nothing is written."""
    from ..ledger import Ledger
    from ..ledger.location import ledger_exists
    from ..validation import ValidationOptions
    from .inputs import load_inputs

    options = ValidationOptions(
        lang=request.lang, today=request.policy.date, columns=request.columns, command="allocate"
    )
    report, inputs = load_inputs(request.needs, request.donations, request.partners, options)
    if inputs is None:
        return ComparisonResult(validation=report)
    earlier = Earlier()
    if ledger_exists(request.ledger, request.lang):
        with (
            Ledger(request.ledger, "read", request.lang) as ledger,
            ledger.transaction(write=False),
        ):
            earlier = ledger.earlier(request.policy.date)
    # the libraries the plans use are loaded before the clocks start: each plan's seconds
    # are its own work, not the first import of NumPy or HiGHS
    import highspy  # noqa: F401
    import numpy  # noqa: F401

    plans: dict[str, PlanFigures] = {}
    for name, share, method in PLANS:
        policy = request.policy.model_copy(update={"share": share, "method": method})
        start = time.perf_counter()
        plan = allocate(inputs.structures, inputs.lots, inputs.partners, policy, earlier)
        seconds = time.perf_counter() - start
        plans[name] = figures(plan, inputs.structures, earlier, seconds)
    return ComparisonResult(validation=report, comparison=Comparison(plans=plans))
