"""The rules the report's faster queries must keep (issue 14): a structure delivered in two
départements of one région counts once there, and its units once per 1,000 children; days
whose deliveries add up to nothing do not stretch the weekly series; what was requested is
the needs' sum — on both back-ends. And the opening check's cheaper text rule (a column of
TEXT affinity holds no number) still refuses what ordis could not have written: a BLOB there,
a number in a column declared without a type."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from ordis_cli.ledger import Ledger
from ordis_cli.ledger.checks import BadValue, first_bad_value
from ordis_cli.report.figures import Details, Figures, compute
from ordis_cli.territory import departements, region_of

from .conftest import invoke, invoke_json, ledger_of, ledger_rows

AS_OF = "2020-06-01"
DELIVERED = "2020-04-27"  # ISO week 2020-W18


def _execute(ledger: str | Path, sql: str, *parameters: Any) -> None:
    """One change (SQLite's dialect, ``?`` placeholders) to a ledger on either back-end."""
    if "://" not in str(ledger):
        with closing(sqlite3.connect(ledger)) as db, db:
            db.execute(sql, parameters)
        return
    import psycopg

    from ordis_cli.ledger.postgres import translate

    with psycopg.connect(str(ledger)) as connection:
        connection.execute(translate(sql, bool(parameters)), parameters or None)


def _all_delivered(ledger: str | Path) -> None:
    _execute(
        ledger, "UPDATE shipments SET delivered_on = ?, delivered_quantity = quantity", DELIVERED
    )


def _figures(ledger: str | Path) -> tuple[Figures, Details]:
    with Ledger(ledger, "read") as opened:
        return compute(opened, dt.date.fromisoformat(AS_OF))


def _neighbour(departement: str, same_region: bool) -> str:
    """Another département, of the same région as ``departement`` or of another one."""
    region = region_of(departement)
    return next(
        code
        for code in sorted(departements())
        if code != departement and (region_of(code) == region) == same_region
    )


def test_a_structure_delivered_in_two_departements_of_a_region_counts_once(
    run_both: Path,
) -> None:
    ledger = ledger_of(run_both)
    _all_delivered(ledger)
    # a line of a structure delivered in several lines, all in one département
    line, departement = ledger_rows(
        ledger,
        "SELECT id, departement FROM shipments WHERE structure_id = (SELECT structure_id "
        "FROM shipments GROUP BY 1 HAVING COUNT(*) > 1 AND COUNT(DISTINCT departement) = 1 "
        "ORDER BY 1 LIMIT 1) ORDER BY id LIMIT 1",
    )[0]
    region = region_of(departement)
    figures, details = _figures(ledger)
    before = figures.by_region[region].structures_equipped
    assert isinstance(before, int) and before >= 3
    assert isinstance(figures.structures_equipped, int)

    # one of its lines delivered in another département of the same région
    _execute(
        ledger,
        "UPDATE shipments SET departement = ? WHERE id = ?",
        _neighbour(departement, True),
        line,
    )
    moved, moved_details = _figures(ledger)
    assert moved.by_region[region].structures_equipped == before
    assert moved.structures_equipped == figures.structures_equipped
    assert moved.by_region[region].delivered == figures.by_region[region].delivered
    # its units still count once for the children of its région
    assert moved_details.per_thousand_children == details.per_thousand_children

    # in a département of another région: equipped there too (the total adds the régions)
    elsewhere = _neighbour(departement, False)
    _execute(ledger, "UPDATE shipments SET departement = ? WHERE id = ?", elsewhere, line)
    apart, _ = _figures(ledger)
    other = region_of(elsewhere)
    shown = figures.by_region.get(other)
    was = shown.structures_equipped if shown else 0
    assert apart.by_region[region].structures_equipped == before
    assert apart.by_region[other].structures_equipped != was
    assert isinstance(apart.structures_equipped, int)
    assert apart.structures_equipped == figures.structures_equipped + 1


def test_a_day_of_nothing_delivered_does_not_stretch_the_weeks(run_both: Path) -> None:
    ledger = ledger_of(run_both)
    _all_delivered(ledger)
    (line,) = ledger_rows(ledger, "SELECT MIN(id) FROM shipments")[0]
    # closed on 25 May with nothing delivered (lost): no week of its own
    _execute(
        ledger,
        "UPDATE shipments SET delivered_on = '2020-05-25', delivered_quantity = 0, "
        "gap = 'perdu' WHERE id = ?",
        line,
    )
    figures, _ = _figures(ledger)
    assert [week.week for week in figures.weekly] == ["2020-W18"]
    # one unit delivered that day: the weeks run from 27 April to 25 May, quiet ones included
    _execute(ledger, "UPDATE shipments SET delivered_quantity = 1 WHERE id = ?", line)
    figures, _ = _figures(ledger)
    assert [week.week for week in figures.weekly] == [f"2020-W{n}" for n in range(18, 23)]
    assert [week.delivered for week in figures.weekly][1:] == [0, 0, 0, 1]
    assert figures.weekly[-1].cumulative == sum(figures.delivered.values())


def test_what_was_requested_is_the_sum_of_the_needs(run_both: Path) -> None:
    ledger = ledger_of(run_both)
    needs = ledger_rows(ledger, "SELECT portable, fixe, tablette, box_4g FROM needs")
    _, details = _figures(ledger)
    assert details.requested == {
        kind: sum(row[index] for row in needs)
        for index, kind in enumerate(["portable", "fixe", "tablette", "box_4g"])
    }
    code, report = invoke_json("report", "--ledger", ledger, "--as-of", AS_OF)
    assert code == 0
    asked = sum(details.requested.values())
    assert report["coverage"] == round(min(sum(report["delivered"].values()) / asked, 1.0), 4)


# --- the opening check's text rule -------------------------------------------------------


def test_a_blob_in_a_text_column_is_refused(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    _execute(ledger, "UPDATE shipments SET donor = X'00ff' WHERE id = 'E1-00002'")
    result = invoke("report", "--ledger", ledger, "--format", "json")
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "table « shipments », ligne E1-00002, colonne « donor »" in text


def test_digits_in_a_text_column_are_text(run_copy: Path) -> None:
    ledger = run_copy / "ordis.db"
    # a column of TEXT affinity stores a number as its text: a name made of digits is a name
    _execute(ledger, "UPDATE shipments SET donor = 2020, round = 7 WHERE id = 'E1-00002'")
    assert ledger_rows(ledger, "SELECT typeof(donor) FROM shipments WHERE id = 'E1-00002'") == [
        ("text",)
    ]
    assert invoke("report", "--ledger", ledger, "--format", "json").exit_code == 0


def test_a_number_in_a_column_declared_without_type_is_refused(run_copy: Path) -> None:
    """A shipments table rebuilt by hand without declared types keeps numbers as numbers:
    the general rule (``typeof``) applies there, with the same verdict as before."""
    ledger = run_copy / "ordis.db"
    with closing(sqlite3.connect(ledger)) as db, db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(shipments)")]
        db.execute(f"CREATE TABLE untyped ({', '.join(columns)})")
        db.execute("INSERT INTO untyped SELECT * FROM shipments ORDER BY rowid")
        db.execute("DROP TABLE shipments")
        db.execute("ALTER TABLE untyped RENAME TO shipments")
        db.execute("UPDATE shipments SET shipper = 42 WHERE id = 'E1-00003'")
    with closing(sqlite3.connect(ledger)) as db:
        assert first_bad_value(db) == BadValue(
            "shipments", "E1-00003", "shipper", 42, "ledger-expect-text"
        )
    result = invoke("report", "--ledger", ledger, "--format", "json")
    assert result.exit_code == 2
    assert "colonne « shipper », valeur « 42 »" in " ".join(result.output.split())
