"""Rules for the needs file (``besoins``): one row per request of a structure."""

from __future__ import annotations

from typing import ClassVar

from ..messages import say
from ..models import Kind
from ..schema import QUANTITY_COLUMNS
from ..territory import departement_of_postal_code
from . import values as v
from .base import KindValidator, identifier, quantity
from .columns import Block, Normaliser


class NeedsValidator(KindValidator):
    kind = Kind.NEEDS
    checks: ClassVar[dict[str, tuple[Normaliser, str]]] = {
        "id_structure": (identifier, "bad-quantity"),
        "nom_structure": (identifier, "bad-quantity"),
        "type_structure": (v.structure_type, "bad-quantity"),
        "departement": (v.departement, "bad-quantity"),
        "code_postal": (v.postal_code, "bad-quantity"),
        "commune": (identifier, "bad-quantity"),
        "adresse": (identifier, "bad-quantity"),
        "contact_nom": (identifier, "bad-quantity"),
        "contact_email": (v.email, "bad-quantity"),
        "contact_telephone": (v.phone, "bad-quantity"),
        "nb_enfants": (quantity, "bad-number"),
        "acces_internet": (v.boolean, "bad-quantity"),
        "priorite": (v.priority, "bad-quantity"),
        "date_demande": (v.date, "bad-quantity"),
        **{column: (quantity, "bad-quantity") for column in QUANTITY_COLUMNS},
    }
    required_values = ("id_structure", "nom_structure", "departement")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.structures: dict[str, tuple[str, int]] = {}
        self.address_columns = [c for c in ("adresse", "code_postal", "commune")
                                if c in self.present]
        if not self.address_columns:
            parts = ", ".join(say(f"address-part-{c}", self.report.lang)
                              for c in ("adresse", "code_postal", "commune"))
            self.report.add("missing-address", None, None, missing=parts)

    def check_rows(self, block: Block) -> None:
        self._requests(block)
        self._addresses(block)
        self._structures(block)
        self.large_quantities(block, QUANTITY_COLUMNS)

    def _requests(self, block: Block) -> None:
        """At least one device asked for; no internet and no 4G box gets a suggestion."""
        present = [c for c in QUANTITY_COLUMNS if c in block.clean]
        faulty = {c: block.raw[c] for c in present}
        internet = block.clean.get("acces_internet")
        boxes = block.clean.get("box_4g")
        for index, row in enumerate(block.rows):
            total = 0
            unreadable = False
            for column in present:
                value = block.clean[column][index]
                if value is None:
                    unreadable = unreadable or not v.is_empty(faulty[column][index])
                else:
                    total += value
            if total == 0 and not unreadable:
                self.report.add("no-request", row, None)
            if internet is not None and internet[index] is False and not (
                boxes and boxes[index]
            ):
                self.report.add("suggest-4g-box", row, "acces_internet",
                                block.raw["acces_internet"][index])

    def _addresses(self, block: Block) -> None:
        """A delivery address needs its three parts; the postal code must fit the département."""
        if not self.address_columns:
            return
        absent = [c for c in ("adresse", "code_postal", "commune") if c not in self.present]
        codes = block.clean.get("code_postal")
        depts = block.clean.get("departement")
        raw_codes = block.raw.get("code_postal")
        for index, row in enumerate(block.rows):
            missing = [c for c in self.address_columns if v.is_empty(block.raw[c][index])]
            if missing:
                parts = ", ".join(say(f"address-part-{c}", self.report.lang)
                                  for c in missing + absent)
                self.report.add("missing-address", row, missing[0], missing=parts)
            if codes and depts and raw_codes and codes[index] and depts[index]:
                found = departement_of_postal_code(codes[index])
                if found is not None and found != depts[index]:
                    self.report.add("postal-code-mismatch", row, "code_postal",
                                    raw_codes[index], found=found, expected=depts[index])

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
                self.report.add("conflicting-structure", block.rows[index], "departement",
                                block.raw["departement"][index], first_row=first[1], other=first[0],
                                this=dept, value=ident)
