"""Reading shipment lines from the ledger (``Ledger.shipments_by_id``): only what a line is,
each run's status read once, texts decoded by SQLite — and still read, with U+FFFD, where a
hand-edited ledger holds bytes that are not UTF-8."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from ordis_cli.ledger import Ledger


def _ids(ledger: Path) -> list[str]:
    with closing(sqlite3.connect(ledger)) as db:
        return [row[0] for row in db.execute("SELECT id FROM shipments ORDER BY id")]


def test_lines_by_id_are_the_lines_of_the_ledger(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    ids = _ids(ledger)
    with Ledger(ledger, "read") as opened:
        every = {line.id: line for line in opened.shipments()}
        some = opened.shipments_by_id([*ids[:3], "ENV-unknown", ids[0]])
    assert len(every) == len(ids) > 3
    assert some == {ident: every[ident] for ident in ids[:3]}


def test_a_run_being_written_and_a_cancelled_line_read_as_such(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    first, second = _ids(ledger)[:2]
    with closing(sqlite3.connect(ledger)) as db, db:
        db.execute("UPDATE run_outputs SET state = 'writing'")
        cancelled = "UPDATE shipments SET cancelled_at = '2020-04-21T10:00:00' WHERE id = ?"
        db.execute(cancelled, (second,))
    with Ledger(ledger, "read") as opened:
        found = opened.shipments_by_id([first, second])
    assert {line.run_status for line in found.values()} == {"writing"}
    assert found[second].cancelled_at == "2020-04-21T10:00:00"
    assert found[first].cancelled_at is None


def test_bytes_that_are_not_utf8_read_as_replacement_characters(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    first, second = _ids(ledger)[:2]
    with closing(sqlite3.connect(ledger)) as db, db:
        db.execute("UPDATE shipments SET comment = CAST(X'FF41' AS TEXT) WHERE id = ?", (first,))
    with Ledger(ledger, "read") as opened:
        found = opened.shipments_by_id([first, second])
        again = opened.shipments_by_id([second])  # the next read is as fast as ever
    assert found[first].comment == "\ufffdA"
    assert found[second] == again[second]
