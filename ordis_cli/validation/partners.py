"""Rules for the partners file (``partenaires``), and the reading of a partner's zone."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..models import Kind
from ..names import name_key
from ..territory import departement_code, departements, region_code, regions
from ..textnorm import alias_key
from . import values as v
from .base import KindValidator, email, positive_quantity
from .columns import Block, Normaliser
from .donations import name

_NATIONAL = {"national", "nationale", "france", "toute la france", "france entiere",
             "national france", "nationwide", "whole country"}
_SEPARATORS = re.compile(r"[;,\n/]+")


@dataclass(frozen=True, slots=True)
class Zone:
    """Where a partner delivers: the whole country, or régions and départements."""

    national: bool
    regions: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()

    def covers(self, departement: str) -> bool:
        if self.national or departement in self.departements:
            return True
        dept = departements().get(departement)
        return dept is not None and dept.region in self.regions


def zone(raw: Any) -> tuple[Zone | None, Any]:
    """Parse ``"Bretagne; Pays de la Loire; 75"``; the first unknown part is the fault."""
    if v.is_empty(raw):
        return None, None
    found_regions: set[str] = set()
    found_depts: set[str] = set()
    for part in _SEPARATORS.split(v.text(raw) or ""):
        token = part.strip()
        if not token:
            continue
        if alias_key(token) in _NATIONAL:
            return Zone(True), None
        region = region_code(token)
        if region:
            found_regions.add(region)
            continue
        dept = departement_code(token)
        if dept:
            found_depts.add(dept)
            continue
        return None, ("bad-zone", _zone_hint(token))
    if not found_regions and not found_depts:
        return None, ("bad-zone", {})
    return Zone(False, frozenset(found_regions), frozenset(found_depts)), None


def _zone_hint(token: str) -> dict[str, Any]:
    names = [r.name for r in regions().values()] + [d.name for d in departements().values()]
    keys = {alias_key(n): n for n in names}
    close = difflib.get_close_matches(alias_key(token), list(keys), n=1, cutoff=0.75)
    fields: dict[str, Any] = {"part": token}
    if close:
        fields["suggestion"] = keys[close[0]]
    return fields


class PartnersValidator(KindValidator):
    kind = Kind.PARTNERS
    checks: ClassVar[dict[str, Normaliser]] = {
        "partenaire": name,
        "zone": zone,
        "contact_email": email,
        "capacite": positive_quantity,
    }
    number_codes: ClassVar[dict[str, str]] = {"capacite": "bad-capacity"}
    required_values = ("partenaire", "zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names: dict[str, int] = {}

    def check_rows(self, block: Block) -> None:
        self.duplicates(block, "partenaire", self.names, name_key)
