"""Allocation: matching lots to structures, type for type, by priority and distance."""

from .engine import allocate
from .model import Earlier, Lot, Partner, Plan, Shipment, Structure, Unmet
from .policy import Policy

__all__ = [
    "Earlier", "Lot", "Partner", "Plan", "Policy", "Shipment", "Structure", "Unmet", "allocate",
]
