"""``import_deliveries``: the library entry point behind ``ordis deliveries import``.

Each returned workbook is validated as a delivery file, then checked against the ledger
(known shipment, not cancelled, no more delivered than shipped) and recorded in one
transaction: a file with any error records nothing. Importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from .inputs import rows_of
from .ledger import Ledger
from .ledger.store import StoredShipment
from .messages import Lang
from .models import FileReport, Kind
from .validation import ValidationOptions
from .validation.base import ROW, KindValidator
from .validation.service import validate_inputs

SHIPMENT_ID = re.compile(r"E\d+-\d+")


class FileImport(BaseModel):
    """What importing one file did (or why it did nothing)."""

    path: str
    recorded: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    pending: int = 0
    report: FileReport
    readable: bool = Field(default=True, exclude=True)


class DeliveriesImport(BaseModel):
    ok: bool
    files: list[FileImport]

    @property
    def readable(self) -> bool:
        return all(f.readable for f in self.files)


def import_deliveries(paths: list[Path], ledger_path: Path, lang: Lang,
                      today: dt.date | None = None) -> DeliveriesImport:
    options = ValidationOptions(lang=lang, today=today or dt.date.today(), keep_data=True)
    ledger = Ledger(ledger_path, existing=True)
    try:
        results = [_import_one(path, ledger, options) for path in paths]
    finally:
        ledger.close()
    return DeliveriesImport(ok=all(r.recorded for r in results), files=results)


def _import_one(path: Path, ledger: Ledger, options: ValidationOptions) -> FileImport:
    report, validators = validate_inputs([(path, Kind.DELIVERIES)], options)
    file_report = report.files[0]
    validator = validators[0]
    if validator is None or validator.kept is None:
        return FileImport(path=str(path), recorded=False, report=file_report,
                          readable=file_report.readable)
    rows = [row for row in rows_of(validator) if row.get("id_envoi")]
    with ledger.transaction():
        stored = ledger.shipments_by_id(row["id_envoi"] for row in rows)
        before = len(validator.report.problems)
        rows = _check_against_ledger(rows, stored, validator)
        file_report.add(validator.report.problems[before:])
        if file_report.errors:  # from the file itself or from the ledger: record nothing
            return FileImport(path=str(path), recorded=False, report=file_report)
        counts = _record(rows, stored, ledger)
    return FileImport(path=str(path), recorded=True, report=file_report, new=counts["new"],
                      updated=counts["updated"], unchanged=counts["unchanged"],
                      pending=counts["pending"])


def _check_against_ledger(rows: list[dict[str, Any]], stored: dict[str, StoredShipment],
                          validator: KindValidator) -> list[dict[str, Any]]:
    """Report what the ledger contradicts; return the rows that are shipment lines (a note
    a partner added below the lines is set aside with a warning)."""
    report = validator.report
    lines = []
    for row in rows:
        shipment = stored.get(row["id_envoi"])
        if shipment is None:
            if (not SHIPMENT_ID.fullmatch(row["id_envoi"]) and row.get("livre_le") is None
                    and row.get("quantite_livree") is None):
                report.add("ignored-row", row[ROW], "id_envoi", row["id_envoi"])
            else:
                report.add("unknown-shipment", row[ROW], "id_envoi", row["id_envoi"])
            continue
        lines.append(row)
        if shipment.run_status != "active":
            if row.get("livre_le") is not None and _change(row, shipment) is not None:
                report.add("shipment-cancelled", row[ROW], "id_envoi", row["id_envoi"],
                           run=shipment.run_id)
            continue
        delivered, written = row.get("quantite_livree"), row.get("quantite")
        if written is not None and delivered is not None and delivered > written:
            continue  # already said by the file's own check
        if delivered is not None and delivered > shipment.quantity:
            report.add("delivered-above-shipped", row[ROW], "quantite_livree", delivered,
                       shipped=shipment.quantity)
    return lines


def _change(row: dict[str, Any], shipment: StoredShipment) -> str | None:
    """"new", "updated", or None when the row says what the ledger already holds. A date
    without a quantity means the whole shipment was delivered."""
    delivered = row.get("quantite_livree")
    quantity = shipment.quantity if delivered is None else delivered
    if shipment.delivered_on is None:
        return "new"
    if (shipment.delivered_on, shipment.delivered_quantity, shipment.comment) == (
            row["livre_le"].isoformat(), quantity, row.get("commentaire")):
        return None
    return "updated"


def _record(rows: list[dict[str, Any]], stored: dict[str, StoredShipment],
            ledger: Ledger) -> dict[str, int]:
    counts = {"new": 0, "updated": 0, "unchanged": 0, "pending": 0}
    for row in rows:
        when = row.get("livre_le")
        if when is None:
            counts["pending"] += 1
            continue
        shipment = stored[row["id_envoi"]]
        change = _change(row, shipment)
        counts[change or "unchanged"] += 1
        if change is not None:
            delivered = row.get("quantite_livree")
            ledger.record_delivery(shipment.id, when,
                                   shipment.quantity if delivered is None else delivered,
                                   row.get("commentaire"))
    return counts
