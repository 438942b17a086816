"""The report's figures are sums the database makes (``GROUP BY`` in ``report.figures``):
they must equal what the rule says line by line — written here in Python, as the report
computed it before — for every state a line can be in, on any day of the report."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ordis_cli.ledger import Ledger
from ordis_cli.names import clean_name, name_key
from ordis_cli.report.figures import ORGANISATIONS, compute
from ordis_cli.territory import region_of

from .test_ledger_commitments import STATES, lines_in_states, tries_on_the_sample_run


def _line_by_line(db: sqlite3.Connection, day: str) -> dict[str, Any]:
    """Dispatched, delivered and lost by type and région, units by partner (delivered and
    waiting), structures equipped and units delivered by day, one line at a time."""
    db.row_factory = sqlite3.Row
    rows = db.execute(
        "SELECT s.*, r.status FROM shipments s JOIN runs r ON r.id = s.run_id "
        "WHERE r.run_date <= ?",
        (day,),
    ).fetchall()
    found: dict[str, Any] = {
        "dispatched": Counter(),
        "delivered": Counter(),
        "lost": Counter(),
        "partners": defaultdict(Counter),
        "equipped": set(),
        "days": Counter(),
        "donors": Counter(),
    }
    for row in rows:
        closed = bool(row["delivered_on"]) and row["delivered_on"] <= day
        done = row["delivered_quantity"] if closed else 0
        written_off = row["quantity"] - done if closed and row["gap"] else 0
        shipped = row["quantity"] if row["status"] == "active" and not closed else done
        if row["cancelled_at"] is not None:
            shipped = written_off = 0
        region = region_of(row["departement"])
        found["lost"][row["device"]] += written_off
        found["dispatched"][(region, row["device"])] += shipped + written_off
        found["delivered"][(region, row["device"])] += done
        partner = found["partners"][clean_name(row["shipper"])]
        partner["delivered"] += done
        if row["status"] == "active" and not closed and row["cancelled_at"] is None:
            partner["pending"] += row["quantity"]
        if row["donor_type"] in ORGANISATIONS and shipped + written_off:
            found["donors"][clean_name(row["donor"])] += shipped + written_off
        if done:
            found["equipped"].add(row["structure_id"])
            found["days"][row["delivered_on"]] += done
    return found


@tries_on_the_sample_run(20)
@given(
    states=st.lists(STATES, min_size=1, max_size=60),
    run_cancelled=st.booleans(),
    day=st.sampled_from(["2020-04-19", "2020-04-26", "2020-04-27", "2020-06-01"]),
)
def test_the_sums_of_the_database_are_those_of_the_lines(
    sample_run: Path,
    tmp_path_factory: Any,
    states: list[tuple[str | None, float | None, str | None, bool]],
    run_cancelled: bool,
    day: str,
) -> None:
    # the rule line by line reads no date without a quantity: none is written
    ledger_path = lines_in_states(
        sample_run, tmp_path_factory, states, run_cancelled, date_alone=False
    )
    with closing(sqlite3.connect(ledger_path)) as db:
        expected = _line_by_line(db, day)
    with Ledger(ledger_path, "read") as ledger:
        figures, details = compute(ledger, dt.date.fromisoformat(day))
    assert figures.lost == {device: expected["lost"][device] for device in figures.lost}
    for region, numbers in figures.by_region.items():
        for device in numbers.delivered:
            assert numbers.dispatched[device] == expected["dispatched"][(region, device)]
            assert numbers.delivered[device] == expected["delivered"][(region, device)]
    assert sum(sum(r.dispatched.values()) for r in figures.by_region.values()) == sum(
        expected["dispatched"].values()
    )
    for partner, progress in details.partner_progress.items():
        assert progress["delivered"] == expected["partners"][partner]["delivered"]
        assert progress["pending"] == expected["partners"][partner]["pending"]
    equipped = len(expected["equipped"])
    assert figures.structures_equipped == (equipped if not 0 < equipped < 3 else "< 3")
    assert sum(week.delivered for week in figures.weekly) == sum(expected["days"].values())
    assert dict(details.donors) == {
        name: units for name, units in expected["donors"].items() if name_key(name)
    }
