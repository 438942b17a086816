"""Allocation: matching lots to structures, type for type, by priority and distance (the
model, the engine, the policy; ``sharing``: fair shares; ``optimal``: the HiGHS solver of
``--method optimal``; ``compare``: the three plans of ``--compare``), and ``inputs``:
validated files turned into the structures, lots and partners the engine takes (imported on
demand: it loads the reading stack)."""

from .engine import allocate
from .model import Commitment, Earlier, Lot, Partner, Plan, Shipment, Structure, Unmet
from .policy import Policy

__all__ = [
    "Commitment",
    "Earlier",
    "Lot",
    "Partner",
    "Plan",
    "Policy",
    "Shipment",
    "Structure",
    "Unmet",
    "allocate",
]
