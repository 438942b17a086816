"""Lines closed short (SPEC §5): without ``ecart`` the units not delivered go back to the lot
and the need; with ``ecart`` = perdu / hors service the need opens again but the units are
written off and reported as lost. What a line commits, as Hypothesis invariants; the import
of the ``ecart`` column through the CLI on a real returned workbook; the report's ``lost``."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from ordis_cli.allocation import Commitment, Earlier, Lot, Policy, Structure, allocate
from ordis_cli.ledger.records import committed
from ordis_cli.models import DeviceType
from ordis_cli.textnorm import header_key

from .commands import import_returned, report
from .conftest import ledger_of, summary
from .depth import examples

RETURNED = "expeditions_outre-mer-connect.xlsx"  # a partner with a handful of lines
DAY = dt.date(2020, 4, 27)

# --- what a line commits -----------------------------------------------------------------

line_st = st.fixed_dictionaries(
    {
        "quantity": st.integers(1, 12),
        "status": st.sampled_from(["active", "cancelled"]),
        "closed": st.booleans(),
        "short": st.integers(0, 12),
        "gap": st.sampled_from([None, "perdu", "hors service"]),
        "line_cancelled": st.booleans(),
        "lot": st.sampled_from(["L1", "L2", "L3"]),
        "structure": st.sampled_from(["S1", "S2"]),
    }
)


def as_row(line: dict[str, Any]) -> dict[str, Any]:
    """A ledger row as ``committed`` reads it."""
    closed = line["closed"]
    delivered = max(0, line["quantity"] - line["short"]) if closed else None
    return {
        "quantity": line["quantity"],
        "status": line["status"],
        "delivered_on": "2020-04-24" if closed else None,
        "delivered_quantity": delivered,
        "gap": line["gap"]
        if closed and delivered is not None and delivered < line["quantity"]
        else None,
        "cancelled_at": "2020-04-22T10:00:00+00:00" if line["line_cancelled"] else None,
    }


@given(line_st)
def test_what_one_line_commits(line: dict[str, Any]) -> None:
    row = as_row(line)
    need_side, lot_side = committed(row)  # type: ignore[arg-type]
    delivered = row["delivered_quantity"] or 0
    lost = line["quantity"] - delivered if row["gap"] else 0
    assert 0 <= need_side <= lot_side <= line["quantity"]
    if row["cancelled_at"]:
        assert (need_side, lot_side) == (0, 0)
    elif row["delivered_on"] is None:
        assert (need_side, lot_side) == (
            (line["quantity"],) * 2 if row["status"] == "active" else (0, 0)
        )
    else:  # closed: what was delivered; the lot also loses what was written off
        assert (need_side, lot_side) == (delivered, delivered + lost)


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(line_st, max_size=12),
    st.lists(st.integers(0, 15), min_size=3, max_size=3),
    st.lists(st.integers(0, 15), min_size=2, max_size=2),
)
def test_a_new_run_never_exceeds_what_lines_left(
    lines: list[dict[str, Any]], stock: list[int], needs: list[int]
) -> None:
    """Invariants of §4 net of earlier lines, whatever their state: a lot ships at most its
    quantity minus what lines took from it (delivered and written off), a structure gets at
    most its need minus what it was given (written-off units open the need again)."""
    commitments = []
    for line in lines:
        need_side, lot_side = committed(as_row(line))  # type: ignore[arg-type]
        commitments.append(
            Commitment(
                line["lot"], line["structure"], DeviceType.LAPTOP, "Relais", need_side, lot_side
            )
        )
    earlier = Earlier.from_commitments(commitments)
    # lots and needs at least as large as what earlier lines took and gave (as in a ledger)
    lots = [
        Lot(f"L{i + 1}", DeviceType.LAPTOP, q + earlier.taken.get(f"L{i + 1}", 0), "69", "Relais")
        for i, q in enumerate(stock)
    ]
    structures = [
        Structure(
            f"S{i + 1}", "69", (n + earlier.given.get((f"S{i + 1}", DeviceType.LAPTOP), 0), 0, 0, 0)
        )
        for i, n in enumerate(needs)
    ]
    plan = allocate(structures, lots, {}, Policy(date=DAY), earlier)
    shipped: Counter[str] = Counter()
    got: Counter[str] = Counter()
    for shipment in plan.shipments:
        shipped[shipment.lot_id] += shipment.quantity
        got[shipment.structure_id] += shipment.quantity
    for lot in lots:
        assert shipped[lot.id] + earlier.taken.get(lot.id, 0) <= lot.quantity
    for structure in structures:
        given_before = earlier.given.get((structure.id, DeviceType.LAPTOP), 0)
        assert got[structure.id] + given_before <= structure.need[0]
    # every unit is either shipped again, left over or short of a need: allocated + left
    # over = supply net of earlier lines
    left = sum(plan.leftover.values())
    supply = sum(max(0, lot.quantity - earlier.taken.get(lot.id, 0)) for lot in lots)
    assert sum(shipped.values()) + left == supply
    # a line closed short without gap gives back to both sides, a gap only to the need
    for line, commitment in zip(lines, commitments, strict=True):
        row = as_row(line)
        if row["delivered_on"] and not row["cancelled_at"]:
            short = line["quantity"] - row["delivered_quantity"]
            assert commitment.taken - commitment.given == (short if row["gap"] else 0)


def test_same_day_lines_count_what_was_shipped_that_day() -> None:
    lines = [
        Commitment("L1", "S1", DeviceType.LAPTOP, "Relais", 2, 5, same_day=True),
        Commitment("L1", "S1", DeviceType.LAPTOP, "Relais", 3, 3),
    ]
    earlier = Earlier.from_commitments(lines)
    assert earlier.given == {("S1", DeviceType.LAPTOP): 5}
    assert earlier.taken == {"L1": 8}
    assert earlier.given_same_day == {("S1", DeviceType.LAPTOP): 2}
    assert earlier.shipped_same_day == {"Relais": 5}


# --- the ecart column through the CLI ----------------------------------------------------


def returned(folder: Path, name: str, lines: dict[int, dict[str, Any]]) -> Path:
    """The partner's workbook with, per data row number, values by column name; columns
    found by their header text folded; an ``ecart`` column added when the workbook has none."""
    book = openpyxl.load_workbook(folder / "envois" / RETURNED)
    sheet = book.worksheets[-1]
    letters = {header_key(str(c.value)): c.column for c in sheet[1] if c.value is not None}
    if "ecart" not in letters:
        letters["ecart"] = sheet.max_column + 1
        sheet.cell(1, letters["ecart"], "ecart")
    for row, values in lines.items():
        for column, value in values.items():
            sheet.cell(row, letters[header_key(column)], value)
    path = folder / name
    book.save(path)
    return path


def shipment_at(folder: Path, row: int) -> tuple[str, int]:
    """The id and quantity of the line at ``row`` of the partner's workbook ("", 0 below
    its last line)."""
    book = openpyxl.load_workbook(folder / "envois" / RETURNED)
    sheet = book.worksheets[-1]
    if row > sheet.max_row:
        return "", 0
    letters = {header_key(str(c.value)): c.column for c in sheet[1] if c.value is not None}
    ident = sheet.cell(row, letters[header_key("N° d'envoi")]).value
    quantity = sheet.cell(row, letters[header_key("Quantité")]).value
    return str(ident), int(quantity)


def ledger_line(folder: Path, ident: str) -> tuple[Any, ...]:
    with sqlite3.connect(folder / "ordis.db") as db:
        found = db.execute(
            "SELECT delivered_quantity, gap FROM shipments WHERE id = ?", (ident,)
        ).fetchone()
    return tuple(found)


def importing(folder: Path, path: Path, *extra: str) -> Any:
    return import_returned(path, ledger_of(folder), *extra)


def test_ecart_values_and_their_errors(run_copy: Path) -> None:
    bad = returned(
        run_copy,
        "bad.xlsx",
        {
            2: {"livre_le": "24/04/2020", "quantite_livree": 0, "ecart": "bof"},
            3: {"ecart": "perdu"},  # no date
            4: {"livre_le": "24/04/2020", "ecart": "HS"},  # nothing said short
        },
    )
    result = importing(run_copy, bad, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["files"][0]["report"]["issues"]
    found = {(p["code"], p["row"]) for p in problems}
    assert {("unknown-gap", 2), ("gap-without-date", 3), ("gap-without-shortfall", 4)} <= found
    said = " ".join(p["message"] for p in problems)
    assert "« perdu »" in said and "« hors service »" in said
    english = importing(run_copy, bad, "--format", "json", "--lang", "en")
    issues = json.loads(english.stdout)["files"][0]["report"]["issues"]
    said = " ".join(p["message"] for p in issues if p["code"] == "unknown-gap")
    assert "write “lost”" in said and "“out of order”" in said and "perdu" not in said, said
    assert ledger_line(run_copy, shipment_at(run_copy, 2)[0]) == (None, None)


def test_shortfall_with_and_without_ecart(run_copy: Path) -> None:
    first, shipped_first = shipment_at(run_copy, 2)
    second, _ = shipment_at(run_copy, 3)
    path = returned(
        run_copy,
        "retour.xlsx",
        {
            2: {
                "livre_le": "24/04/2020",
                "quantite_livree": shipped_first - 1,
                "ecart": "Hors-Service",
            },
            3: {"livre_le": "24/04/2020", "quantite_livree": 0},  # nothing delivered, no gap
        },
    )
    done = importing(run_copy, path, "--format", "json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["files"][0]["new"] == 2
    assert ledger_line(run_copy, first) == (shipped_first - 1, "hors service")
    assert ledger_line(run_copy, second) == (0, None)
    again = json.loads(importing(run_copy, path, "--format", "json").stdout)["files"][0]
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 2)  # idempotent
    lost = returned(
        run_copy,
        "retour2.xlsx",
        {
            2: {"livre_le": "24/04/2020", "quantite_livree": shipped_first - 1, "ecart": "lost"},
            3: {"livre_le": "24/04/2020", "quantite_livree": 0},
        },
    )
    changed = json.loads(importing(run_copy, lost, "--format", "json").stdout)["files"][0]
    assert (changed["updated"], changed["unchanged"]) == (1, 1)
    assert ledger_line(run_copy, first) == (shipped_first - 1, "perdu")
    reported = report(run_copy / "ordis.db", "--format", "json", "--as-of", "2020-05-01")
    figures = json.loads(reported.stdout)
    assert set(figures["lost"]) == {"portable", "fixe", "tablette", "box_4g"}
    assert sum(figures["lost"].values()) == 1
    written = report(
        run_copy / "ordis.db",
        "--format",
        "md",
        "--as-of",
        "2020-05-01",
        "--out",
        run_copy / "rapport",
    )
    assert written.exit_code == 0, written.output
    text = (run_copy / "rapport" / "rapport.md").read_text(encoding="utf-8")
    assert "appareil perdu ou hors service" in text


def test_units_given_back_are_allocated_again(run_copy: Path) -> None:
    """The line without gap gives its units back to the lot and the need: the next run on
    the same files the same day ships them again, and only them; the written-off units
    open the need again but are not taken from the lot a second time."""
    first, shipped_first = shipment_at(run_copy, 2)
    path = returned(run_copy, "retour.xlsx", {2: {"livre_le": "24/04/2020", "quantite_livree": 0}})
    assert importing(run_copy, path).exit_code == 0
    with sqlite3.connect(run_copy / "ordis.db") as db:
        lot, structure = db.execute(
            "SELECT lot_id, structure_id FROM shipments WHERE id = ?", (first,)
        ).fetchone()
    again = summary(run_copy, out="envois2")  # the sample data again, the same day
    assert sum(again["allocated"].values()) == shipped_first
    with sqlite3.connect(run_copy / "ordis.db") as db:
        new = db.execute(
            "SELECT lot_id, structure_id, quantity FROM shipments WHERE run_id = 2"
        ).fetchall()
    assert new == [(lot, structure, shipped_first)]
