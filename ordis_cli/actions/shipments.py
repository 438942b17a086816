"""``cancel_shipments``: the library entry point behind ``ordis shipments cancel``.

Single lines not yet delivered, of active runs, are cancelled: their units go back to the
lot and to the structure's need for the next run (SPEC §5). All or nothing: one id that
cannot be cancelled (unknown, delivered, of a cancelled run, already cancelled) and nothing
is changed; every such id is said.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..errors import OrdisError
from ..ledger import Ledger
from ..ledger.location import LedgerPath
from ..ledger.store import StoredShipment
from ..messages import Lang, say
from ..models import DEVICE_TYPES


class ShipmentsCancelled(BaseModel):
    """The lines cancelled and the units freed, by type (the four keys)."""

    cancelled: list[str]
    freed: dict[str, int]


class ShipmentsRefused(OrdisError):
    """Lines that cannot be cancelled (exit 1): ``refused`` holds (id, code, sentence) for
    each; nothing was changed."""

    exit_code = 1

    def __init__(self, refused: list[tuple[str, str, str]]) -> None:
        super().__init__(refused[0][1], "\n".join(sentence for _, _, sentence in refused))
        self.refused = refused


def _refusal(ident: str, shipment: StoredShipment | None, lang: Lang) -> str | None:
    """The code that stops ``ident`` from being cancelled, or None."""
    if shipment is None:
        return "unknown-shipment"
    if shipment.cancelled_at is not None:
        return "cancel-already-cancelled"
    if shipment.run_status == "cancelled":
        return "cancel-run-cancelled"
    if shipment.run_status != "active":
        return "shipment-run-unfinished"
    if shipment.delivered_on is not None:
        return "cancel-delivered"
    return None


def _sentence(code: str, ident: str, shipment: StoredShipment | None, lang: Lang) -> str:
    when = ""
    if shipment is not None:
        when = (
            (shipment.cancelled_at or "").replace("T", " ")[:16]
            if code == "cancel-already-cancelled"
            else shipment.delivered_on or ""
        )
    return say(code, lang, value=ident, run=shipment.run_id if shipment else "", when=when)


def cancel_shipments(
    ids: list[str], ledger_path: LedgerPath | str, lang: Lang = "fr"
) -> ShipmentsCancelled:
    """Cancel the lines ``ids`` (see the module's description), in one transaction."""
    wanted = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    with Ledger(ledger_path, "write", lang) as ledger, ledger.transaction():
        stored = ledger.shipments_by_id(wanted)
        refused = []
        for ident in wanted:
            code = _refusal(ident, stored.get(ident), lang)
            if code is not None:
                refused.append((ident, code, _sentence(code, ident, stored.get(ident), lang)))
        if refused:
            raise ShipmentsRefused(refused)
        ledger.cancel_lines(wanted)
    freed = dict.fromkeys((d.value for d in DEVICE_TYPES), 0)
    for ident in wanted:
        freed[stored[ident].device] += stored[ident].quantity
    return ShipmentsCancelled(cancelled=wanted, freed=freed)
