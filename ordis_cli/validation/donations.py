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
    checks: ClassVar[dict[str, tuple[Normaliser, str]]] = {
        "id_don": (identifier, "bad-quantity"),
        "donateur": (identifier, "bad-quantity"),
        "type_donateur": (v.donor_type, "bad-quantity"),
        "materiel": (v.material, "bad-quantity"),
        "quantite": (positive_quantity, "bad-quantity"),
        "etat": (v.state, "bad-quantity"),
        "departement": (v.departement, "bad-quantity"),
        "partenaire": (identifier, "bad-quantity"),
        "disponible_le": (v.date, "bad-quantity"),
        "montant_eur": (v.amount, "bad-quantity"),
    }
    required_values = ("id_don", "donateur")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, int] = {}
        # folded partner name -> (name as written, first row)
        self.partners: dict[str, tuple[str, int]] = {}

    def check_rows(self, block: Block) -> None:
        self._lots(block)
        self._unique_ids(block)
        self._partners(block)
        self.large_quantities(block, ("quantite",))

    def _lots(self, block: Block) -> None:
        """A lot is equipment (materiel + quantite + departement) or money (montant_eur)."""
        empty = [None] * len(block)
        materials = block.clean.get("materiel", empty)
        depts = block.clean.get("departement", empty)
        raw_empty = [""] * len(block)
        raw_materials = block.raw.get("materiel", raw_empty)
        raw_quantities = block.raw.get("quantite", raw_empty)
        raw_amounts = block.raw.get("montant_eur", raw_empty)
        raw_depts = block.raw.get("departement", raw_empty)
        for index, row in enumerate(block.rows):
            has_material = not v.is_empty(raw_materials[index])
            if not has_material:
                if v.is_empty(raw_amounts[index]):
                    self.report.add("no-material", row, "materiel")
                continue
            if materials[index] is None:
                continue  # unknown-material already reported
            if v.is_empty(raw_quantities[index]):
                self.report.add("missing-quantity", row, "quantite", raw_materials[index])
            if depts[index] is None and v.is_empty(raw_depts[index]):
                self.report.add("missing-value", row, "departement")

    def _unique_ids(self, block: Block) -> None:
        ids = block.clean.get("id_don")
        if ids is None:
            return
        for index, ident in enumerate(ids):
            if ident is None:
                continue
            first = self.ids.setdefault(ident, block.rows[index])
            if first != block.rows[index]:
                self.report.add("duplicate-id", block.rows[index], "id_don",
                                block.raw["id_don"][index], first_row=first)

    def _partners(self, block: Block) -> None:
        names = block.clean.get("partenaire")
        if names is None:
            return
        for index, name in enumerate(names):
            if name is not None:
                self.partners.setdefault(fold(name), (name, block.rows[index]))
