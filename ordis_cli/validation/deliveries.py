"""Rules for a dispatch workbook returned by a partner (``livraisons``).

Without the ledger, validation checks what the file says of itself: dates, quantities,
a delivered quantity within the shipped one, no delivery in the future, an ``ecart``
(``perdu``, ``hors service``) only on a line closed short. With the ledger
(``deliveries import``), ``check_against_ledger`` checks that every line is the shipment its
``id_envoi`` names: same lot, structure, equipment and quantity, the right partner, a run
still active, a delivery not dated before that run.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ReadingError
from ..messages import Lang, value_label
from ..models import Kind
from ..names import name_key
from ..textnorm import header_key
from . import values as v
from .base import ROW, KindValidator, identifier, quantity
from .columns import Block, Normaliser
from .read_me import ReadMe, read_me
from .reporter import Reporter

if TYPE_CHECKING:  # the ledger package reads validated inputs: no import at run time
    from ..ledger.store import StoredShipment

SHIPMENT_ID = re.compile(r"E\d+-\d+")

# What the ``ecart`` column may say (folded as headers are), and the value the ledger keeps:
# the units not delivered are written off, instead of going back to the lot.
GAPS = {
    "perdu": "perdu",
    "perdue": "perdu",
    "lost": "perdu",
    "vole": "perdu",
    "stolen": "perdu",
    "horsservice": "hors service",
    "hs": "hors service",
    "casse": "hors service",
    "cassee": "hors service",
    "outoforder": "hors service",
    "broken": "hors service",
}


def gap(raw: Any) -> tuple[str | None, Any]:
    """``perdu`` or ``hors service`` from what a partner wrote (case, accents, spaces and
    punctuation ignored; English too); anything else is ``unknown-gap``."""
    value = v.text(raw)
    if value is None:
        return None, None
    found = GAPS.get(header_key(value))
    return (found, None) if found else (None, ("unknown-gap", {}))


class DeliveriesValidator(KindValidator):
    kind = Kind.DELIVERIES
    checks: ClassVar[dict[str, Normaliser]] = {
        "id_envoi": identifier,
        "id_don": identifier,
        "materiel": v.material,
        "quantite": quantity,
        "id_structure": identifier,
        "livre_le": v.date,
        "quantite_livree": quantity,
        "commentaire": identifier,
        "ecart": gap,
    }
    required_values = ("id_envoi",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, int] = {}
        # the workbook's a_lire facts, for ``deliveries import`` (``take_read_me``)
        self.read_me: ReadMe | None = None
        self.read_me_failure: tuple[str, str] | None = None  # (code, message)

    def take_read_me(self, path: Path, lang: Lang) -> None:
        """Read the ``a_lire`` sheet of the workbook being validated, where its other sheet
        is read (in the contained child): a sheet that cannot be read makes the file
        unreadable, as its shipments would."""
        try:
            self.read_me = read_me(path, lang)
        except ReadingError as error:
            self.read_me_failure = (error.code, error.message)

    def check_rows(self, block: Block) -> None:
        empty = [None] * len(block)
        shipped = block.clean.get("quantite", empty)
        dates = block.clean.get("livre_le", empty)
        delivered = block.clean.get("quantite_livree", empty)
        raw_delivered = block.raw.get("quantite_livree", [""] * len(block))
        undated = set(block.empty("livre_le"))
        gaps = block.clean.get("ecart", empty)
        self.duplicates(block, "id_envoi", self.ids)
        for index, row in enumerate(block.rows):
            when = dates[index]
            if when is not None and when > self.today:
                self.report.add(
                    "future-date",
                    row,
                    "livre_le",
                    block.raw["livre_le"][index],
                    today=self.today.strftime("%d/%m/%Y"),
                )
            count = delivered[index]
            if count is not None and shipped[index] is not None and count > shipped[index]:
                self.report.add(
                    "delivered-above-shipped",
                    row,
                    "quantite_livree",
                    raw_delivered[index],
                    shipped=shipped[index],
                )
            if count and index in undated:
                self.report.add("delivery-without-date", row, "livre_le")
            if gaps[index] is not None:
                self._check_gap(block, index, shipped[index])

    def _check_gap(self, block: Block, index: int, shipped: int | None) -> None:
        """A gap closes a line short: it needs the date the line was closed and a delivered
        quantity below the shipped one (against the ledger when ``quantite`` is absent)."""
        row, raw = block.rows[index], block.raw["ecart"][index]
        if block.clean.get("livre_le", [None] * len(block))[index] is None:
            self.report.add("gap-without-date", row, "livre_le", raw)
            return
        delivered = block.clean.get("quantite_livree", [None] * len(block))[index]
        if shipped is not None and (delivered is None or delivered >= shipped):
            self.report.add("gap-without-shortfall", row, "quantite_livree", raw, shipped=shipped)


@dataclass(frozen=True, slots=True)
class LedgerFacts:
    """What the ledger knows that a returned file is checked against."""

    shipments: Mapping[str, StoredShipment]
    run_dates: Mapping[int, dt.date]
    partner: str | None = None  # the partner the workbook was written for (its a_lire)


# The columns of a returned line that must say what the ledger holds for its id_envoi, and
# the shipment's field each repeats.
LEDGER_COLUMNS = {
    "id_don": "lot_id",
    "id_structure": "structure_id",
    "materiel": "device",
    "quantite": "quantity",
}


def check_against_ledger(
    rows: list[dict[str, Any]], facts: LedgerFacts, report: Reporter
) -> list[dict[str, Any]]:
    """Report what the ledger contradicts; return the rows that are shipment lines (a note
    a partner added below the lines is set aside with a warning)."""
    lines = []
    for row in rows:
        shipment = facts.shipments.get(row["id_envoi"])
        if shipment is None:
            if (
                not SHIPMENT_ID.fullmatch(row["id_envoi"])
                and row.get("livre_le") is None
                and row.get("quantite_livree") is None
            ):
                report.add("ignored-row", row[ROW], "id_envoi", row["id_envoi"])
            else:
                report.add("unknown-shipment", row[ROW], "id_envoi", row["id_envoi"])
            continue
        lines.append(row)
        if not _is_that_shipment(row, shipment, facts, report):
            continue
        if shipment.run_status != "active":
            _not_active(row, shipment, report)
            continue
        if shipment.cancelled_at is not None:
            if row.get("livre_le") is not None:
                report.add(
                    "shipment-line-cancelled",
                    row[ROW],
                    "id_envoi",
                    row["id_envoi"],
                    when=shipment.cancelled_at.replace("T", " ")[:16],
                )
            continue
        _check_delivery(row, shipment, facts, report)
    return lines


def _is_that_shipment(
    row: dict[str, Any], shipment: StoredShipment, facts: LedgerFacts, report: Reporter
) -> bool:
    """Whether every column the ledger also holds says the same (a column the partner
    deleted or a cell left empty is not compared); report each difference."""
    same = True
    for column, field in LEDGER_COLUMNS.items():
        found = row.get(column)
        if found is None:
            continue
        expected = getattr(shipment, field)
        if found == expected:  # the usual case: no case to fold
            continue
        if not (
            isinstance(found, str)
            and isinstance(expected, str)
            and found.casefold() == expected.casefold()
        ):
            report.add(  # a device as the language writes it (« tablette », "tablet")
                "shipment-mismatch",
                row[ROW],
                column,
                value_label(column, found, report.lang) if isinstance(found, str) else found,
                expected=value_label(column, expected, report.lang)
                if isinstance(expected, str)
                else expected,
                shipment=shipment.id,
            )
            same = False
    if facts.partner and _key(facts.partner) != _key(shipment.shipper):
        report.add(
            "other-partner",
            row[ROW],
            "id_envoi",
            row["id_envoi"],
            shipper=shipment.shipper,
            partner=facts.partner,
        )
        same = False
    return same


@functools.lru_cache(maxsize=1024)
def _key(name: str) -> str:
    """``name_key``, once per name: a file of 100,000 lines names a handful of partners."""
    return name_key(name)


def _not_active(row: dict[str, Any], shipment: StoredShipment, report: Reporter) -> None:
    """A cancelled run, or one whose outputs were never completed, takes no delivery."""
    if row.get("livre_le") is None:  # nothing delivered (a quantity alone is said already)
        return
    if shipment.run_status == "cancelled":
        if delivery_change(row, shipment) is not None:
            report.add(
                "shipment-cancelled", row[ROW], "id_envoi", row["id_envoi"], run=shipment.run_id
            )
        return
    report.add(
        "shipment-run-unfinished", row[ROW], "id_envoi", row["id_envoi"], run=shipment.run_id
    )


def _check_delivery(
    row: dict[str, Any], shipment: StoredShipment, facts: LedgerFacts, report: Reporter
) -> None:
    when = row.get("livre_le")
    run_date = facts.run_dates.get(shipment.run_id)
    if when is not None and run_date is not None and when < run_date:
        report.add(
            "delivery-before-run",
            row[ROW],
            "livre_le",
            when,
            run=shipment.run_id,
            run_date=run_date.strftime("%d/%m/%Y"),
        )
    delivered, written = row.get("quantite_livree"), row.get("quantite")
    if written is not None and delivered is not None and delivered > written:
        return  # already said by the file's own check
    if delivered is not None and delivered > shipment.quantity:
        report.add(
            "delivered-above-shipped",
            row[ROW],
            "quantite_livree",
            delivered,
            shipped=shipment.quantity,
        )
    elif (
        row.get("ecart")
        and when is not None
        and written is None
        and (delivered is None or delivered >= shipment.quantity)
    ):
        report.add(
            "gap-without-shortfall",
            row[ROW],
            "quantite_livree",
            row["ecart"],
            shipped=shipment.quantity,
        )


def delivery_change(row: dict[str, Any], shipment: StoredShipment) -> str | None:
    """ "new", "updated", or None when the row says what the ledger already holds. A date
    without a quantity means the whole shipment was delivered."""
    delivered = row.get("quantite_livree")
    quantity = shipment.quantity if delivered is None else delivered
    if shipment.delivered_on is None:
        return "new"
    if (shipment.delivered_on, shipment.delivered_quantity, shipment.comment, shipment.gap) == (
        row["livre_le"].isoformat(),
        quantity,
        row.get("commentaire"),
        row.get("ecart"),
    ):
        return None
    return "updated"
