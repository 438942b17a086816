"""``deliveries import`` checks every returned line against the ledger (issue 7, item 3):
the shipment its ``id_envoi`` names (lot, structure, equipment, quantity), the ledger the
workbook came from (its ``a_lire`` sheet), the dates and quantities of SPEC §5. A refused
file records nothing: each test below compares the whole ledger before and after."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordis_cli.actions.deliveries import import_deliveries, read_me
from ordis_cli.dispatch.partner_workbook import write_dispatch

from .conftest import cell, invoke, letter, sheets
from .depth import examples

RUN_DATE = "2020-04-20"
DELIVERED = dt.datetime(2020, 4, 24)
# Two partners; Relais Lyon ships two lines to S1 (laptops from D1, tablets from D2),
# Relais Paris one line to S2 (laptops from D3).
NEEDS = (
    "id_structure;nom_structure;departement;adresse;code_postal;commune;portables;"
    "tablettes\nS1;MECS A;69;1 rue A;69001;Lyon;3;2\nS2;Foyer B;75;2 rue B;75011;Paris;2;0\n"
)
DONATIONS = (
    "id_don;donateur;materiel;quantite;departement;partenaire\n"
    "D1;Nexora;portable;3;69;Relais Lyon\nD2;Nexora;tablette;2;69;Relais Lyon\n"
    "D3;Orion;portable;2;75;Relais Paris\n"
)

PARTNERS = "partenaire;zone\nRelais Lyon;69\nRelais Paris;75\n"


def _allocate(tmp: Path, name: str = "ordis.db", lang: str = "fr") -> Path:
    """Allocate the small inputs into ``tmp/name``; return the ledger."""
    inputs = tmp / "inputs"
    inputs.mkdir(exist_ok=True)
    for file, text in (
        ("besoins.csv", NEEDS),
        ("dons.csv", DONATIONS),
        ("partenaires.csv", PARTNERS),
    ):
        (inputs / file).write_text(text, encoding="utf-8")
    ledger = tmp / name
    done = invoke(
        "allocate",
        "--needs",
        inputs / "besoins.csv",
        "--donations",
        inputs / "dons.csv",
        "--partners",
        inputs / "partenaires.csv",
        "--ledger",
        ledger,
        "--out",
        tmp / f"out-{name}",
        "--date",
        RUN_DATE,
        "--lang",
        lang,
        "--quiet",
    )
    assert done.exit_code == 0, done.output
    return ledger


def _workbook(tmp: Path, lot: str, name: str = "ordis.db") -> Path:
    """The dispatch workbook of the allocation into ``name`` that ships ``lot``."""
    for path in sorted((tmp / f"out-{name}").glob("*.xlsx")):
        first, *others = sheets(path).items()
        if first[0] in ("a_lire", "read_me") and any(  # French or English names
            row[1] == lot for row in others[0][1]
        ):
            return path
    raise AssertionError(f"no workbook ships {lot}")


def _returned(source: Path, target: Path, edit: dict[str, Any], drop_sheet: bool = False) -> Path:
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[1]  # "expeditions" (or "shipments" in English), after "a_lire"
    for key, value in edit.items():
        cell(sheet, key).value = value
    if drop_sheet:
        del book[book.sheetnames[0]]
    book.save(target)
    return target


def _lines(path: Path) -> dict[str, tuple[Any, ...]]:
    """id_envoi -> its row, and the row number under ``(id, "row")``."""
    _, lines = list(sheets(path).values())[:2]  # after "a_lire"
    return {row[0]: (number, *row) for number, row in enumerate(lines, start=1) if number > 1}


def _ledger_state(ledger: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(ledger) as db:
        return [tuple(r) for r in db.execute("SELECT * FROM shipments ORDER BY id")]


def _import(ledger: Path, *paths: Path, lang: str = "fr") -> tuple[int, dict[str, Any]]:
    done = invoke(
        "deliveries", "import", *paths, "--ledger", ledger, "--format", "json", "--lang", lang
    )
    return done.exit_code, json.loads(done.stdout)


def _codes(result: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for problem in result["files"][0]["report"]["issues"]:
        found.setdefault(problem["code"], []).append(problem)
    return found


def _refused(ledger: Path, path: Path, code: str) -> list[dict[str, Any]]:
    """Import ``path``: exit 1, nothing recorded, the ledger exactly as before; the problems
    of ``code``."""
    before = _ledger_state(ledger)
    status, result = _import(ledger, path)
    assert status == 1, result
    assert result["files"][0]["recorded"] is False
    assert _ledger_state(ledger) == before
    problems = _codes(result)
    assert code in problems, problems
    return problems[code]


@pytest.fixture
def lyon(tmp_path: Path) -> tuple[Path, Path]:
    """A ledger after one run, and Relais Lyon's workbook."""
    ledger = _allocate(tmp_path)
    return ledger, _workbook(tmp_path, "D1")


