"""Recording an allocation run in the ledger: the run, its shipments and the latest needs.

``RunRecording.record_run`` inserts, inside the caller's write transaction, the run, the
files it read, its shipments (numbered ``E<run>-<n>``), where its workbooks are being
written and what it retires, then brings the ledger's copy of the needs and lots up to
date (no names, addresses or contacts). ``Ledger`` (``store``) inherits it; it is apart
because recording is the one place the ledger writes a whole plan. ``policy_json`` is the
allocation policy as the run row keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .checks import CORE_COLUMNS
from .records import Retired, RunFile, RunOutputs, timestamp

# What a run records of each shipment line: every column up to ``distance_km``; the ones after
# it (delivery, comment, gap, cancellation) come later.
_SHIPMENT_COLUMNS = CORE_COLUMNS["shipments"]
_SHIPPED_COLUMNS = _SHIPMENT_COLUMNS[: _SHIPMENT_COLUMNS.index("distance_km") + 1]

if TYPE_CHECKING:  # the ledger never loads the reading stack (nor, to read, the allocation)
    from ..allocation import Plan
    from ..allocation.inputs import Inputs


class RunRecording:
    """The recording of a run, for ``Ledger``: it writes through the ledger's connection
    ``db``, and only inside ``Ledger.transaction()``."""

    db: Any  # an sqlite3 connection, or postgres.PgConnection

    # --- recording a run ------------------------------------------------------------

    def record_run(
        self,
        run_date: dt.date,
        policy: str,
        version: str,
        out_dir: str | None,
        files: Iterable[RunFile],
        plan: Plan,
        inputs: Inputs,
        outputs: RunOutputs | None = None,
        retired: Retired | None = None,
    ) -> tuple[int, list[str]]:
        """Insert the run, its shipments (numbered ``E<run>-<n>``), where its outputs are
        being written, what it retires, and the latest needs and lots; return the run id and
        the shipment ids, in the plan's order. Call it inside ``transaction()``."""
        units = sum(s.quantity for s in plan.shipments)
        cursor = self.db.execute(
            "INSERT INTO runs (created_at, run_date, policy, version, out_dir, shipments, units)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                timestamp(),
                run_date.isoformat(),
                policy,
                version,
                out_dir,
                len(plan.shipments),
                units,
            ),
        )
        run_id = int(cursor.fetchone()[0])
        self.db.executemany(
            "INSERT INTO run_files VALUES (?, ?, ?, ?)",
            [(run_id, f.role, f.path, f.sha256) for f in files],
        )
        ids = [f"E{run_id}-{n:05d}" for n in range(1, len(plan.shipments) + 1)]
        departement = {s.id: s.departement for s in inputs.structures}
        self._insert(
            "shipments",
            _SHIPPED_COLUMNS,
            [
                (
                    ident,
                    run_id,
                    s.lot_id,
                    s.structure_id,
                    departement[s.structure_id],
                    inputs.lot_info[s.lot_id].donor,
                    inputs.lot_info[s.lot_id].donor_type,
                    s.device.value,
                    s.counted_as.value,
                    s.quantity,
                    s.shipper,
                    str(s.round),
                    s.distance_km,
                )
                for ident, s in zip(ids, plan.shipments, strict=True)
            ],
        )
        if outputs is not None:
            self.db.execute(
                "INSERT INTO run_outputs (run_id, host, pid, staging, out_dir, state) "
                "VALUES (?, ?, ?, ?, ?, 'writing')",
                (run_id, outputs.host, outputs.pid, outputs.staging, outputs.out_dir),
            )
        self._snapshot(run_id, inputs, retired or Retired())
        return run_id, ids

    def _snapshot(self, run_id: int, inputs: Inputs, retired: Retired) -> None:
        """Bring the latest needs and lots up to date (no names, addresses or contacts): the
        files' rows replace the known ones; known rows absent from the files stay (a
        structure fully served keeps its request in the figures) unless retired."""
        self._insert(
            "needs",
            CORE_COLUMNS["needs"],
            [
                (
                    s.id,
                    s.departement,
                    inputs.contacts[s.id].get("type_structure"),
                    s.priority,
                    None if s.internet is None else int(s.internet),
                    s.requested_on.isoformat() if s.requested_on else None,
                    inputs.contacts[s.id].get("nb_enfants"),
                    *s.need,
                    run_id,
                )
                for s in inputs.structures
            ],
            replace=True,
        )
        rows: list[tuple[Any, ...]] = []
        for lot in inputs.lots:
            info = inputs.lot_info[lot.id]
            rows.append(
                (
                    lot.id,
                    lot.donor,
                    info.donor_type,
                    lot.device.value,
                    lot.quantity,
                    lot.departement,
                    lot.shipper,
                    lot.available_on.isoformat() if lot.available_on else None,
                    None,
                    run_id,
                )
            )
        for gift in inputs.gifts:
            rows.append(
                (
                    gift.id,
                    gift.donor,
                    gift.donor_type,
                    None,
                    None,
                    None,
                    None,
                    None,
                    gift.amount_eur,
                    run_id,
                )
            )
        self._insert("lots", CORE_COLUMNS["lots"], rows, replace=True)
        # a row back in the files is no longer retired
        self._unretire("structure", [s.id for s in inputs.structures])
        self._unretire("lot", [r[0] for r in rows])
        for kind, table, column, ids in (
            ("structure", "needs", "structure_id", retired.structures),
            ("lot", "lots", "id", retired.lots),
        ):
            self.db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in ids])
            self.db.executemany(
                "INSERT OR REPLACE INTO retired VALUES (?, ?, ?)", [(kind, i, run_id) for i in ids]
            )

    def _insert(
        self,
        table: str,
        columns: tuple[str, ...],
        rows: list[tuple[Any, ...]],
        replace: bool = False,
    ) -> None:
        """Many rows at once (``replace``: a row of the same key is replaced): PostgreSQL
        takes them by COPY (``PgConnection.bulk_insert``), SQLite by executemany."""
        bulk = getattr(self.db, "bulk_insert", None)
        if bulk is not None:
            bulk(table, columns, rows, replace)
            return
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        marks = ", ".join("?" * len(columns))
        self.db.executemany(f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def _unretire(self, kind: str, ids: list[str]) -> None:
        if not self.db.execute("SELECT 1 FROM retired LIMIT 1").fetchall():
            return  # nothing retired: nothing to look for
        if hasattr(self.db, "bulk_insert"):  # PostgreSQL: one statement, the ids as an array
            self.db.execute("DELETE FROM retired WHERE kind = ? AND id = ANY(?)", (kind, ids))
            return
        self.db.executemany(
            "DELETE FROM retired WHERE kind = ? AND id = ?", [(kind, i) for i in ids]
        )


def policy_json(policy: Any) -> str:
    return json.dumps(json.loads(policy.model_dump_json()), sort_keys=True)
