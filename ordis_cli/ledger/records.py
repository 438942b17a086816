"""What the ledger's rows are once read, and what a run hands it to record.

Plain frozen records, no SQL: the files a run read (``RunFile``), where its workbooks are
being written (``RunOutputs``, read back as ``OutputRecord``), what it retires
(``Retired``), a run as ``runs list`` shows it (``RunRecord``) and a shipment with its run's
status and its delivery (``StoredShipment``). ``store`` and ``run_recording`` build and
read them, and ``store`` re-exports them where the rest of ordis imports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class RunFile:
    role: str
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class RunOutputs:
    """Where a run's workbooks are being written: the staging folder of this host's
    process ``pid``, to become ``out_dir``."""

    host: str
    pid: int
    staging: str
    out_dir: str


@dataclass(frozen=True, slots=True)
class OutputRecord:
    run_id: int
    host: str
    pid: int
    staging: str
    out_dir: str
    state: str


@dataclass(frozen=True, slots=True)
class Retired:
    """Structures and lots a run retires (``allocate --retire-missing``)."""

    structures: tuple[str, ...] = ()
    lots: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    created_at: str
    run_date: str
    status: str
    policy: str
    version: str
    out_dir: str | None
    shipments: int
    units: int
    delivered: int


@dataclass(frozen=True, slots=True)
class StoredShipment:
    id: str
    run_id: int
    run_status: str
    lot_id: str
    structure_id: str
    device: str
    quantity: int
    shipper: str
    delivered_on: str | None
    delivered_quantity: int | None
    comment: str | None
    gap: str | None = None  # 'perdu' or 'hors service': the units not delivered are lost
    cancelled_at: str | None = None  # the line alone was cancelled (shipments cancel)


def timestamp() -> str:
    """Now, in UTC to the second, as the ledger records when something happened."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def stored_shipment(row: Any) -> StoredShipment:
    return StoredShipment(
        row["id"],
        row["run_id"],
        row["run_status"],
        row["lot_id"],
        row["structure_id"],
        row["device"],
        row["quantity"],
        row["shipper"],
        row["delivered_on"],
        row["delivered_quantity"],
        row["comment"],
        row["gap"],
        row["cancelled_at"],
    )


def committed(row: Any) -> tuple[int, int]:
    """What one shipment line commits: (units counted against the structure's need, units
    taken from the lot). A line cancelled alone: nothing. A cancelled run: what was
    delivered, and the units written off. A line of an active run not closed yet: all of it,
    reserved. A closed line: what was delivered, and the units written off (a shortfall
    without ``gap`` gives its units back to the lot and the need)."""
    if row["cancelled_at"] is not None:
        return 0, 0
    delivered = row["delivered_quantity"] or 0
    lost = row["quantity"] - delivered if row["gap"] and row["delivered_on"] else 0
    if row["status"] != "active":
        return (delivered, delivered + lost) if row["delivered_on"] else (0, 0)
    if row["delivered_on"] is None:
        return row["quantity"], row["quantity"]
    return delivered, delivered + max(lost, 0)
