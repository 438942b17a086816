"""Which départements a structure may be served from in each round, nearest first."""

from __future__ import annotations

from functools import cache

from ..territory import departements, distance_km
from .policy import Scope


@cache
def reach(departement: str, scope: Scope) -> tuple[tuple[str, float], ...]:
    """(département, distance in km, to 0.1 km) the lots may come from for a structure in
    ``departement`` in a round of ``scope``, nearest first (ties by code)."""
    if scope is Scope.DEPARTEMENT:
        return ((departement, 0.0),)
    region = departements()[departement].region
    candidates = [
        (code, round(distance_km(departement, code), 1))
        for code, dept in departements().items()
        if scope is Scope.NATIONAL or dept.region == region
    ]
    return tuple(sorted(candidates, key=lambda item: (item[1], item[0])))
