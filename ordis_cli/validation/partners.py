"""Rules for the partners file (``partenaires``), and the reading of a partner's zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..models import Kind
from ..names import name_key
from ..territory import departement_code, departements, former_region, region_code, regions
from ..textnorm import alias_key, close_matches
from . import values as v
from .base import KindValidator, email, positive_quantity
from .columns import Block, Normaliser
from .donations import name

# each word as ``alias_key`` folds it (« overseas » is « oversea » there)
_NATIONAL = frozenset(
    alias_key(word)
    for word in (
        "national",
        "nationale",
        "france",
        "toute la france",
        "france entiere",
        "national france",
        "nationwide",
        "whole country",
    )
)
_SEPARATORS = re.compile(r"[;,\n/]+")
# Overseas: the five départements-régions (SPEC §2: ``outre-mer`` is 971–976).
_OVERSEAS = frozenset(
    alias_key(word)
    for word in (
        "outre mer",
        "outremer",
        "dom",
        "drom",
        "dom tom",
        "domtom",
        "drom com",
        "dom com",
        "overseas",
        "overseas france",
        "france d outre mer",
        "ultramarin",
    )
)
OVERSEAS_DEPARTEMENTS = frozenset({"971", "972", "973", "974", "976"})
# A bare number that is also the code of a metropolitan région is read as the département
# (SPEC §2) with a warning; the overseas régions' codes 01-06 are left out: their région and
# département are one territory, written 971-976, so "01" is the Ain without a doubt.
_REGION_LIKE = re.compile(r"^\d{2}$")
_ABBREVIATION_LIKE = re.compile(r"^[A-Z]{2,5}\.?$")


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
    """Parse ``"Bretagne; Pays de la Loire; 75"``; an unknown part is quoted alone in the
    fault; a bare number that is also a région code is read as a département, with a
    warning (``zone-region-code``) saying how to write the région."""
    if v.is_empty(raw):
        return None, None
    found_regions: set[str] = set()
    found_depts: set[str] = set()
    ambiguous: list[str] = []
    formers: list[tuple[str, tuple[str, ...]]] = []
    for part in _SEPARATORS.split(v.text(raw) or ""):
        token = part.strip()
        if not token:
            continue
        key = alias_key(token)
        if key in _NATIONAL:
            return Zone(True), None
        if key in _OVERSEAS:
            found_depts.update(OVERSEAS_DEPARTEMENTS)
            continue
        region = region_code(token)
        if region:
            found_regions.add(region)
            continue
        former = former_region(token)
        if former:
            found_depts.update(former[1])
            formers.append(former)
            continue
        dept = departement_code(token)
        if dept:
            found_depts.add(dept)
            if _REGION_LIKE.match(token) and token >= "11" and token in regions():
                ambiguous.append(token)
            continue
        return None, ("bad-zone", _zone_hint(token))
    if not found_regions and not found_depts:
        return None, ("bad-zone", {"part": v.text(raw) or ""})
    parsed = Zone(False, frozenset(found_regions), frozenset(found_depts))
    if ambiguous:
        return parsed, ("zone-region-code", _region_code_fields(ambiguous))
    if formers:
        return parsed, ("zone-former-region", _former_fields(formers))
    return parsed, None


def _former_fields(formers: list[tuple[str, tuple[str, ...]]]) -> dict[str, Any]:
    """A former région's name, the départements it is read as, and today's région."""
    depts = departements()
    today = {depts[d].region for _, codes in formers for d in codes}
    return {
        "part": ", ".join(name for name, _ in formers),
        "read_as": ", ".join(", ".join(codes) for _, codes in formers),
        "now": ", ".join(sorted(regions()[code].name for code in today)),
    }


def _region_code_fields(codes: list[str]) -> dict[str, Any]:
    depts, region_list = departements(), regions()
    return {
        "part": ", ".join(codes),
        "read_as": ", ".join(f"{c} {depts[c].name}" for c in codes),
        "other": ", ".join(f"R{c} ({region_list[c].name})" for c in codes),
    }


def _zone_hint(token: str) -> dict[str, Any]:
    """The unknown part alone, and a close name when there is one; a word in capitals that
    looks like an abbreviation gets the list of known abbreviations, never a name that
    merely looks alike (``DROM`` is not the Drôme, ``ARA`` not the Jura)."""
    fields: dict[str, Any] = {"part": token}
    if _ABBREVIATION_LIKE.match(token):
        fields["hint"] = "hint-zone-abbreviations"  # lists ABBREVIATIONS (a test checks it)
        return fields
    town = v.chief_town_hint(token)
    if town:  # « Lyon »: the département whose chief town it is
        return {**fields, **town}
    names = [r.name for r in regions().values()] + [d.name for d in departements().values()]
    keys = {alias_key(n): n for n in names}
    typed = alias_key(token)
    # the words of one name only (« Cote d Azur »): that name, not one that looks alike
    # (« Côte-d'Or »)
    within = [name for key, name in keys.items() if f" {typed} " in f" {key} "]
    if len(within) == 1:
        fields["suggestion"] = within[0]
        return fields
    close = close_matches(typed, keys, n=1, cutoff=0.75)
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
        self.spellings: dict[str, str] = {}  # a name's key -> the name as first written

    def check_rows(self, block: Block) -> None:
        self.duplicates(block, "partenaire", self.names, name_key)
        for value in block.clean.get("partenaire") or ():
            if value is not None:
                self.spellings.setdefault(name_key(value), value)
