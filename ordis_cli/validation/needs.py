"""Rules for the needs file (``besoins``): one row per request of a structure."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..messages import say
from ..models import Kind
from ..schema import QUANTITY_COLUMNS
from ..territory import departement_of_postal_code, finess_key
from . import values as v
from .base import KindValidator, email, identifier, phone, quantity
from .columns import Block, Normaliser

# A FINESS number (the national register of health and social establishments, where MECS
# and foyers de l'enfance are listed): 9 characters, the first two its département (2A/2B in
# Corsica, 97 overseas), the 9th a check key: the Luhn (mod 10) key of the first 8, the rule
# the FINESS register states for its numbers (as SIREN numbers have). The reference corpus
# at hand held no copy of the nomenclature's text: the rule was checked against real numbers
# instead, 750712184 (AP-HP) and 970421038 (CHU de La Réunion). A Corsican letter counts as
# 0 (2A -> 20, the code before 1976) by analogy with other registers: unconfirmed, which is
# one reason these checks are warnings, never errors.
_FINESS = re.compile(r"^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97)\d{7}$")


def finess_faults(ident: str, departement: str | None) -> list[tuple[str, dict[str, str]]]:
    """What is wrong with ``ident`` as a FINESS number of a structure in ``departement``:
    nothing when it does not look like one (a form's own identifier), else its key and, when
    the key is right, its first two characters against the département."""
    number = ident.upper()
    if not _FINESS.match(number):
        return []
    key = finess_key(number[:8])
    if number[8] != key:
        return [("finess-key", {"expected": key, "corrected": number[:8] + key})]
    if departement:
        expected = departement[:2]
        if number[:2] != expected:
            return [
                (
                    "finess-departement",
                    {"prefix": number[:2], "expected": expected, "departement": departement},
                )
            ]
    return []


class NeedsValidator(KindValidator):
    kind = Kind.NEEDS
    checks: ClassVar[dict[str, Normaliser]] = {
        "id_structure": identifier,
        "nom_structure": identifier,
        "type_structure": v.structure_type,
        "departement": v.departement,
        "code_postal": v.postal_code,
        "commune": identifier,
        "adresse": identifier,
        "contact_nom": identifier,
        "contact_email": email,
        "contact_telephone": phone,
        "nb_enfants": quantity,
        "acces_internet": v.boolean,
        "priorite": v.priority,
        "date_demande": v.date,
        **dict.fromkeys(QUANTITY_COLUMNS, quantity),
    }
    number_codes: ClassVar[dict[str, str]] = {"nb_enfants": "bad-number"}
    required_values = ("id_structure", "nom_structure", "departement")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.structures: dict[str, tuple[str, int]] = {}
        self.address_columns = [
            c for c in ("adresse", "code_postal", "commune") if c in self.present
        ]
        if not self.address_columns:
            parts = ", ".join(
                say(f"address-part-{c}", self.report.lang)
                for c in ("adresse", "code_postal", "commune")
            )
            self.report.add("missing-address", None, None, missing=parts)

    def check_rows(self, block: Block) -> None:
        self._requests(block)
        self._addresses(block)
        self._structures(block)
        self._finess(block)
        self.large_quantities(block, QUANTITY_COLUMNS)

    def _requests(self, block: Block) -> None:
        """At least one device asked for; no internet and no 4G box gets a suggestion."""
        present = [c for c in QUANTITY_COLUMNS if c in block.clean]
        if present:
            quantities = zip(*(block.clean[c] for c in present), strict=True)
            refused = set().union(*(block.faulty[c] for c in present))
            for index, asked in enumerate(quantities):
                if not any(asked) and index not in refused:
                    self.report.add("no-request", block.rows[index], None)
        internet = block.clean.get("acces_internet")
        if internet is None:
            return
        boxes = block.clean.get("box_4g") or [None] * len(block)
        for index, (connected, box) in enumerate(zip(internet, boxes, strict=True)):
            if connected is False and not box:
                self.report.add(
                    "suggest-4g-box",
                    block.rows[index],
                    "acces_internet",
                    block.raw["acces_internet"][index],
                )

    def _addresses(self, block: Block) -> None:
        """A delivery address needs its three parts; the postal code must fit the département."""
        if not self.address_columns:
            return
        absent = [c for c in ("adresse", "code_postal", "commune") if c not in self.present]
        missing: dict[int, list[str]] = {}
        for column in self.address_columns:
            for index in block.empty(column):
                missing.setdefault(index, []).append(column)
        for index in sorted(missing):
            columns = missing[index]
            parts = ", ".join(say(f"address-part-{c}", self.report.lang) for c in columns + absent)
            self.report.add("missing-address", block.rows[index], columns[0], missing=parts)
        codes = block.clean.get("code_postal")
        depts = block.clean.get("departement")
        if not codes or not depts:
            return
        code_depts = {code: departement_of_postal_code(code) for code in set(codes) if code}
        for index, (code, dept) in enumerate(zip(codes, depts, strict=True)):
            if code and dept:
                found = code_depts[code]
                if found is not None and found != dept:
                    self.report.add(
                        "postal-code-mismatch",
                        block.rows[index],
                        "code_postal",
                        block.raw["code_postal"][index],
                        found=found,
                        expected=dept,
                    )

    def _structures(self, block: Block) -> None:
        """Several rows of one structure add up; they must agree on the département."""
        ids = block.clean.get("id_structure")
        depts = block.clean.get("departement")
        if ids is None or depts is None:
            return
        seen = self.structures
        for index, (ident, dept) in enumerate(zip(ids, depts, strict=True)):
            if ident is None or dept is None:
                continue
            first = seen.get(ident)
            if first is None:
                seen[ident] = (dept, block.rows[index])
            elif first[0] != dept:
                self.report.add(
                    "conflicting-structure",
                    block.rows[index],
                    "departement",
                    block.raw["departement"][index],
                    first_row=first[1],
                    other=first[0],
                    this=dept,
                    value=ident,
                )

    def _finess(self, block: Block) -> None:
        """An identifier shaped like a FINESS number must have its key and département."""
        ids = block.clean.get("id_structure")
        if ids is None:
            return
        depts = block.clean.get("departement") or [None] * len(block)
        checked: dict[tuple[str, str | None], list[tuple[str, dict[str, str]]]] = {}
        for index, (ident, dept) in enumerate(zip(ids, depts, strict=True)):
            if ident is None or len(ident) != 9:
                continue
            faults = checked.get((ident, dept))
            if faults is None:
                faults = checked[(ident, dept)] = finess_faults(ident, dept)
            for code, fields in faults:
                self.report.add(
                    code,
                    block.rows[index],
                    "id_structure",
                    block.raw["id_structure"][index],
                    **fields,
                )
