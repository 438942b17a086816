"""Rules for the donations file (``dons``): one row per lot, equipment or money."""

from __future__ import annotations

from typing import Any, ClassVar

from ..models import Kind
from ..names import clean_name, name_fault, name_key
from . import values as v
from .base import KindValidator, identifier, positive_quantity
from .columns import Block, Normaliser, TextPattern


def _name(raw: Any) -> tuple[str | None, Any]:
    text = raw if isinstance(raw, str) else v.text(raw)
    return name_fault(clean_name(text) if text is not None else None)


# A partner's or donor's name: most are clean once trimmed; the full check runs on those with
# odd spaces, controls or bidi characters, and on those with no letter or digit at all.
_SUSPECT_NAME = (
    "  |[\t\r\u00a0\u202f\u2009\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f"
    "\u202a-\u202e\u2066-\u2069]"
)
name = TextPattern(_name, f"^.*(?:{_SUSPECT_NAME}).*$|^(?:[^\\w\\n]|_)*$")


class DonationsValidator(KindValidator):
    kind = Kind.DONATIONS
    checks: ClassVar[dict[str, Normaliser]] = {
        "id_don": identifier,
        "donateur": name,
        "type_donateur": v.donor_type,
        "materiel": v.material,
        "quantite": positive_quantity,
        "etat": v.state,
        "departement": v.departement,
        "partenaire": name,
        "adresse_retrait": identifier,
        "contact_retrait": identifier,
        "disponible_le": v.date,
        "montant_eur": v.amount,
    }
    required_values = ("id_don", "donateur")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, int] = {}
        # partner's name key (``names.name_key``) -> (name as written, first row)
        self.partners: dict[str, tuple[str, int]] = {}
        if "type_donateur" not in self.present:
            self.report.add("no-donor-type-column", None)

    def check_rows(self, block: Block) -> None:
        self._lots(block)
        self.duplicates(block, "id_don", self.ids)
        self._partners(block)
        self._donor_types(block)
        self.large_quantities(block, ("quantite",))

    def _lots(self, block: Block) -> None:
        """A lot is equipment (materiel + quantite + departement) or money (montant_eur)."""
        no_material = set(block.empty("materiel"))
        no_amount = set(block.empty("montant_eur"))
        no_quantity = set(block.empty("quantite"))
        no_dept = set(block.empty("departement"))
        refused_material = block.faulty.get("materiel", set())
        raw_materials = block.raw.get("materiel")
        for index in sorted(no_material | no_quantity | no_dept):
            row = block.rows[index]
            if index in no_material:
                if index in no_amount:
                    self.report.add("no-material", row, "materiel")
                continue
            if index in refused_material:
                continue  # unknown-material already reported
            if index in no_quantity:
                self.report.add(
                    "missing-quantity",
                    row,
                    "quantite",
                    raw_materials[index] if raw_materials else None,
                )
            if index in no_dept:
                self.report.add("missing-value", row, "departement")

    def _partners(self, block: Block) -> None:
        names = block.clean.get("partenaire")
        if names is None:
            return
        for index, name in enumerate(names):
            if name is not None:
                self.partners.setdefault(name_key(name), (name, block.rows[index]))

    def _donor_types(self, block: Block) -> None:
        """A donor whose type is not given is treated as a private person in the reports
        (never named): say so where the type is empty (an unknown type says it already)."""
        if "type_donateur" not in block.raw:
            return
        donors = block.clean.get("donateur") or [None] * len(block)
        for index in block.empty("type_donateur"):
            if donors[index] is not None:
                self.report.add("missing-donor-type", block.rows[index], "type_donateur")
