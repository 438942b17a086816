"""``ordis allocate``: the workbooks it writes (read back), the run it records, its options,
its refusals, and the library function behind it."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ordis_cli.dispatch.columns import DISPATCH, PARTNER, plain_headers

from .commands import allocate_files, sample_allocate_request
from .conftest import (
    DATE,
    SAMPLE,
    allocate,
    allocate_arguments,
    cell,
    first_summary,
    invoke,
    rows,
    sha256,
    sheets,
    summary,
)
from .csv_files import write_csv
from .processes import ForkedOrdis


def test_allocate_writes_the_workbooks_and_records_the_run(sample_run: Path) -> None:
    data = first_summary(sample_run)
    before = json.loads((sample_run / "inputs.json").read_text(encoding="utf-8"))
    assert {p.name: sha256(p) for p in SAMPLE.glob("*.xlsx")} == before  # inputs untouched
    assert set(data) == {
        "run",
        "shipments",
        "allocated",
        "unmet",
        "leftover",
        "files",
        "fairness",
        "retired",
        "recovered",
        "warnings",
    }
    assert data["run"] == 1 and data["shipments"] > 100
    for key in ("allocated", "unmet", "leftover"):
        assert list(data[key]) == ["portable", "fixe", "tablette", "box_4g"]
    files = [Path(f["path"]) for f in data["files"]]
    assert [f["partner"] for f in data["files"]][-1] is None
    assert files[-1].name == "allocation.xlsx"
    assert all(f.exists() for f in files)
    # every shipment line appears once, in exactly one partner's workbook
    seen: dict[str, str] = {}
    for path in files[:-1]:
        lines = rows(path)
        assert list(lines[0]) == plain_headers(PARTNER, "fr")
        for line in lines[1:]:
            assert line[0] not in seen
            seen[line[0]] = path.name
            assert line[-4:] == (None, None, None, None)
    everything = rows(files[-1])
    assert len(everything) - 1 == data["shipments"] == len(seen)
    # a partner's workbook holds only its own shipments
    assert everything[0][: len(DISPATCH)] == DISPATCH
    partners = {line[0]: line[len(DISPATCH)] for line in everything[1:]}
    relais = rows(sample_run / "envois" / "expeditions_relais-numerique-solidaire.xlsx")
    assert {partners[line[0]] for line in relais[1:]} == {"Relais Numérique Solidaire"}
    # units add up with the summary
    allocated = sum(line[4] for line in everything[1:])
    assert allocated == sum(data["allocated"].values())


def test_dispatch_workbook_is_ready_to_fill_and_print(sample_run: Path) -> None:
    book = openpyxl.load_workbook(sample_run / "envois" / "expeditions_outre-mer-connect.xlsx")
    sheet = book["expeditions"]
    assert book.sheetnames == ["a_lire", "expeditions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:U")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert kinds == {"date", "whole", "list"}
    assert sheet.column_dimensions["J"].width > 20  # nom_structure
    assert not book.defined_names
    assert (book.properties.creator or "") == ""


def test_allocation_workbook_sheets(sample_run: Path) -> None:
    data = first_summary(sample_run)
    path = sample_run / "envois" / "allocation.xlsx"
    assert list(sheets(path)) == [
        "expeditions",
        "besoins_non_couverts",
        "stock_restant",
        "totaux",
        "structures",
        "equite",
    ]
    lines = rows(path)
    assert lines[0][-4:] == ("partenaire", "tour", "distance_km", "motif")
    assert all(line[-1] and "priorité" in line[-1] for line in lines[1:])
    assert {line[-3] for line in lines[1:]} <= {"département", "région", "national"}
    unmet = rows(path, "besoins_non_couverts")
    assert unmet[0] == (
        "id_structure",
        "nom_structure",
        "departement",
        "materiel",
        "quantite",
        "raison",
    )
    assert sum(r[4] for r in unmet[1:]) == sum(data["unmet"].values())
    leftover = rows(path, "stock_restant")
    assert sum(r[4] for r in leftover[1:]) == sum(data["leftover"].values())
    totals = rows(path, "totaux")
    assert totals[-1][0] == "Total"
    assert totals[-1][5] == sum(data["allocated"].values())


def test_second_run_allocates_nothing_new(run_copy: Path) -> None:
    first = first_summary(run_copy)
    second = summary(run_copy, out="envois2")
    assert second["run"] == 2 and second["shipments"] == 0
    assert second["unmet"] == first["unmet"] and second["leftover"] == first["leftover"]
    text = allocate(run_copy, out="envois3").output
    assert "Rien de nouveau à allouer" in text


def test_default_folder_never_replaces_an_earlier_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    command = [
        "allocate",
        "--needs",
        SAMPLE / "besoins.xlsx",
        "--donations",
        SAMPLE / "dons.xlsx",
        "--date",
        DATE,
        "--format",
        "json",
    ]
    first = json.loads(invoke(*command).stdout)
    second = json.loads(invoke(*command).stdout)
    assert Path(first["files"][0]["path"]).parent.name == "dispatch-2020-04-20"
    assert Path(second["files"][0]["path"]).parent.name == "dispatch-2020-04-20-2"
    assert all(Path(f["path"]).exists() for f in first["files"])


def test_dry_run_writes_and_records_nothing(tmp_path: Path, run_copy: Path) -> None:
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    data = summary(fresh, "--dry-run")
    assert data["run"] is None and data["files"] == [] and data["shipments"] > 0
    assert list(fresh.iterdir()) == []
    after = summary(run_copy, "--dry-run", out="autre")  # on top of a real run: nothing new
    assert after["run"] is None and after["shipments"] == 0
    assert not (run_copy / "autre").exists()
    runs = json.loads(
        invoke("runs", "list", "--ledger", run_copy / "ordis.db", "--format", "json").stdout
    )
    assert len(runs) == 1


def test_out_holding_an_input_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "entrees"
    folder.mkdir()
    needs = folder / "besoins.xlsx"
    needs.write_bytes((SAMPLE / "besoins.xlsx").read_bytes())
    result = allocate_files(
        needs, SAMPLE / "dons.xlsx", tmp_path / "l.db", "--out", folder, "--date", DATE
    )
    assert result.exit_code == 2
    assert needs.exists() and sha256(needs) == sha256(SAMPLE / "besoins.xlsx")


def test_invalid_inputs_are_refused_with_the_validation_records(tmp_path: Path) -> None:
    result = allocate_files(
        SAMPLE / "besoins_erreurs.csv",
        SAMPLE / "dons.xlsx",
        tmp_path / "l.db",
        "--out",
        tmp_path / "out",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["files"][0]["errors"] > 0
    assert not (tmp_path / "out").exists() and not (tmp_path / "l.db").exists()


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    needs = tmp_path / "besoins.csv"
    with needs.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            [
                [
                    "id_structure",
                    "nom_structure",
                    "departement",
                    "adresse",
                    "code_postal",
                    "commune",
                    "portables",
                ],
                ["S1", '=HYPERLINK("http://x";"y")', "69", "+33 rue\x07 A", "69001", "@Lyon", "2"],
            ]
        )
    donations = tmp_path / "dons.csv"
    donations.write_text(
        "id_don;donateur;materiel;quantite;departement\nD1;-Nexora;portable;5;69\n",
        encoding="utf-8",
    )
    result = allocate_files(
        needs, donations, tmp_path / "l.db", "--out", tmp_path / "out", "--date", DATE
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "out" / "expeditions_nexora.xlsx")
    sheet = book["expeditions"]
    name = cell(sheet, "nom_structure@2")
    assert name.value == '=HYPERLINK("http://x";"y")' and name.data_type == "s"
    assert cell(sheet, "adresse@2").value == "+33 rue A"  # the control character is gone
    assert cell(sheet, "commune@2").value == "@Lyon" and sheet["C2"].value == "-Nexora"


def test_a_failure_while_writing_leaves_the_previous_set_and_cancels_the_run(
    run_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p.name: sha256(p) for p in (run_copy / "envois").iterdir()}

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ordis_cli.actions.allocate.write_allocation", broken)
    result = allocate(run_copy, "--cap", "1", "--date", "2020-05-01", out="envois2")
    assert result.exit_code == 2 and "disque est plein" in result.output
    assert {p.name: sha256(p) for p in (run_copy / "envois").iterdir()} == before
    assert not (run_copy / "envois2").exists()
    assert [p.name for p in run_copy.iterdir() if p.name.startswith(".")] == []
    runs = json.loads(
        invoke("runs", "list", "--ledger", run_copy / "ordis.db", "--format", "json").stdout
    )
    assert [r["status"] for r in runs] == ["active", "cancelled"]


@pytest.mark.contained  # each process reads its files as ordis does, in a contained child
def test_two_processes_never_allocate_the_same_units(tmp_path: Path) -> None:
    arguments = allocate_arguments(tmp_path / "ordis.db", "--format", "json")
    processes = [ForkedOrdis(*arguments, "--out", tmp_path / f"out{n}") for n in range(2)]
    finished = [p.wait() for p in processes]
    outputs = [(f.stdout, f.stderr) for f in finished]
    assert [f.returncode for f in finished] == [0, 0], outputs
    results = sorted((json.loads(out) for out, _ in outputs), key=lambda r: r["run"])
    assert [r["run"] for r in results] == [1, 2]
    assert results[0]["shipments"] > 0 and results[1]["shipments"] == 0
    with sqlite3.connect(tmp_path / "ordis.db") as db:
        over = db.execute(
            "SELECT l.id FROM lots l JOIN (SELECT lot_id, SUM(quantity) AS used FROM shipments"
            " GROUP BY lot_id) s ON s.lot_id = l.id WHERE s.used > l.quantity"
        ).fetchall()
    assert over == []


def test_policy_file_and_options(tmp_path: Path) -> None:
    policy = tmp_path / "politique.toml"
    policy.write_text(
        'scope = "region"\ncap = 2\ndate = 2020-04-20\n[substitutions]\nfixe = ["portable"]\n',
        encoding="utf-8",
    )
    capped = summary(tmp_path, "--policy", str(policy), "--dry-run")
    wide = summary(tmp_path, "--dry-run")
    assert sum(capped["allocated"].values()) < sum(wide["allocated"].values())
    lines = _rows_of_plan(tmp_path, "--policy", str(policy))
    per_need: dict[tuple[str, str, bool], int] = {}
    for line in lines:  # the cap: units per structure and need, substitutions apart
        key = (line[5], line[3], line[-3] == "substitution")
        per_need[key] = per_need.get(key, 0) + line[4]
    assert per_need and max(per_need.values()) <= 2
    assert {line[-3] for line in lines} <= {"département", "région", "substitution"}
    # an option given on the command line wins over the file
    assert (
        summary(tmp_path, "--policy", str(policy), "--scope", "national", "--dry-run")["allocated"]
        != capped["allocated"]
    )
    bad = tmp_path / "mauvaise.toml"
    bad.write_text('scope = "planete"\n', encoding="utf-8")
    result = allocate(tmp_path, "--policy", str(bad))
    assert result.exit_code == 2 and "politique" in result.output
    wrong = allocate(tmp_path, "--substitute", "fixe=imprimante")
    assert wrong.exit_code == 2


def _rows_of_plan(tmp: Path, *extra: str) -> list[tuple[Any, ...]]:
    data = summary(tmp, *extra, out="plan")
    return rows(Path(data["files"][-1]["path"]))[1:]


def test_named_rows_are_the_contracts_columns() -> None:
    """The dispatch rows are named by the SPEC §4 columns, so no code indexes them by
    position (``line[0][10]`` was the département)."""
    from ordis_cli.dispatch.columns import ALLOCATION_EXTRA
    from ordis_cli.dispatch.rows import DispatchLine, WhyLine
    from ordis_cli.territory import region_of

    assert DispatchLine._fields == DISPATCH and WhyLine._fields == ALLOCATION_EXTRA
    assert region_of("69") == "Auvergne-Rhône-Alpes" and region_of("974") == "La Réunion"


def test_the_library_function_is_what_the_command_prints(sample_run: Path) -> None:
    """``ordis_cli.allocate`` (a dry run, from Python) plans what the command recorded."""
    import datetime as dt

    import ordis_cli

    request = sample_allocate_request(
        sample_run / "absent.db",
        policy=ordis_cli.Policy(date=dt.date.fromisoformat(DATE)),
        dry_run=True,
    )
    planned = ordis_cli.run_allocation(request)
    printed = first_summary(sample_run)
    assert planned.validation.ok and planned.summary is not None
    assert planned.summary.run is None and not (sample_run / "absent.db").exists()
    assert planned.summary.shipments == printed["shipments"]
    assert planned.summary.model_dump()["allocated"] == printed["allocated"]


def test_no_sheet_loses_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SPEC §4: a table longer than a spreadsheet goes on in ``<sheet>_2``, ``_3``…, and the
    summary says so (here a spreadsheet of 100 rows stands for one of 1,048,576)."""
    monkeypatch.setattr("ordis_cli.dispatch.workbooks.SHEET_ROWS", 100)
    data = summary(tmp_path)
    path = tmp_path / "envois" / "allocation.xlsx"
    book = sheets(path)
    parts = [name for name in book if name.startswith("expeditions")]
    assert parts == ["expeditions", *(f"expeditions_{n}" for n in range(2, len(parts) + 1))]
    assert len(parts) == -(-data["shipments"] // 100)
    ids = [r[0] for name in parts for r in book[name][1:]]
    assert len(ids) == len(set(ids)) == data["shipments"]
    assert all(book[name][0][0] == "id_envoi" for name in parts)
    continued = {Path(f["path"]).name: f["continued"] for f in data["files"]}
    assert "expeditions" in continued["allocation.xlsx"]
    notes = [w for w in data["warnings"] if w["code"] == "sheet-continued"]
    assert notes and all("aucune ligne n'est perdue" in w["message"] for w in notes)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("fr", "Vouliez-vous dire « Emmaüs Connect » ?"), ("en", "Did you mean “Emmaüs Connect”?")],
)
def test_a_run_shows_the_files_warnings_first(tmp_path: Path, lang: str, said: str) -> None:
    """A misspelt partner ships everywhere without its capacity: the run goes on (a
    warning), so its text output shows the files' warnings before the plan, with the
    partner the name was likely meant to be."""
    needs = write_csv(
        tmp_path / "besoins.csv",
        "id_structure;nom_structure;departement;adresse;code_postal;commune;portables",
        "S1;MECS A;75;1 rue A;75001;Paris;2",
    )
    donations = write_csv(
        tmp_path / "dons.csv",
        "id_don;donateur;type_donateur;materiel;quantite;departement;partenaire",
        "D1;Nexora;entreprise;portable;5;75;Emmaus Conect",
    )
    partners = write_csv(tmp_path / "partenaires.csv", "partenaire;zone", "Emmaüs Connect;national")
    ledger = tmp_path / "ordis.db"
    args = ("--partners", partners, "--date", "2020-04-20", "--lang", lang)
    done = allocate_files(needs, donations, ledger, *args, "--out", tmp_path / "envois")
    assert done.exit_code == 0, done.output
    text = " ".join(done.output.split())
    assert "Emmaus Conect" in text and said in text
    assert text.index("Emmaus Conect") < text.index("Total")  # before the plan
    quiet = allocate_files(needs, donations, tmp_path / "q.db", *args, "--dry-run", "--quiet")
    assert quiet.exit_code == 0 and "Emmaus Conect" not in quiet.output
