"""Rules for the donations file (``dons``): one row per lot, equipment or money."""

from __future__ import annotations

from typing import Any, ClassVar

from ..models import Kind
from ..textnorm import fold
from . import values as v
from .base import KindValidator, identifier, positive_quantity
from .columns import Block, Normaliser


class DonationsValidator(KindValidator):
    kind = Kind.DONATIONS
    checks: ClassVar[dict[str, Normaliser]] = {
        "id_don": identifier,
        "donateur": identifier,
        "type_donateur": v.donor_type,
        "materiel": v.material,
        "quantite": positive_quantity,
        "etat": v.state,
        "departement": v.departement,
        "partenaire": identifier,
        "disponible_le": v.date,
        "montant_eur": v.amount,
    }
    required_values = ("id_don", "donateur")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, int] = {}
        # folded partner name -> (name as written, first row)
        self.partners: dict[str, tuple[str, int]] = {}

    def check_rows(self, block: Block) -> None:
        self._lots(block)
        self.duplicates(block, "id_don", self.ids)
        self._partners(block)
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
                self.report.add("missing-quantity", row, "quantite",
                                raw_materials[index] if raw_materials else None)
            if index in no_dept:
                self.report.add("missing-value", row, "departement")

    def _partners(self, block: Block) -> None:
        names = block.clean.get("partenaire")
        if names is None:
            return
        for index, name in enumerate(names):
            if name is not None:
                self.partners.setdefault(fold(name), (name, block.rows[index]))
