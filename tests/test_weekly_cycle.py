"""Two weeks of a coordinator's life, played through the command line (issue 9, SPEC §5):
week 1 allocates; the partner returns its workbook with a full delivery, a short one, a
loss and a refusal; a line is cancelled; one is still on its way; the chasing list shows
it; week 2 (a structure has closed, a lot has come in) serves exactly the shortfalls. The
ledger, the workbooks and the report agree line for line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

from .commands import allocate_files, import_returned, pending, report
from .conftest import cell, invoke, ledger_rows, rows

NEEDS = "id_structure;nom_structure;departement;adresse;code_postal;commune;portables"
LOTS = "id_don;donateur;materiel;quantite;departement;partenaire;disponible_le"
PARTNERS = "partenaire;zone;contact_email"
ASKED = {"S1": 2, "S2": 3, "S3": 2, "S4": 1, "S5": 2, "S6": 1}  # 11 laptops in the Rhône


def _needs(path: Path, closed: tuple[str, ...] = ()) -> Path:
    lines = [
        f"{ident};Structure {ident};69;{n} rue des Lilas;69001;Lyon;{asked}"
        for n, (ident, asked) in enumerate(ASKED.items(), start=1)
        if ident not in closed
    ]
    path.write_text("\n".join([NEEDS, *lines]) + "\n", encoding="utf-8")
    return path


def _setup(folder: Path) -> dict[str, Path]:
    lots = folder / "dons.csv"
    lots.write_text(
        f"{LOTS}\nL1;Nexora;portable;11;69;Relais Rhône;\n"
        "L2;Fondation Lumen;portable;3;69;Relais Rhône;25/04/2020\n",
        encoding="utf-8",
    )
    partners = folder / "partenaires.csv"
    partners.write_text(f"{PARTNERS}\nRelais Rhône;AURA;relais@example.org\n", encoding="utf-8")
    return {"needs": _needs(folder / "besoins.csv"), "lots": lots, "partners": partners}


def _allocate(
    folder: Path, files: dict[str, Path], date: str, out: str, *extra: str, ledger: str
) -> dict[str, Any]:
    result = allocate_files(
        files["needs"],
        files["lots"],
        ledger,
        "--partners",
        files["partners"],
        "--out",
        folder / out,
        "--date",
        date,
        "--format",
        "json",
        *extra,
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _by_structure(path: Path) -> dict[str, int]:
    """Row number of each structure's line in a partner's workbook."""
    sheet = openpyxl.load_workbook(path).worksheets[1]
    column = cell(sheet, "id_structure@1").column
    return {
        str(row[column - 1].value): row[0].row
        for row in sheet.iter_rows(min_row=2)
        if row[column - 1].value
    }


def test_two_weeks_of_deliveries_shortfalls_losses_and_cancellations(
    tmp_path: Path, ledger_at: str
) -> None:
    """On both back-ends: SQLite and PostgreSQL (``ledger_at``)."""
    files = _setup(tmp_path)
    week1 = _allocate(tmp_path, files, "2020-04-20", "semaine1", ledger=ledger_at)
    assert week1["allocated"]["portable"] == 11 and week1["unmet"]["portable"] == 0
    workbook = tmp_path / "semaine1" / "expeditions_relais-rhone.xlsx"
    line_of = _by_structure(workbook)
    assert set(line_of) == set(ASKED)
    lines = rows(workbook)
    ids = {s: lines[r - 1][0] for s, r in line_of.items()}

    # the partner's return: S1 in full, S2 one short, S3 one lost, S4 refused, S6 pending
    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[1]
    returned = {
        "S1": {"livre_le": "22/04/2020"},
        "S2": {"livre_le": "23/04/2020", "quantite_livree": 2},
        "S3": {
            "livre_le": "23/04/2020",
            "quantite_livree": 1,
            "ecart": "perdu",
            "commentaire": "un carton volé",
        },
        "S4": {
            "livre_le": "24/04/2020",
            "quantite_livree": 0,
            "commentaire": "structure fermée, livraison refusée",
        },
        "S6": {"commentaire": "rappeler la semaine prochaine"},
    }
    for structure, values in returned.items():
        for column, value in values.items():
            cell(sheet, f"{column}@{line_of[structure]}").value = value
    book.save(tmp_path / "retour.xlsx")
    done = import_returned(tmp_path / "retour.xlsx", ledger_at, "--format", "json")
    assert done.exit_code == 0, done.output
    # S5's line is cancelled by the coordinator before it leaves
    cancelled = invoke("shipments", "cancel", ids["S5"], "--ledger", ledger_at, "--format", "json")
    assert cancelled.exit_code == 0, cancelled.output
    assert json.loads(cancelled.stdout)["freed"]["portable"] == 2

    # the chasing list: only S6's line, with its comment
    chased = json.loads(pending(ledger_at, "--as-of", "2020-04-26", "--format", "json").stdout)
    [partner] = chased["partners"]
    assert (partner["partner"], partner["lines"], partner["units"]) == ("Relais Rhône", 1, 1)
    assert partner["shipments"][0]["id_envoi"] == ids["S6"]
    assert partner["shipments"][0]["commentaire"] == "rappeler la semaine prochaine"

    # week 2: S4 has closed (absent from the needs, retired), L2 has come in
    files["needs"] = _needs(tmp_path / "besoins_semaine2.csv", closed=("S4",))
    week2 = _allocate(
        tmp_path, files, "2020-04-27", "semaine2", "--retire-missing", ledger=ledger_at
    )
    # S2's missing unit, S3's lost one and S5's cancelled two; L1 kept 11 - 7 = 4, L2 3
    assert week2["allocated"]["portable"] == 1 + 1 + 2
    assert week2["unmet"]["portable"] == 0 and week2["leftover"]["portable"] == 7 - 4
    lines2 = rows(tmp_path / "semaine2" / "allocation.xlsx")
    header = [str(h) for h in lines2[0]]
    got = {}
    for line in lines2[1:]:
        got[line[header.index("id_structure")]] = (
            got.get(line[header.index("id_structure")], 0) + line[header.index("quantite")]
        )
    assert got == {"S2": 1, "S3": 1, "S5": 2}
    # ledger and workbook agree line for line
    ledger2 = ledger_rows(
        ledger_at, "SELECT id, structure_id, quantity FROM shipments WHERE run_id = 2 ORDER BY id"
    )
    shown = sorted(
        (
            line[header.index("id_envoi")],
            line[header.index("id_structure")],
            line[header.index("quantite")],
        )
        for line in lines2[1:]
    )
    assert ledger2 == shown

    # the report: what was delivered, lost, still pending
    reported = report(ledger_at, "--as-of", "2020-04-30", "--format", "json")
    assert reported.exit_code == 0, reported.output
    figures = json.loads(reported.stdout)
    assert figures["delivered"]["portable"] == 2 + 2 + 1 + 0
    assert figures["lost"] == {"portable": 1, "fixe": 0, "tablette": 0, "box_4g": 0}
    still_pending = json.loads(
        pending(ledger_at, "--as-of", "2020-04-30", "--format", "json").stdout
    )
    assert still_pending["partners"][0]["lines"] == 1 + 3
    assert still_pending["partners"][0]["units"] == 5
