"""Rules for a dispatch workbook returned by a partner (``livraisons``).

Without the ledger, validation checks what the file says of itself: dates, quantities,
a delivered quantity within the shipped one, no delivery in the future.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..models import Kind
from . import values as v
from .base import KindValidator, identifier, quantity
from .columns import Block, Normaliser


class DeliveriesValidator(KindValidator):
    kind = Kind.DELIVERIES
    checks: ClassVar[dict[str, Normaliser]] = {
        "id_envoi": identifier,
        "quantite": quantity,
        "livre_le": v.date,
        "quantite_livree": quantity,
        "commentaire": identifier,
    }
    required_values = ("id_envoi",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, int] = {}

    def check_rows(self, block: Block) -> None:
        empty = [None] * len(block)
        shipped = block.clean.get("quantite", empty)
        dates = block.clean.get("livre_le", empty)
        delivered = block.clean.get("quantite_livree", empty)
        raw_delivered = block.raw.get("quantite_livree", [""] * len(block))
        undated = set(block.empty("livre_le"))
        self.duplicates(block, "id_envoi", self.ids)
        for index, row in enumerate(block.rows):
            when = dates[index]
            if when is not None and when > self.today:
                self.report.add("future-date", row, "livre_le", block.raw["livre_le"][index],
                                today=self.today.strftime("%d/%m/%Y"))
            count = delivered[index]
            if count is not None and shipped[index] is not None and count > shipped[index]:
                self.report.add("delivered-above-shipped", row, "quantite_livree",
                                raw_delivered[index], shipped=shipped[index])
            if count and index in undated:
                self.report.add("delivery-without-date", row, "livre_le")
