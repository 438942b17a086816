"""The SQLite ledger. Every change is one transaction; an allocation holds the write lock
from reading what earlier runs committed to recording its own shipments, so two ``ordis``
processes on one ledger never allocate the same units twice (the second waits, then sees
the first one's run)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..allocation import Earlier, Plan, Shipment
from ..errors import OrdisError
from ..inputs import Inputs
from ..models import DeviceType

SCHEMA_VERSION = "2"
BUSY_TIMEOUT_MS = 120_000


class LedgerError(OrdisError):
    """The ledger cannot be opened or used (not a ledger, locked too long, read-only...)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class RunFile:
    role: str
    path: str
    sha256: str


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Ledger:
    """A ledger file, created on first use (``existing=True``: refuse a missing one)."""

    def __init__(self, path: Path, existing: bool = False) -> None:
        self.path = path
        if existing and not path.exists():
            raise LedgerError("no-ledger", f"{path} : registre introuvable. Il est créé par "
                              "« ordis allocate » ; indiquez-le avec --ledger ou ORDIS_LEDGER.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000,
                                      isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            schema = resources.files("ordis_cli.ledger").joinpath("schema.sql").read_text()
            self.db.executescript(schema)  # every statement is IF NOT EXISTS
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                            (SCHEMA_VERSION,))
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise LedgerError("bad-ledger", f"{path} : ce n'est pas un registre ordis "
                              f"utilisable ({exc}).") from exc
        if found[0] != SCHEMA_VERSION:
            self.db.close()
            raise LedgerError("ledger-version", f"{path} : registre au format {found[0]}, "
                              f"cette version d'ordis lit le format {SCHEMA_VERSION}.")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction; ``write`` takes the write lock at once (BEGIN IMMEDIATE)."""
        try:
            self.db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.OperationalError as exc:
            raise LedgerError("ledger-busy", f"{self.path} : registre occupé ({exc}).") from exc
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # --- what earlier runs committed ------------------------------------------------

    def earlier(self, run_date: dt.date) -> Earlier:
        """Units committed by earlier runs: all of an active run's shipments, and what was
        delivered of a cancelled run's. Runs of the same date also count against the cap
        and the shippers' capacities."""
        rows = self.db.execute(
            "SELECT s.*, r.status, r.run_date FROM shipments s JOIN runs r ON r.id = s.run_id"
        ).fetchall()
        committed: list[Shipment] = []
        same_day: list[Shipment] = []
        for row in rows:
            quantity = row["quantity"] if row["status"] == "active" else (
                row["delivered_quantity"] or 0)
            if not quantity:
                continue
            shipment = Shipment(row["lot_id"], row["structure_id"], DeviceType(row["device"]),
                                DeviceType(row["counted_as"]), quantity, row["shipper"],
                                row["round"], row["distance_km"])
            committed.append(shipment)
            if row["status"] == "active" and row["run_date"] == run_date.isoformat():
                same_day.append(shipment)
        return Earlier.from_shipments(committed, same_day)

    # --- recording a run ------------------------------------------------------------

    def record_run(self, run_date: dt.date, policy: str, version: str, out_dir: str | None,
                   files: Iterable[RunFile], plan: Plan, inputs: Inputs) -> tuple[int, list[str]]:
        """Insert the run, its shipments (numbered ``E<run>-<n>``) and the latest needs and
        lots; return the run id and the shipment ids, in the plan's order. Call it inside
        ``transaction()``."""
        units = sum(s.quantity for s in plan.shipments)
        cursor = self.db.execute(
            "INSERT INTO runs (created_at, run_date, policy, version, out_dir, shipments, units)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (_now(), run_date.isoformat(), policy, version, out_dir, len(plan.shipments), units))
        run_id = int(cursor.lastrowid or 0)
        self.db.executemany("INSERT INTO run_files VALUES (?, ?, ?, ?)",
                            [(run_id, f.role, f.path, f.sha256) for f in files])
        ids = [f"E{run_id}-{n:05d}" for n in range(1, len(plan.shipments) + 1)]
        departement = {s.id: s.departement for s in inputs.structures}
        self.db.executemany(
            "INSERT INTO shipments (id, run_id, lot_id, structure_id, departement, donor, "
            "donor_type, device, counted_as, quantity, shipper, round, distance_km) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(ident, run_id, s.lot_id, s.structure_id, departement[s.structure_id],
              inputs.lot_info[s.lot_id].donor, inputs.lot_info[s.lot_id].donor_type,
              s.device.value, s.counted_as.value, s.quantity, s.shipper, str(s.round),
              s.distance_km)
             for ident, s in zip(ids, plan.shipments, strict=True)])
        self._snapshot(run_id, inputs)
        return run_id, ids

    def _snapshot(self, run_id: int, inputs: Inputs) -> None:
        """Replace the latest needs and lots (no names, addresses or contacts)."""
        self.db.execute("DELETE FROM needs")
        self.db.executemany(
            "INSERT INTO needs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(s.id, s.departement, inputs.contacts[s.id].get("type_structure"), s.priority,
              None if s.internet is None else int(s.internet),
              s.requested_on.isoformat() if s.requested_on else None,
              inputs.contacts[s.id].get("nb_enfants"), *s.need, run_id)
             for s in inputs.structures])
        self.db.execute("DELETE FROM lots")
        rows: list[tuple[Any, ...]] = []
        for lot in inputs.lots:
            info = inputs.lot_info[lot.id]
            rows.append((lot.id, lot.donor, info.donor_type, lot.device.value, lot.quantity,
                         lot.departement, lot.shipper,
                         lot.available_on.isoformat() if lot.available_on else None, None,
                         run_id))
        for gift in inputs.gifts:
            rows.append((gift.id, gift.donor, gift.donor_type, None, None, None, None, None,
                         gift.amount_eur, run_id))
        self.db.executemany("INSERT INTO lots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    # --- reading runs ---------------------------------------------------------------

    def runs(self) -> list[RunRecord]:
        rows = self.db.execute(
            "SELECT r.*, COALESCE(SUM(s.delivered_quantity), 0) AS delivered FROM runs r "
            "LEFT JOIN shipments s ON s.run_id = r.id GROUP BY r.id ORDER BY r.id").fetchall()
        return [RunRecord(row["id"], row["created_at"], row["run_date"], row["status"],
                          row["policy"], row["version"], row["out_dir"], row["shipments"],
                          row["units"], row["delivered"]) for row in rows]

    def run(self, run_id: int) -> RunRecord | None:
        return next((r for r in self.runs() if r.id == run_id), None)

    def run_files(self, run_id: int) -> list[RunFile]:
        rows = self.db.execute("SELECT role, path, sha256 FROM run_files WHERE run_id = ? "
                               "ORDER BY role", (run_id,)).fetchall()
        return [RunFile(r["role"], r["path"], r["sha256"]) for r in rows]

    def shipments(self, run_id: int | None = None) -> list[StoredShipment]:
        query = ("SELECT s.*, r.status AS run_status FROM shipments s "
                 "JOIN runs r ON r.id = s.run_id")
        rows = self.db.execute(query + (" WHERE s.run_id = ?" if run_id else "") +
                               " ORDER BY s.run_id, s.id",
                               (run_id,) if run_id else ()).fetchall()
        return [_stored(row) for row in rows]

    def shipments_by_id(self, ids: Iterable[str]) -> dict[str, StoredShipment]:
        found: dict[str, StoredShipment] = {}
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self.db.execute(
                "SELECT s.*, r.status AS run_status FROM shipments s JOIN runs r "
                f"ON r.id = s.run_id WHERE s.id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall()
            found.update((row["id"], _stored(row)) for row in rows)
        return found

    # --- changes after a run --------------------------------------------------------

    def cancel(self, run_id: int) -> None:
        self.db.execute("UPDATE runs SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
                        (_now(), run_id))

    def record_delivery(self, shipment_id: str, delivered_on: dt.date, quantity: int,
                        comment: str | None) -> None:
        self.db.execute(
            "UPDATE shipments SET delivered_on = ?, delivered_quantity = ?, comment = ?, "
            "delivery_recorded_at = ? WHERE id = ?",
            (delivered_on.isoformat(), quantity, comment, _now(), shipment_id))

    def table(self, query: str, parameters: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, for reports."""
        return self.db.execute(query, parameters).fetchall()


def _stored(row: sqlite3.Row) -> StoredShipment:
    return StoredShipment(row["id"], row["run_id"], row["run_status"], row["lot_id"],
                          row["structure_id"], row["device"], row["quantity"], row["shipper"],
                          row["delivered_on"], row["delivered_quantity"], row["comment"])


def policy_json(policy: Any) -> str:
    return json.dumps(json.loads(policy.model_dump_json()), sort_keys=True)