def _row_of(path: Path, lot: str) -> int:
    return next(line[0] for line in _lines(path).values() if line[2] == lot)


def test_swapped_ids_between_two_lines(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    laptops, tablets = _row_of(source, "D1"), _row_of(source, "D2")
    ids = {line[0]: line[1] for line in _lines(source).values()}  # row -> id_envoi
    path = _returned(
        source,
        tmp_path / "swapped.xlsx",
        {
            f"A{laptops}": ids[tablets],
            f"A{tablets}": ids[laptops],
            f"livre_le@{laptops}": DELIVERED,
            f"livre_le@{tablets}": DELIVERED,
        },
    )
    found = _refused(ledger, path, "shipment-mismatch")
    cells = {p["cell"] for p in found}
    # lot, equipment and quantity differ on both lines; the structure is the same one
    assert {f"B{laptops}", f"D{laptops}", f"E{laptops}", f"B{tablets}", f"D{tablets}"} <= cells
    first = next(p for p in found if p["cell"] == f"D{laptops}")
    assert first["value"] == "portable" and "« tablette »" in first["message"]
    assert ids[tablets] in first["message"]


def test_another_partners_id(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    paris = next(iter(_lines(_workbook(tmp_path, "D3"))))
    row = _row_of(source, "D1")
    path = _returned(
        source, tmp_path / "autre.xlsx", {f"A{row}": paris, f"livre_le@{row}": DELIVERED}
    )
    found = _refused(ledger, path, "shipment-mismatch")
    assert {p["column"] for p in found} >= {"Lot", "N° de structure"}  # as headed


def test_a_whole_line_of_another_partner_is_refused_by_its_a_lire(
    lyon: tuple[Path, Path], tmp_path: Path
) -> None:
    ledger, source = lyon
    paris = next(iter(_lines(_workbook(tmp_path, "D3")).values()))
    book = openpyxl.load_workbook(source)
    book["expeditions"].append([*paris[1:15], DELIVERED])
    book.save(tmp_path / "copie.xlsx")
    found = _refused(ledger, tmp_path / "copie.xlsx", "other-partner")
    assert found[0]["value"] == paris[1]


def test_a_workbook_from_another_ledger(tmp_path: Path) -> None:
    first = _allocate(tmp_path, "premier.db")
    second = _allocate(tmp_path, "second.db")
    source = _workbook(tmp_path, "D1", "premier.db")
    identity = read_me(source, "fr")
    assert identity is not None and identity.ledger_id is not None
    row = _row_of(source, "D1")
    path = _returned(source, tmp_path / "retour.xlsx", {f"livre_le@{row}": DELIVERED})
    # same ids, same lines: only the identity tells the two ledgers apart
    found = _refused(second, path, "other-ledger")
    assert found[0]["value"] == identity.ledger_id and found[0]["sheet"] == "a_lire"
    assert found[0]["cell"] == "a_lire!B6"
    assert "--ledger" in found[0]["message"]
    status, result = _import(first, path)
    assert status == 0 and result["files"][0]["new"] == 1
    assert not _codes(result)


def test_no_a_lire_sheet_warns_and_still_checks_every_line(
    lyon: tuple[Path, Path], tmp_path: Path
) -> None:
    ledger, source = lyon
    row = _row_of(source, "D1")
    bare = _returned(
        source, tmp_path / "sans.xlsx", {f"livre_le@{row}": DELIVERED}, drop_sheet=True
    )
    status, result = _import(ledger, bare)
    assert status == 0 and result["files"][0]["new"] == 1
    assert _codes(result)["no-ledger-identity"][0]["severity"] == "warning"
    # the same lines copied into a CSV, one of them wrong: refused, with the warning too
    text = tmp_path / "copie.csv"
    with text.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        for number, cells in enumerate(
            openpyxl.load_workbook(bare)["expeditions"].iter_rows(values_only=True), start=1
        ):
            values = ["" if c is None else c for c in cells]
            if number == row:
                values[3] = "fixe"
                values[openpyxl.utils.column_index_from_string(letter(bare, "livre_le")) - 1] = (
                    "25/04/2020"
                )
            writer.writerow(values)
    found = _refused(ledger, text, "shipment-mismatch")
    assert found[0]["cell"] == f"D{row}"


@pytest.mark.parametrize("when", ["19/04/2020", dt.datetime(1900, 1, 1), "1900-01-01"])
def test_a_date_before_the_run(lyon: tuple[Path, Path], tmp_path: Path, when: Any) -> None:
    ledger, source = lyon
    row = _row_of(source, "D2")
    path = _returned(source, tmp_path / "tot.xlsx", {f"livre_le@{row}": when})
    found = _refused(ledger, path, "delivery-before-run")
    assert found[0]["cell"] == f"{letter(path, 'livre_le')}{row}"
    assert "20/04/2020" in found[0]["message"]


def test_the_run_date_itself_is_a_delivery_date(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    row = _row_of(source, "D2")
    path = _returned(source, tmp_path / "jour.xlsx", {f"livre_le@{row}": "20/04/2020"})
    assert _import(ledger, path)[0] == 0


def test_a_date_in_the_future(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    row = _row_of(source, "D2")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    path = _returned(
        source, tmp_path / "futur.xlsx", {f"livre_le@{row}": tomorrow.strftime("%d/%m/%Y")}
    )
    assert _refused(ledger, path, "future-date")[0]["cell"] == f"{letter(path, 'livre_le')}{row}"


@pytest.mark.parametrize("column", ["quantite_livree", "quantite"])
def test_a_negative_quantity(lyon: tuple[Path, Path], tmp_path: Path, column: str) -> None:
    ledger, source = lyon
    row = _row_of(source, "D1")
    path = _returned(
        source, tmp_path / "negatif.xlsx", {f"livre_le@{row}": DELIVERED, f"{column}@{row}": -1}
    )
    assert _refused(ledger, path, "bad-quantity")[0]["cell"] == f"{letter(path, column)}{row}"


def test_a_mismatching_materiel_in_english(tmp_path: Path) -> None:
    ledger = _allocate(tmp_path, lang="en")
    source = _workbook(tmp_path, "D1")
    row = _row_of(source, "D1")
    path = _returned(
        source, tmp_path / "returned.xlsx", {f"D{row}": "Tablette", f"livre_le@{row}": DELIVERED}
    )
    before = _ledger_state(ledger)
    status, result = _import(ledger, path, lang="en")
    assert status == 1 and _ledger_state(ledger) == before
    problem = _codes(result)["shipment-mismatch"][0]
    assert (problem["cell"], problem["column"], problem["value"]) == (
        f"D{row}",
        "Equipment",
        "tablet",  # the device read, in English words, as the ledger's below
    )
    assert "“laptop” for shipment" in problem["message"], problem["message"]
    assert not {"tablette", "portable"} & set(re.findall(r"\w+", problem["message"]))


def test_deleted_columns_check_what_is_left(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    book = openpyxl.load_workbook(source)
    sheet = book["expeditions"]
    row = _row_of(source, "D1")
    cell(sheet, f"livre_le@{row}").value = DELIVERED
    sheet.delete_cols(openpyxl.utils.column_index_from_string(letter(sheet, "id_structure")))
    sheet.delete_cols(2)  # id_don
    book.save(tmp_path / "moins.xlsx")
    status, result = _import(ledger, tmp_path / "moins.xlsx")
    assert status == 0 and result["files"][0]["new"] == 1
    sheet[f"D{row}"] = 1  # quantite, now in column D
    book.save(tmp_path / "moins2.xlsx")
    found = _refused(ledger, tmp_path / "moins2.xlsx", "shipment-mismatch")
    assert found[0]["column"] == "Quantité"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_workbook_missing_its_delivery_column_says_so_in_either_language(
    request: pytest.FixtureRequest, tmp_path: Path, lang: str
) -> None:
    """Without its « Delivered on » column, an English dispatch workbook was « looks like
    needs »: its structure's id, name and département are a needs file's required columns.
    Its shipment ids say it is a dispatch workbook; the missing column is said."""
    folder: Path = request.getfixturevalue("english_copy" if lang == "en" else "run_copy")
    source = min((folder / "envois").glob("expeditions_*.xlsx"))
    book = openpyxl.load_workbook(source)
    sheet = book.worksheets[1]
    sheet.delete_cols(openpyxl.utils.column_index_from_string(letter(sheet, "livre_le")))
    book.save(tmp_path / "sans-date.xlsx")
    status, result = _import(folder / "ordis.db", tmp_path / "sans-date.xlsx", lang=lang)
    problems = _codes(result)
    assert status == 1 and list(problems) == ["missing-column"], problems
    assert [p["column"] for p in problems["missing-column"]] == ["livre_le"]


def test_comment_only_lines_are_kept_and_idempotent(
    lyon: tuple[Path, Path], tmp_path: Path
) -> None:
    ledger, source = lyon
    laptops, tablets = _row_of(source, "D1"), _row_of(source, "D2")
    path = _returned(
        source,
        tmp_path / "notes.xlsx",
        {f"commentaire@{laptops}": "livraison prévue mardi", f"livre_le@{tablets}": DELIVERED},
    )
    status, result = _import(ledger, path)
    done = result["files"][0]
    assert status == 0 and (done["new"], done["pending"], done["commented"]) == (1, 1, 1)
    with sqlite3.connect(ledger) as db:
        noted = db.execute(
            "SELECT delivered_on, delivered_quantity, comment FROM shipments WHERE lot_id = 'D1'"
        ).fetchone()
    assert noted == (None, None, "livraison prévue mardi")
    state = _ledger_state(ledger)
    status, again = _import(ledger, path)
    assert status == 0 and _ledger_state(ledger) == state
    repeat = again["files"][0]
    assert (repeat["new"], repeat["unchanged"], repeat["commented"]) == (0, 1, 0)


def test_a_run_not_active_takes_no_delivery(lyon: tuple[Path, Path], tmp_path: Path) -> None:
    ledger, source = lyon
    row = _row_of(source, "D1")
    path = _returned(source, tmp_path / "retour.xlsx", {f"livre_le@{row}": DELIVERED})
    with sqlite3.connect(ledger) as db:  # outputs still being written, as after a kill
        changed = db.execute("UPDATE run_outputs SET state = 'writing' WHERE run_id = 1")
        assert changed.rowcount == 1
    before = _ledger_state(ledger)
    result = import_deliveries([path], ledger, "fr")
    assert not result.ok and _ledger_state(ledger) == before
    assert "shipment-run-unfinished" in {p.code for p in result.files[0].report.issues}


def test_the_a_lire_sheet_says_who_which_run_and_which_ledger(tmp_path: Path) -> None:
    line = [
        "E4-00001",
        "D1",
        "Nexora",
        "portable",
        3,
        "S1",
        "MECS A",
        "1 rue A",
        "69001",
        "Lyon",
        "69",
        "",
        "",
        "",
        None,
        None,
        None,
        None,
    ]
    for lang, labels, names in (
        ("fr", ("Partenaire", "Identifiant du registre", "Livré le"), ["a_lire", "expeditions"]),
        ("en", ("Partner", "Ledger identity", "Delivered on"), ["read_me", "shipments"]),
    ):
        path = tmp_path / f"expeditions-{lang}.xlsx"
        write_dispatch(
            path,
            [line],
            lang,
            partner="Логистика 物流",
            run_id=4,  # type: ignore[arg-type]
            run_date=dt.date(2020, 4, 20),
            ledger_id="0f6c2c1e-aaaa",
        )
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == names
        assert all(s.sheet_state == "visible" for s in book.worksheets)
        assert not book.defined_names and (book.properties.creator or "") == ""
        text = " ".join(
            str(c)
            for row in book[names[0]].iter_rows(values_only=True)
            for c in row
            if c is not None
        )
        assert all(label in text for label in labels)
        assert "Логистика 物流" in text and "0f6c2c1e-aaaa" in text
        found = read_me(path, lang)  # type: ignore[arg-type]
        assert found is not None
        assert (found.ledger_id, found.partner) == ("0f6c2c1e-aaaa", "Логистика 物流")


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    column=st.sampled_from(["id_don", "materiel", "quantite", "id_structure"]),
    lot=st.sampled_from(["D1", "D2"]),
    other=st.sampled_from(["D9", "fixe", "1", "S9"]),
)
def test_any_changed_checked_cell_refuses_the_file(
    lyon: tuple[Path, Path], tmp_path: Path, column: str, lot: str, other: str
) -> None:
    ledger, source = lyon
    row = _row_of(source, lot)
    value: Any = 1 if (column, other) == ("quantite", "1") else other  # D1 ships 3, D2 2
    path = _returned(
        source, tmp_path / "h.xlsx", {f"{column}@{row}": value, f"livre_le@{row}": DELIVERED}
    )
    before = _ledger_state(ledger)
    result = import_deliveries([path], ledger, "fr")
    assert _ledger_state(ledger) == before
    assert not result.ok
