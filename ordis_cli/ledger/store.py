"""The ledger, SQLite or PostgreSQL (``postgres.py``). Every change is one transaction; an
allocation holds the write lock from reading what earlier runs committed to recording its
own shipments, so two ``ordis`` processes on one ledger never allocate the same units twice
(the second waits, then sees the first one's run).

``Ledger`` opens the file, runs the transactions and answers the queries (what earlier runs
committed, the known needs and lots, the runs, their files, outputs and shipments); the
recording of a run is ``RunRecording`` (``run_recording``), which it inherits, and the
records it reads into live in ``records``. Every name importable from here before still is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..devices import DeviceType
from ..messages import Lang
from .location import LedgerPath, LedgerUrl, ledger_location
from .opening import (
    SQLITE_FAILURES,
    OpenMode,
    fetch_all,
    from_sqlite,
    open_connection,
    read_identity,
)
from .opening import LedgerError as LedgerError  # raised by Ledger; importable here
from .records import (
    OutputRecord,
    Retired,
    RunFile,
    RunOutputs,
    RunRecord,
    StoredShipment,
    stored_shipment,
    timestamp,
)
from .run_recording import RunRecording, policy_json

if TYPE_CHECKING:  # the allocation (pydantic) is loaded by the one query that needs it
    from ..allocation import Earlier

__all__ = [
    "Ledger",
    "LedgerError",
    "OutputRecord",
    "Retired",
    "RunFile",
    "RunOutputs",
    "RunRecord",
    "StoredShipment",
    "policy_json",
]


# A run is 'writing' from its commit until its folder is in place.
_OUTPUTS_JOIN = "LEFT JOIN run_outputs o ON o.run_id = r.id"
_RUN_STATUS = (
    "CASE WHEN r.status = 'active' AND o.state = 'writing' THEN 'writing' ELSE r.status END"
)
# The columns of a ``StoredShipment`` but its run's status, in its order: a line also holds
# names, places and figures that no command reading lines one by one needs.
_LINE_COLUMNS = (
    "id, run_id, lot_id, structure_id, device, quantity, shipper, delivered_on, "
    "delivered_quantity, comment, gap, cancelled_at"
)
_SHIPMENTS = (
    f"SELECT s.id, s.run_id, {_RUN_STATUS} AS run_status, s.lot_id, s.structure_id, s.device, "
    "s.quantity, s.shipper, s.delivered_on, s.delivered_quantity, s.comment, s.gap, "
    f"s.cancelled_at FROM shipments s JOIN runs r ON r.id = s.run_id {_OUTPUTS_JOIN}"
)


# What one shipment line commits (``records.committed``, the rule in Python, which a test
# holds these to): units counted against the structure's need (GIVEN) and units gone from the
# lot (TAKEN). A line cancelled alone: nothing; a cancelled run: what was delivered, and the
# units written off; an active line not closed: all of it; a closed line: what was delivered
# and what was written off (a shortfall without ``gap`` goes back to the lot and the need).
_DELIVERED = "COALESCE(s.delivered_quantity, 0)"
_LOST = (
    "CASE WHEN s.gap IS NOT NULL AND s.gap <> '' AND s.delivered_on IS NOT NULL "
    f"AND s.quantity > {_DELIVERED} THEN s.quantity - {_DELIVERED} ELSE 0 END"
)
_GIVEN = (
    "CASE WHEN s.cancelled_at IS NOT NULL THEN 0 "
    f"WHEN r.status <> 'active' THEN CASE WHEN s.delivered_on IS NOT NULL THEN {_DELIVERED} "
    "ELSE 0 END "
    f"WHEN s.delivered_on IS NULL THEN s.quantity ELSE {_DELIVERED} END"
)
_TAKEN = (
    "CASE WHEN s.cancelled_at IS NOT NULL THEN 0 "
    "WHEN r.status <> 'active' THEN CASE WHEN s.delivered_on IS NOT NULL "
    f"THEN {_DELIVERED} + {_LOST} ELSE 0 END "
    f"WHEN s.delivered_on IS NULL THEN s.quantity ELSE {_DELIVERED} + {_LOST} END"
)
_LINES = "FROM shipments s JOIN runs r ON r.id = s.run_id"
_ON_DAY = "r.status = 'active' AND r.run_date = ?"
# given per need, all runs and this day's (one pass); taken per lot; this day's units per
# shipper, found through the index of lines by run
_GIVEN_BY_NEED = (
    f"SELECT s.structure_id, s.counted_as, SUM({_GIVEN}), "
    f"SUM(CASE WHEN {_ON_DAY} THEN {_GIVEN} ELSE 0 END) {_LINES} GROUP BY 1, 2"
)
_TAKEN_BY_LOT = f"SELECT s.lot_id, SUM({_TAKEN}) {_LINES} GROUP BY 1"
_SHIPPED_BY_SHIPPER_ON_DAY = (
    f"SELECT s.shipper, SUM({_TAKEN}) {_LINES} WHERE s.run_id IN "
    "(SELECT id FROM runs WHERE status = 'active' AND run_date = ?) GROUP BY 1"
)


class Ledger(RunRecording):
    """A ledger file, opened ``read``, ``write`` or ``create`` (see ``opening.py``). Its
    ``identity`` is the ledger's random uuid4, given when it is created or first opened for
    writing; None only for an older ledger opened read-only."""

    def __init__(
        self, path: LedgerPath | str, mode: OpenMode = "create", lang: Lang = "fr"
    ) -> None:
        """Open the ledger at ``path`` (a file, or a ``LedgerUrl``: PostgreSQL): ``read``
        (read-only, never creates or changes it), ``write`` (an existing ledger) or
        ``create`` (made when missing). What is not a usable ledger is refused untouched
        (``LedgerError``, exit 2): see ``opening.py`` and ``postgres.py``."""
        path = ledger_location(path)  # a text: a path, or a postgresql:// URL
        self.path = path
        self.mode: OpenMode = mode
        self.lang: Lang = lang
        self.failures: tuple[type[BaseException], ...] = SQLITE_FAILURES
        if isinstance(path, LedgerUrl):
            from . import postgres  # the driver is loaded only for a PostgreSQL ledger

            self.failures = postgres.PG_FAILURES
            self.db: Any = postgres.open_connection(path, mode, lang)
        else:
            self.db = open_connection(path, mode, lang)
        try:
            self.identity: str | None = read_identity(self.db)
        except self.failures as exc:
            self.db.close()
            raise self.failure(exc) from exc

    @property
    def on_postgres(self) -> bool:
        return isinstance(self.path, LedgerUrl)

    def failure(self, exc: BaseException) -> LedgerError:
        """The ``LedgerError`` (exit 2) for a failure of the database."""
        if isinstance(self.path, LedgerUrl):
            from .postgres import from_pg

            return from_pg(exc, self.path, self.lang)
        assert isinstance(exc, Exception)
        return from_sqlite(exc, self.path, self.lang)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, *_: object
    ) -> None:
        """Close; a database failure inside the block becomes a ``LedgerError`` (exit 2)."""
        self.close()
        if error is not None and isinstance(error, self.failures):
            raise self.failure(error) from error

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Any]:
        """One transaction; ``write`` takes the write lock at once (SQLite: BEGIN IMMEDIATE;
        PostgreSQL: the ledger's advisory lock). A database failure (busy, read-only, disk
        full, damaged, server gone) becomes a ``LedgerError``."""
        try:
            if self.on_postgres:
                self.db.begin(write)
            else:
                self.db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except self.failures as exc:
            self._rollback()
            raise self.failure(exc) from exc
        try:
            yield self.db
        except self.failures as exc:
            self._rollback()
            raise self.failure(exc) from exc
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except self.failures as exc:
            self._rollback()
            raise self.failure(exc) from exc

    def _rollback(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except self.failures:  # the connection is gone: nothing was committed
            return

    # --- what earlier runs committed (recording a run: ``RunRecording.record_run``) ---

    def earlier(self, run_date: dt.date) -> Earlier:
        """What earlier runs still commit (the rule of ``records.committed``, summed by the
        database): units given per (structure, type), taken per lot; the lines of active
        runs of the same date also count against the cap and the shippers' capacities.
        Three ``GROUP BY`` answers instead of every line ever recorded, in Python."""
        from ..allocation import Earlier  # not loaded by the read-only commands

        day = (run_date.isoformat(),)
        given = self.db.execute(_GIVEN_BY_NEED, day).fetchall()
        taken = self.db.execute(_TAKEN_BY_LOT).fetchall()
        shipped_day = self.db.execute(_SHIPPED_BY_SHIPPER_ON_DAY, day).fetchall()
        return Earlier(
            {(row[0], DeviceType(row[1])): row[2] for row in given if row[2] > 0},
            {row[0]: row[1] for row in taken if row[1] > 0},
            {(row[0], DeviceType(row[1])): row[3] for row in given if row[3] > 0},
            {row[0]: row[1] for row in shipped_day if row[1] > 0},
        )

    # --- what the ledger knows of needs and lots -------------------------------------

    def known_needs(self) -> dict[str, tuple[int, int, int, int]]:
        """The latest request of every structure known to the ledger (retired ones left
        out), type by type in ``DEVICE_TYPES`` order."""
        rows = self.db.execute(
            "SELECT structure_id, portable, fixe, tablette, box_4g FROM needs"
        ).fetchall()
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
            f"WHERE state IN ({marks}) ORDER BY run_id",
            states,
        ).fetchall()
        return [OutputRecord(*row) for row in rows]

    def outputs_written(self, run_id: int) -> None:
        """The run's folder is in place."""
        self.db.execute("UPDATE run_outputs SET state = 'written' WHERE run_id = ?", (run_id,))

    def abandon_run(self, run_id: int) -> None:
        """A run whose workbooks never reached their folder: cancelled (its units are free
        again, its id and shipment ids are never used again)."""
        self.db.execute("UPDATE run_outputs SET state = 'abandoned' WHERE run_id = ?", (run_id,))
        self.db.execute(
            "UPDATE runs SET status = 'cancelled', cancelled_at = ? WHERE id = ? "
            "AND status = 'active'",
            (timestamp(), run_id),
        )

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
            f"{_OUTPUTS_JOIN} LEFT JOIN shipments s ON s.run_id = r.id {where} "
            "GROUP BY r.id, o.state ORDER BY r.id",
            params,
        ).fetchall()
        return [
            RunRecord(
                row["id"],
                row["created_at"],
                row["run_date"],
                row["shown_status"],
                row["policy"],
                row["version"],
                row["out_dir"],
                row["shipments"],
                row["units"],
                row["delivered"],
            )
            for row in rows
        ]

    def run_files(self, run_id: int) -> list[RunFile]:
        rows = self.db.execute(
            "SELECT role, path, sha256 FROM run_files WHERE run_id = ? ORDER BY role", (run_id,)
        ).fetchall()
        return [RunFile(r["role"], r["path"], r["sha256"]) for r in rows]

    def shipments(self, run_id: int | None = None) -> list[StoredShipment]:
        rows = self.db.execute(
            _SHIPMENTS + (" WHERE s.run_id = ?" if run_id else "") + " ORDER BY s.run_id, s.id",
            (run_id,) if run_id else (),
        ).fetchall()
        return [stored_shipment(row) for row in rows]

    def shipments_by_id(self, ids: Iterable[str]) -> dict[str, StoredShipment]:
        """The lines of these ids that the ledger holds. Each run's status is read once,
        not joined to every line (an import of 100,000 lines reads them all)."""
        found: dict[str, StoredShipment] = {}
        statuses = {
            row[0]: row[1]
            for row in self.db.execute(f"SELECT r.id, {_RUN_STATUS} FROM runs r {_OUTPUTS_JOIN}")
        }
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = fetch_all(
                self.db,
                f"SELECT {_LINE_COLUMNS} FROM shipments WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for ident, run, *rest in rows:
                status = statuses.get(run)
                if status is not None:  # a line of a run the ledger lacks is not one
                    found[ident] = StoredShipment(ident, run, status, *rest)
        return found

    # --- changes after a run --------------------------------------------------------

    def cancel(self, run_id: int) -> None:
        self.db.execute(
            "UPDATE runs SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
            (timestamp(), run_id),
        )

    def record_deliveries(
        self, lines: Iterable[tuple[str, dt.date, int, str | None, str | None]]
    ) -> None:
        """Lines closed, in one batch: each ``(shipment id, date, quantity delivered,
        comment, gap)``, ``gap`` ('perdu', 'hors service') when the units not delivered are
        written off."""
        when = timestamp()
        self._update_lines(
            ("delivered_on", "delivered_quantity", "comment", "gap", "delivery_recorded_at"),
            [
                (ident, day.isoformat(), quantity, comment, gap, when)
                for ident, day, quantity, comment, gap in lines
            ],
        )

    def record_comments(self, comments: Iterable[tuple[str, str]]) -> None:
        """New comments ``(shipment id, comment)`` on lines not delivered yet, in one batch."""
        self._update_lines(("comment",), list(comments))

    def _update_lines(self, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Set ``columns`` of shipment lines, each row ``(id, *values)``: on PostgreSQL one
        set-based update (``PgConnection.bulk_update``), on SQLite one UPDATE a line (as fast
        there: each is a look-up by key in the same file)."""
        bulk = getattr(self.db, "bulk_update", None)
        if bulk is not None:
            bulk("shipments", "id", columns, rows)
            return
        sets = ", ".join(f"{column} = ?" for column in columns)
        self.db.executemany(
            f"UPDATE shipments SET {sets} WHERE id = ?", [(*row[1:], row[0]) for row in rows]
        )

    def cancel_lines(self, shipment_ids: Iterable[str]) -> None:
        """Single lines cancelled (``shipments cancel``): their units are free again."""
        when = timestamp()
        self.db.executemany(
            "UPDATE shipments SET cancelled_at = ? WHERE id = ?",
            [(when, ident) for ident in shipment_ids],
        )

    def table(self, query: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """Rows of a read-only query, for reports (read by name or position)."""
        rows: list[Any] = self.db.execute(query, parameters).fetchall()
        return rows
