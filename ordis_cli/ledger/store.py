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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..allocation import Earlier, Plan, Shipment
from ..messages import Lang
from ..models import DeviceType
from .opening import (
    SQLITE_FAILURES,
    OpenMode,
    from_sqlite,
    open_connection,
    read_identity,
)
from .opening import LedgerError as LedgerError  # raised by Ledger; importable here

if TYPE_CHECKING:  # the ledger never loads the reading stack
    from ..allocation.inputs import Inputs


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


# A run is 'writing' from its commit until its folder is in place.
_OUTPUTS_JOIN = "LEFT JOIN run_outputs o ON o.run_id = r.id"
_RUN_STATUS = ("CASE WHEN r.status = 'active' AND o.state = 'writing' THEN 'writing' "
               "ELSE r.status END")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Ledger:
    """A ledger file, opened ``read``, ``write`` or ``create`` (see ``opening.py``). Its
    ``identity`` is the ledger's random uuid4, given when it is created or first opened for
    writing; None only for an older ledger opened read-only."""

    def __init__(self, path: Path, mode: OpenMode = "create", lang: Lang = "fr") -> None:
        """Open the ledger at ``path``: ``read`` (read-only, never creates or changes it),
        ``write`` (an existing ledger) or ``create`` (made when missing). A file that is not
        a usable ledger is refused untouched (``LedgerError``, exit 2): see ``opening.py``."""
        self.path = path
        self.mode: OpenMode = mode
        self.lang: Lang = lang
        self.db = open_connection(path, mode, lang)
        try:
            self.identity: str | None = read_identity(self.db)
        except SQLITE_FAILURES as exc:
            self.db.close()
            raise from_sqlite(exc, path, lang) from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 *_: object) -> None:
        """Close; an SQLite failure inside the block becomes a ``LedgerError`` (exit 2)."""
        self.close()
        if isinstance(error, SQLITE_FAILURES):
            raise from_sqlite(error, self.path, self.lang) from error

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction; ``write`` takes the write lock at once (BEGIN IMMEDIATE). An
        SQLite failure (busy, read-only, disk full, damaged) becomes a ``LedgerError``."""
        try:
            self.db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except SQLITE_FAILURES as exc:
            raise from_sqlite(exc, self.path, self.lang) from exc
        try:
            yield self.db
        except SQLITE_FAILURES as exc:
            self._rollback()
            raise from_sqlite(exc, self.path, self.lang) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except SQLITE_FAILURES as exc:
            self._rollback()
            raise from_sqlite(exc, self.path, self.lang) from exc

    def _rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

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
                   files: Iterable[RunFile], plan: Plan, inputs: Inputs,
                   outputs: RunOutputs | None = None,
                   retired: Retired | None = None) -> tuple[int, list[str]]:
        """Insert the run, its shipments (numbered ``E<run>-<n>``), where its outputs are
        being written, what it retires, and the latest needs and lots; return the run id and
        the shipment ids, in the plan's order. Call it inside ``transaction()``."""
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
        if outputs is not None:
            self.db.execute(
                "INSERT INTO run_outputs (run_id, host, pid, staging, out_dir, state) "
                "VALUES (?, ?, ?, ?, ?, 'writing')",
                (run_id, outputs.host, outputs.pid, outputs.staging, outputs.out_dir))
        self._snapshot(run_id, inputs, retired or Retired())
        return run_id, ids

    def _snapshot(self, run_id: int, inputs: Inputs, retired: Retired) -> None:
        """Bring the latest needs and lots up to date (no names, addresses or contacts): the
        files' rows replace the known ones; known rows absent from the files stay (a
        structure fully served keeps its request in the figures) unless retired."""
        self.db.executemany(
            "INSERT OR REPLACE INTO needs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(s.id, s.departement, inputs.contacts[s.id].get("type_structure"), s.priority,
              None if s.internet is None else int(s.internet),
              s.requested_on.isoformat() if s.requested_on else None,
              inputs.contacts[s.id].get("nb_enfants"), *s.need, run_id)
             for s in inputs.structures])
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
        self.db.executemany("INSERT OR REPLACE INTO lots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)
        # a row back in the files is no longer retired
        self.db.executemany("DELETE FROM retired WHERE kind = 'structure' AND id = ?",
                            [(s.id,) for s in inputs.structures])
        self.db.executemany("DELETE FROM retired WHERE kind = 'lot' AND id = ?",
                            [(r[0],) for r in rows])
        for kind, table, column, ids in (("structure", "needs", "structure_id",
                                          retired.structures),
                                         ("lot", "lots", "id", retired.lots)):
            self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?",
                                [(i,) for i in ids])
            self.db.executemany("INSERT OR REPLACE INTO retired VALUES (?, ?, ?)",
                                [(kind, i, run_id) for i in ids])

    # --- what the ledger knows of needs and lots -------------------------------------

    def known_needs(self) -> dict[str, tuple[int, int, int, int]]:
        """The latest request of every structure known to the ledger (retired ones left
        out), type by type in ``DEVICE_TYPES`` order."""
        rows = self.db.execute(
            "SELECT structure_id, portable, fixe, tablette, box_4g FROM needs").fetchall()
        return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}

    def known_lots(self) -> dict[str, tuple[str | None, int | None, float | None]]:
        """Every lot and financial gift known to the ledger: (device, quantity, euros)."""
        rows = self.db.execute("SELECT id, device, quantity, amount_eur FROM lots").fetchall()
        return {row[0]: (row[1], row[2], row[3]) for row in rows}

    # --- where a run's workbooks are -------------------------------------------------

    def outputs(self, states: tuple[str, ...] = ("writing", "abandoned")) -> list[OutputRecord]:
        marks = ",".join("?" * len(states))
        rows = self.db.execute(
            "SELECT run_id, host, pid, staging, out_dir, state FROM run_outputs "
            f"WHERE state IN ({marks}) ORDER BY run_id", states).fetchall()
        return [OutputRecord(*row) for row in rows]

    def outputs_written(self, run_id: int) -> None:
        """The run's folder is in place."""
        self.db.execute("UPDATE run_outputs SET state = 'written' WHERE run_id = ?", (run_id,))

    def abandon_run(self, run_id: int) -> None:
        """A run whose workbooks never reached their folder: cancelled (its units are free
        again, its id and shipment ids are never used again)."""
        self.db.execute("UPDATE run_outputs SET state = 'abandoned' WHERE run_id = ?",
                        (run_id,))
        self.db.execute("UPDATE runs SET status = 'cancelled', cancelled_at = ? WHERE id = ? "
                        "AND status = 'active'", (_now(), run_id))

    def forget_staging(self, run_id: int) -> None:
        """An abandoned run's staging folder is gone."""
        self.db.execute("UPDATE run_outputs SET staging = '' WHERE run_id = ?", (run_id,))

    # --- reading runs ---------------------------------------------------------------

    def runs(self) -> list[RunRecord]:
        return self._run_records("", ())

    def run(self, run_id: int) -> RunRecord | None:
        """One run, by one query on its own rows (None: no such run)."""
        found = self._run_records("WHERE r.id = ?", (run_id,))
        return found[0] if found else None

    def _run_records(self, where: str, params: tuple[Any, ...]) -> list[RunRecord]:
        rows = self.db.execute(
            f"SELECT r.*, {_RUN_STATUS} AS shown_status, "
            "COALESCE(SUM(s.delivered_quantity), 0) AS delivered FROM runs r "
            f"{_OUTPUTS_JOIN} LEFT JOIN shipments s ON s.run_id = r.id {where} GROUP BY r.id "
            "ORDER BY r.id", params).fetchall()
        return [RunRecord(row["id"], row["created_at"], row["run_date"], row["shown_status"],
                          row["policy"], row["version"], row["out_dir"], row["shipments"],
                          row["units"], row["delivered"]) for row in rows]

    def run_files(self, run_id: int) -> list[RunFile]:
        rows = self.db.execute("SELECT role, path, sha256 FROM run_files WHERE run_id = ? "
                               "ORDER BY role", (run_id,)).fetchall()
        return [RunFile(r["role"], r["path"], r["sha256"]) for r in rows]

    def shipments(self, run_id: int | None = None) -> list[StoredShipment]:
        query = (f"SELECT s.*, {_RUN_STATUS} AS run_status FROM shipments s "
                 f"JOIN runs r ON r.id = s.run_id {_OUTPUTS_JOIN}")
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
                f"SELECT s.*, {_RUN_STATUS} AS run_status FROM shipments s JOIN runs r "
                f"ON r.id = s.run_id {_OUTPUTS_JOIN} "
                f"WHERE s.id IN ({','.join('?' * len(chunk))})",
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

