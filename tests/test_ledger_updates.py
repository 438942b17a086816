"""Deliveries and comments recorded in one batch (``Ledger.record_deliveries`` and
``record_comments``): on SQLite one UPDATE a line, on PostgreSQL one set-based update through
a temporary table — the same lines changed, the others untouched, on both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ordis_cli.ledger import Ledger
from ordis_cli.ledger.location import ledger_location

from .conftest import ledger_of, ledger_rows

COLUMNS = "id, delivered_on, delivered_quantity, comment, gap, quantity"


def test_a_batch_changes_its_lines_and_no_other(run_both: Path) -> None:
    ledger = str(ledger_of(run_both))
    before = ledger_rows(ledger, f"SELECT {COLUMNS} FROM shipments ORDER BY id")
    first, second, third = (row[0] for row in before[:3])
    day = dt.date(2020, 4, 27)
    with Ledger(ledger_location(ledger), "write") as opened, opened.transaction():
        opened.record_deliveries(
            [
                (first, day, 1, "livré au portail", None),
                (second, day, 0, None, "perdu"),
                (first, day, 2, "corrigé", None),  # the same line twice: the last wins
            ]
        )
        opened.record_comments([(third, "rappeler lundi")])
        opened.record_comments([])
    after = {row[0]: row for row in ledger_rows(ledger, f"SELECT {COLUMNS} FROM shipments")}
    assert after[first][1:5] == ("2020-04-27", 2, "corrigé", None)
    assert after[second][1:5] == ("2020-04-27", 0, None, "perdu")
    assert after[third][1:5] == (None, None, "rappeler lundi", None)
    untouched = [row for row in before if row[0] not in {first, second, third}]
    assert untouched and all(after[row[0]] == row for row in untouched)
    stamped = ledger_rows(
        ledger, "SELECT COUNT(*) FROM shipments WHERE delivery_recorded_at IS NOT NULL"
    )
    assert stamped == [(2,)]
