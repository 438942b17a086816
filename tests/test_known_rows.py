"""SPEC §5: the files given to ``allocate`` are the complete current lists. Known rows that
still lack or hold something stop the run unless ``--retire-missing`` (issue 7: a weekly
donations file with only the new lots cut the laptop stock from 1,655 to 34 without a word)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .commands import allocate_files

HEAD_NEEDS = "id_structure;nom_structure;departement;adresse;code_postal;commune;portables\n"
HEAD_LOTS = "id_don;donateur;materiel;quantite;departement;montant_eur\n"


def files(tmp: Path, week: str, needs: str, lots: str) -> tuple[Path, Path]:
    needs_path, lots_path = tmp / f"besoins_{week}.csv", tmp / f"dons_{week}.csv"
    needs_path.write_text(HEAD_NEEDS + needs, encoding="utf-8")
    lots_path.write_text(HEAD_LOTS + lots, encoding="utf-8")
    return needs_path, lots_path


def run(tmp: Path, week: str, needs: str, lots: str, *extra: str) -> tuple[int, Any]:
    needs_path, lots_path = files(tmp, week, needs, lots)
    result = allocate_files(
        needs_path,
        lots_path,
        tmp / "ordis.db",
        "--out",
        tmp / f"out_{week}{len(extra)}",
        "--date",
        "2020-04-20" if week == "1" else "2020-04-27",
        "--format",
        "json",
        *extra,
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def week_2_dry_run(tmp: Path) -> Any:
    """``allocate --dry-run`` of week 2's files (written by ``run``), as text."""
    return allocate_files(tmp / "besoins_2.csv", tmp / "dons_2.csv", tmp / "ordis.db", "--dry-run")


WEEK_1_NEEDS = "S1;MECS A;69;1 rue A;69001;Lyon;2\nS2;MECS B;69;2 rue B;69002;Lyon;3\n"
WEEK_1_LOTS = "D1;Nexora;portable;3;69;\nD2;Fondation Y;;;;500\n"


def test_a_partial_weekly_file_stops_the_run_and_names_what_it_leaves_out(tmp_path: Path) -> None:
    code, first = run(tmp_path, "1", WEEK_1_NEEDS, WEEK_1_LOTS)
    assert code == 0 and sum(first["allocated"].values()) == 3  # S2 still lacks 2
    before = (tmp_path / "ordis.db").read_bytes()
    code, refused = run(
        tmp_path, "2", "S3;MECS C;69;3 rue C;69003;Lyon;1\n", "D3;Nexora;portable;5;69;\n"
    )
    assert code == 1 and refused["ok"] is False
    issues = [i for f in refused["files"] for i in f["issues"] if i["code"] == "missing-known-rows"]
    assert {(i["code"], i["value"], i["severity"]) for i in issues} == {
        ("missing-known-rows", "S2", "error"),  # S1 was served in full: not missing
        ("missing-known-rows", "D2", "error"),  # a financial gift would leave the report
    }  # D1 is used up: not missing
    message = next(i["message"] for i in issues if i["value"] == "S2")
    assert "2 portables" in message and "--retire-missing" in message
    assert (tmp_path / "ordis.db").read_bytes() == before
    assert not (tmp_path / "out_20").exists()
    dry = week_2_dry_run(tmp_path)
    assert dry.exit_code == 1 and "S2" in dry.output


def test_retire_missing_retires_them_and_says_so(tmp_path: Path) -> None:
    run(tmp_path, "1", WEEK_1_NEEDS, WEEK_1_LOTS)
    code, done = run(
        tmp_path,
        "2",
        "S3;MECS C;69;3 rue C;69003;Lyon;1\n",
        "D3;Nexora;portable;5;69;\n",
        "--retire-missing",
    )
    assert code == 0
    assert done["retired"] == {"structures": 1, "lots": 1}
    assert {(w["code"], w["value"]) for w in done["warnings"]} == {
        ("missing-known-rows", "S2"),
        ("missing-known-rows", "D2"),
    }
    assert done["allocated"]["portable"] == 1  # S3 only: S2 is retired
    with sqlite3.connect(tmp_path / "ordis.db") as db:
        needs = {row[0] for row in db.execute("SELECT structure_id FROM needs")}
        lots = {row[0] for row in db.execute("SELECT id FROM lots")}
        retired = set(db.execute("SELECT kind, id, run_id FROM retired"))
    assert needs == {"S1", "S3"}  # S1, fully served, keeps its request in the figures
    assert lots == {"D1", "D3"}
    assert retired == {("structure", "S2", 2), ("lot", "D2", 2)}
    # back in next week's file, S2 is known again and no longer retired
    code, again = run(
        tmp_path,
        "3",
        "S2;MECS B;69;2 rue B;69002;Lyon;3\nS3;MECS C;69;3 rue C;69003;Lyon;1\n",
        "D3;Nexora;portable;5;69;\n",
    )
    assert code == 0 and again["allocated"]["portable"] == 2
    with sqlite3.connect(tmp_path / "ordis.db") as db:
        assert list(db.execute("SELECT id FROM retired WHERE kind = 'structure'")) == []


def test_a_request_below_what_was_shipped_is_a_warning(tmp_path: Path) -> None:
    run(tmp_path, "1", WEEK_1_NEEDS, WEEK_1_LOTS)
    code, done = run(
        tmp_path,
        "2",
        "S1;MECS A;69;1 rue A;69001;Lyon;1\nS2;MECS B;69;2 rue B;69002;Lyon;3\n",
        WEEK_1_LOTS,
    )
    assert code == 0
    assert [(w["code"], w["value"], w["severity"]) for w in done["warnings"]] == [
        ("request-below-shipped", "S1", "warning")
    ]
    assert "1 portable" in done["warnings"][0]["message"]
    text = week_2_dry_run(tmp_path)
    assert text.exit_code == 0 and "S1" in text.output
