"""``ordis deliveries import``: returned workbooks read into the ledger, all or nothing,
idempotent, in French or English; and the library function behind it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .commands import import_returned
from .conftest import cell, ledger_of, ledger_rows, rows

RETURNED = "expeditions_outre-mer-connect.xlsx"  # a partner with a handful of lines


def fill(folder: Path, name: str, changes: dict[str, Any]) -> Path:
    """A partner's returned workbook: ``folder/envois/RETURNED`` with ``changes`` (cell →
    value) made and a line of their own added below, saved as ``folder/name``."""
    book = openpyxl.load_workbook(folder / "envois" / RETURNED)
    sheet = book["expeditions"]
    for key, value in changes.items():
        cell(sheet, key).value = value
    sheet.append(["Note du partenaire : livraisons de la semaine"])  # an extra row they add
    path = folder / name
    book.save(path)
    return path


def imported(folder: Path, path: Path) -> tuple[int, dict[str, Any]]:
    result = import_returned(path, ledger_of(folder), "--format", "json")
    return result.exit_code, json.loads(result.stdout)["files"][0]


def delivered(folder: Path) -> int:
    [(total,)] = ledger_rows(
        ledger_of(folder), "SELECT COALESCE(SUM(delivered_quantity), 0) FROM shipments"
    )
    return int(total)


def test_english_headers_and_their_import(english_copy: Path) -> None:
    tmp_path = english_copy
    path = tmp_path / "envois" / RETURNED
    lines = rows(path, "shipments")
    assert lines[0][:3] == ("Shipment id", "Lot id", "Donor")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["read_me", "shipments"]
    sheet = book["shipments"]
    cell(sheet, "livre_le@2").value = dt.datetime(2020, 4, 24)
    book.save(tmp_path / "returned.xlsx")
    done = import_returned(tmp_path / "returned.xlsx", tmp_path / "ordis.db", "--format", "json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["files"][0]["new"] == 1


def test_deliveries_import_is_idempotent_and_reports_changes(run_both: Path) -> None:
    shipped = rows(run_both / "envois" / RETURNED)[1][4]
    path = fill(
        run_both,
        "retour.xlsx",
        {
            "livre_le@2": "24/04/2020",
            "livre_le@3": dt.datetime(2020, 4, 25),
            "quantite_livree@3": 1,
            "commentaire@3": "un carton abîmé",
        },
    )
    status, first = imported(run_both, path)
    assert status == 0 and (first["new"], first["updated"], first["unchanged"]) == (2, 0, 0)
    assert delivered(run_both) == shipped + 1  # a date alone means all of it
    status, again = imported(run_both, path)
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 2)
    fixed = fill(
        run_both,
        "retour2.xlsx",
        {
            "livre_le@2": "24/04/2020",
            "livre_le@3": "25/04/2020",
            "quantite_livree@3": 2,
            "commentaire@3": "un carton abîmé",
        },
    )
    status, changed = imported(run_both, fixed)
    assert (changed["new"], changed["updated"], changed["unchanged"]) == (0, 1, 1)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"A3": "E99-00001", "livre_le@3": "25/04/2020"}, "unknown-shipment"),
        ({"livre_le@3": "25/04/2020", "quantite_livree@3": 999}, "delivered-above-shipped"),
        ({"livre_le@3": "25/04/2099"}, "future-date"),
    ],
)
def test_deliveries_file_with_an_error_records_nothing(
    run_both: Path, changes: dict[str, Any], code: str
) -> None:
    path = fill(run_both, "retour.xlsx", {"livre_le@2": "24/04/2020", **changes})
    status, result = imported(run_both, path)
    assert status == 1 and result["recorded"] is False
    assert code in {p["code"] for p in result["report"]["issues"]}
    assert delivered(run_both) == 0  # not even the good row


def test_the_library_function_records_what_the_command_would(run_copy: Path) -> None:
    import ordis_cli

    path = fill(run_copy, "retour.xlsx", {"livre_le@2": "24/04/2020"})
    done = ordis_cli.import_deliveries(
        [path], run_copy / "ordis.db", "fr", today=dt.date(2020, 5, 1)
    )
    assert done.ok and done.files[0].recorded and done.files[0].new == 1
    assert delivered(run_copy) == rows(run_copy / "envois" / RETURNED)[1][4]
