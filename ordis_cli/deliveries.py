"""``import_deliveries``: the library entry point behind ``ordis deliveries import``.

Each returned workbook is validated as a delivery file, then checked against the ledger
(known shipment, not cancelled, no more delivered than shipped) and recorded in one
transaction: a file with any error records nothing. Importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from .inputs import rows_of
from .ledger import Ledger
from .messages import Lang
from .models import FileReport, Kind
from .validation import ValidationOptions
from .validation.base import ROW, KindValidator
from .validation.service import validate_inputs


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
    ledger = Ledger(ledger_path)
    try:
        results = [_import_one(path, ledger, options) for path in paths]
    finally:
        ledger.close()
    return DeliveriesImport(ok=all(r.recorded for r in results), files=results)


def _import_one(path: Path, ledger: Ledger, options: ValidationOptions) -> FileImport:
    report, validators = validate_inputs([(path, Kind.DELIVERIES)], options)
    file_report = report.files[0]
    validator = validators[0]
    if validator is None or file_report.errors:
        return FileImport(path=str(path), recorded=False, report=file_report,
                          readable=file_report.readable)
    rows = list(rows_of(validator))
    with ledger.transaction():
        stored = ledger.shipments_by_id(row["id_envoi"] for row in rows)
        before = len(validator.report.problems)
        _check_against_ledger(rows, stored, validator)
        problems = validator.report.problems[before:]
        if problems:
            file_report.add(problems)
            return FileImport(path=str(path), recorded=False, report=file_report)
        counts = _record(rows, stored, ledger)
    return FileImport(path=str(path), recorded=True, report=file_report, new=counts["new"],
                      updated=counts["updated"], unchanged=counts["unchanged"],
                      pending=counts["pending"])


def _check_against_ledger(rows: list[dict[str, Any]], stored: dict[str, Any],
                          validator: KindValidator) -> None:
    report = validator.report
    for row in rows:
        shipment = stored.get(row["id_envoi"])
        if shipment is None:
            report.add("unknown-shipment", row[ROW], "id_envoi", row["id_envoi"])
            continue
        if shipment.run_status != "active":
            report.add("shipment-cancelled", row[ROW], "id_envoi", row["id_envoi"],
                       run=shipment.run_id)
            continue
        delivered = row.get("quantite_livree")
        if delivered is not None and delivered > shipment.quantity:
            report.add("delivered-above-shipped", row[ROW], "quantite_livree", delivered,
                       shipped=shipment.quantity)


def _record(rows: list[dict[str, Any]], stored: dict[str, Any],
            ledger: Ledger) -> dict[str, int]:
    counts = {"new": 0, "updated": 0, "unchanged": 0, "pending": 0}
    for row in rows:
        when = row.get("livre_le")
        if when is None:
            counts["pending"] += 1
            continue
        shipment = stored[row["id_envoi"]]
        delivered = row.get("quantite_livree")
        quantity = shipment.quantity if delivered is None else delivered
        comment = row.get("commentaire")
        if shipment.delivered_on is None:
            counts["new"] += 1
        elif (shipment.delivered_on, shipment.delivered_quantity, shipment.comment) == (
                when.isoformat(), quantity, comment):
            counts["unchanged"] += 1
            continue
        else:
            counts["updated"] += 1
        ledger.record_delivery(shipment.id, when, quantity, comment)
    return counts
