"""What earlier runs commit is summed by the database (``Ledger.earlier``): it must say what
the rule written in Python says (``records.committed``) for every state a line can be in —
waiting, delivered whole or short, short and lost, cancelled alone, in a cancelled run, of
this run's day or another."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordis_cli.allocation import Commitment, Earlier
from ordis_cli.devices import DeviceType
from ordis_cli.ledger import Ledger
from ordis_cli.ledger.records import committed

from .conftest import DATE
from .depth import examples

# (delivered_on, delivered share of the quantity: None, 0, half, all; gap; cancelled alone)
STATES = st.tuples(
    st.sampled_from([None, "2020-04-27"]),
    st.sampled_from([None, 0.0, 0.5, 1.0]),
    st.sampled_from([None, "", "perdu", "hors service"]),
    st.booleans(),
)


def tries_on_the_sample_run(n: int) -> Any:
    """The settings of a property tried ``n`` times (``examples``) on copies of
    ``sample_run``'s ledger, made within the test (``lines_in_states``)."""
    return settings(
        max_examples=examples(n),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


def lines_in_states(
    sample_run: Path,
    tmp_path_factory: Any,
    states: list[tuple[str | None, float | None, str | None, bool]],
    run_cancelled: bool,
    *,
    date_alone: bool,
) -> Path:
    """A copy of ``sample_run``'s ledger whose first lines are put in ``states`` (one each,
    in id order), its run cancelled if ``run_cancelled``. ``date_alone``: a delivery date
    with no delivered share stays, a date without a quantity; otherwise it is dropped."""
    ledger_path = Path(str(tmp_path_factory.mktemp("states"))) / "ordis.db"
    shutil.copyfile(sample_run / "ordis.db", ledger_path)
    with closing(sqlite3.connect(ledger_path)) as db, db:
        ids = [row[0] for row in db.execute("SELECT id FROM shipments ORDER BY id")]
        for ident, (on, share, gap, alone) in zip(ids, states, strict=False):
            quantity = db.execute("SELECT quantity FROM shipments WHERE id = ?", (ident,))
            (units,) = quantity.fetchone()
            delivered = None if share is None or on is None else int(units * share)
            on = on if delivered is not None or date_alone else None
            db.execute(
                "UPDATE shipments SET delivered_on = ?, delivered_quantity = ?, gap = ?, "
                "cancelled_at = ? WHERE id = ?",
                (
                    on,
                    delivered,
                    gap if on and delivered is not None and gap else None,
                    "2020-04-25T10:00:00" if alone and on is None else None,
                    ident,
                ),
            )
        if run_cancelled:
            db.execute("UPDATE runs SET status = 'cancelled'")
    return ledger_path


def _python_rule(db: sqlite3.Connection, day: str) -> Earlier:
    db.row_factory = sqlite3.Row
    rows = db.execute(
        "SELECT s.*, r.status, r.run_date FROM shipments s JOIN runs r ON r.id = s.run_id"
    ).fetchall()
    lines = []
    for row in rows:
        given_units, taken = committed(row)
        same_day = row["status"] == "active" and row["run_date"] == day
        lines.append(
            Commitment(
                row["lot_id"],
                row["structure_id"],
                DeviceType(row["counted_as"]),
                row["shipper"],
                given_units,
                taken,
                same_day,
            )
        )
    return Earlier.from_commitments(lines)


@tries_on_the_sample_run(25)
@given(
    states=st.lists(STATES, min_size=1, max_size=40),
    run_cancelled=st.booleans(),
    same_day=st.booleans(),
)
def test_the_sums_of_the_database_follow_the_rule(
    sample_run: Path,
    tmp_path_factory: Any,
    states: list[tuple[str | None, float | None, str | None, bool]],
    run_cancelled: bool,
    same_day: bool,
) -> None:
    ledger_path = lines_in_states(
        sample_run, tmp_path_factory, states, run_cancelled, date_alone=True
    )
    day = DATE if same_day else "2020-05-04"
    with closing(sqlite3.connect(ledger_path)) as db:
        expected = _python_rule(db, day)
    with Ledger(ledger_path, "read") as ledger:
        found = ledger.earlier(dt.date.fromisoformat(day))
    assert dict(found.given) == dict(expected.given)
    assert dict(found.taken) == dict(expected.taken)
    assert dict(found.given_same_day) == dict(expected.given_same_day)
    assert dict(found.shipped_same_day) == dict(expected.shipped_same_day)
    assert found.given or run_cancelled  # an active run commits something whatever its lines
