"""A week's needs and lots in several files (SPEC §2): ``--needs`` and ``--donations`` are
repeatable and read as one list; a structure's requests add up across files, a lot in two
files or a structure with two départements is an error naming both files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import DATE, invoke
from .csv_files import write_csv

NEEDS_HEADER = "id_structure;nom_structure;departement;adresse;code_postal;commune;portables"
LOTS_HEADER = "id_don;donateur;materiel;quantite;departement"


def run(tmp: Path, needs: list[Path], lots: list[Path], *extra: str) -> tuple[int, Any]:
    arguments: list[str | Path] = [
        "allocate",
        "--ledger",
        tmp / "ordis.db",
        "--out",
        tmp / "envois",
        "--date",
        DATE,
        "--format",
        "json",
    ]
    for path in needs:
        arguments += ["--needs", path]
    for path in lots:
        arguments += ["--donations", path]
    result = invoke(*arguments, *extra)
    return result.exit_code, json.loads(result.stdout)


def test_files_of_one_kind_are_read_as_one_list(tmp_path: Path) -> None:
    monday = write_csv(
        tmp_path / "besoins_lundi.csv",
        NEEDS_HEADER,
        "S1;MECS Les Tilleuls;69;1 rue A;69001;Lyon;2",
        "S2;Foyer du Parc;69;2 rue B;69002;Lyon;1",
    )
    thursday = write_csv(
        tmp_path / "besoins_jeudi.csv",
        NEEDS_HEADER,
        "S1;MECS Les Tilleuls;69;1 rue A;69001;Lyon;3",  # a second request
        "S3;Lieu de vie Cèdres;42;3 rue C;42000;Saint-Étienne;1",
    )
    lots = [
        write_csv(tmp_path / "dons_a.csv", LOTS_HEADER, "D1;Nexora;portable;4;69"),
        write_csv(tmp_path / "dons_b.csv", LOTS_HEADER, "D2;Fondation Lumen;portable;10;42"),
    ]
    status, data = run(tmp_path, [monday, thursday], lots)
    assert status == 0, data
    assert data["allocated"]["portable"] == 2 + 3 + 1 + 1  # S1's two requests added up
    assert data["leftover"]["portable"] == 14 - 7 and data["unmet"]["portable"] == 0
    shown = json.loads(
        invoke("runs", "show", "1", "--ledger", tmp_path / "ordis.db", "--format", "json").stdout
    )
    assert [(f["role"], Path(f["path"]).name) for f in shown["files"]] == [
        ("besoins", "besoins_lundi.csv"),
        ("besoins-2", "besoins_jeudi.csv"),
        ("dons", "dons_a.csv"),
        ("dons-2", "dons_b.csv"),
    ]


def test_a_lot_in_two_files_is_an_error_naming_both(tmp_path: Path) -> None:
    needs = write_csv(tmp_path / "besoins.csv", NEEDS_HEADER, "S1;MECS A;69;1 rue A;69001;Lyon;2")
    first = write_csv(tmp_path / "dons_semaine1.csv", LOTS_HEADER, "D1;Nexora;portable;4;69")
    second = write_csv(
        tmp_path / "dons_semaine2.csv",
        LOTS_HEADER,
        "D9;Nexora;fixe;1;69",
        "D1;Nexora;portable;4;69",
    )
    status, data = run(tmp_path, [needs], [first, second])
    assert status == 1 and not (tmp_path / "ordis.db").exists()
    [problem] = [p for f in data["files"] for p in f["issues"] if p["code"] == "lot-in-two-files"]
    assert problem["file"] == str(second) and problem["row"] == 3 and problem["cell"] == "A3"
    assert str(first) in problem["message"] and "ligne 2" in problem["message"]


def test_a_structure_with_two_departements_across_files(tmp_path: Path) -> None:
    monday = write_csv(tmp_path / "lundi.csv", NEEDS_HEADER, "S1;MECS A;69;1 rue A;69001;Lyon;2")
    thursday = write_csv(
        tmp_path / "jeudi.csv", NEEDS_HEADER, "S1;MECS A;42;1 rue A;42000;Saint-Étienne;1"
    )
    lots = write_csv(tmp_path / "dons.csv", LOTS_HEADER, "D1;Nexora;portable;4;69")
    status, data = run(tmp_path, [monday, thursday], [lots], "--lang", "en")
    assert status == 1
    [problem] = [
        p for f in data["files"] for p in f["issues"] if p["code"] == "structure-in-two-files"
    ]
    assert problem["file"] == str(thursday) and problem["column"] == "departement"
    assert "Structure “S1” is in" in problem["message"] and str(monday) in problem["message"]
