"""``ordis deliveries pending``: the lines still to deliver, per partner, with their age —
from the ledger alone, read-only; as text, SPEC §5's JSON, or a chasing workbook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl

from .commands import pending, report
from .conftest import first_summary, invoke, ledger_of, sha256, sheets
from .test_deliveries import fill, imported

PARTNER = "Outre-mer Connect"  # the partner of test_deliveries.RETURNED


def pending_json(folder: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = pending(ledger_of(folder), "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else {}


def test_every_line_of_a_fresh_run_is_pending_and_the_json_is_the_spec(sample_run: Path) -> None:
    before = sha256(sample_run / "ordis.db")
    status, data = pending_json(sample_run, "--as-of", "2020-05-01")
    assert status == 0 and set(data) == {"as_of", "partners"}
    assert data["as_of"] == "2020-05-01"
    first = first_summary(sample_run)
    assert sum(p["lines"] for p in data["partners"]) == first["shipments"]
    assert sum(p["units"] for p in data["partners"]) == sum(first["allocated"].values())
    names = [p["partner"] for p in data["partners"]]
    assert names == sorted(names, key=str.casefold) and len(set(names)) == len(names)
    for partner in data["partners"]:
        assert set(partner) == {"partner", "lines", "units", "oldest_days", "shipments"}
        assert partner["lines"] == len(partner["shipments"])
        assert partner["units"] == sum(s["quantite"] for s in partner["shipments"])
        assert partner["oldest_days"] == 11  # shipped 2020-04-20, seen 2020-05-01
        for line in partner["shipments"]:
            assert set(line) == {
                "id_envoi",
                "run",
                "shipped_on",
                "age_days",
                "materiel",
                "quantite",
                "id_structure",
                "departement",
                "commentaire",
            }
            assert line["run"] == 1 and line["shipped_on"] == "2020-04-20"
    assert sha256(sample_run / "ordis.db") == before  # only read


def test_delivered_lines_leave_the_list_and_comments_stay_on_the_others(run_both: Path) -> None:
    returned = fill(
        run_both,
        "retour.xlsx",
        {"livre_le@2": "24/04/2020", "commentaire@3": "appeler avant de passer"},
    )
    assert imported(run_both, returned)[0] == 0
    status, data = pending_json(run_both, "--partner", "outre-mer CONNECT", "--as-of", "2020-05-01")
    assert status == 0 and [p["partner"] for p in data["partners"]] == [PARTNER]
    lines = data["partners"][0]["shipments"]
    book = openpyxl.load_workbook(returned)["expeditions"]
    delivered_id = book["A2"].value
    assert delivered_id not in {line["id_envoi"] for line in lines}
    commented = next(line for line in lines if line["id_envoi"] == book["A3"].value)
    assert commented["commentaire"] == "appeler avant de passer"


def test_older_than_and_as_of(sample_run: Path) -> None:
    _, exactly = pending_json(sample_run, "--as-of", "2020-04-27", "--older-than", "7")
    assert exactly["partners"] == []  # 7 days old is not more than 7
    _, older = pending_json(sample_run, "--as-of", "2020-04-28", "--older-than", "7")
    assert older["partners"] and all(p["oldest_days"] == 8 for p in older["partners"])
    _, before_the_run = pending_json(sample_run, "--as-of", "2020-04-19")
    assert before_the_run["partners"] == []  # not shipped yet on that day
    text = pending(sample_run / "ordis.db", "--as-of", "27/04/2020", "--older-than", "7")
    assert text.exit_code == 0
    assert "Rien en attente de livraison au 27/04/2020" in " ".join(text.output.split())


def test_text_in_both_languages(sample_run: Path) -> None:
    french = pending(sample_run / "ordis.db", "--as-of", "2020-05-01", "--partner", PARTNER)
    words = " ".join(french.output.split())
    assert french.exit_code == 0
    assert f"{PARTNER} :" in words and "la plus ancienne envoyée il y a 11 jours" in words
    assert "tablette" in words
    english = pending(
        sample_run / "ordis.db", "--as-of", "2020-05-01", "--partner", PARTNER, "--lang", "en"
    )
    words = " ".join(english.output.split())
    assert "the oldest shipped 11 days ago" in words and "tablet" in words
    assert "tablette" not in words and "lignes" not in words
    # one day is singular, in both languages (« il y a 1 jours » had been written)
    for lang, said in (("fr", "envoyée il y a 1 jour"), ("en", "the oldest shipped 1 day ago")):
        day = pending(sample_run / "ordis.db", "--as-of", "2020-04-21", "--lang", lang)
        assert said in " ".join(day.output.split())
    older = pending(sample_run / "ordis.db", "--as-of", "2020-04-21", "--older-than", "1")
    assert "(envoyées il y a plus de 1 jour)" in " ".join(older.output.split())


def test_a_partner_the_ledger_does_not_know_is_named_with_the_known_ones(sample_run: Path) -> None:
    result = pending(sample_run / "ordis.db", "--partner", "Transports Fantômes")
    words = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "Transports Fantômes" in words and PARTNER in words
    assert pending(sample_run / "absent.db").exit_code == 2
    assert not (sample_run / "absent.db").exists()


def test_cancelled_runs_have_nothing_pending(run_both: Path) -> None:
    cancelled = invoke("runs", "cancel", "1", "--yes", "--ledger", ledger_of(run_both))
    assert cancelled.exit_code == 0, cancelled.output
    _, data = pending_json(run_both, "--as-of", "2020-05-01")
    assert data["partners"] == []


def test_the_chasing_workbook(sample_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "relances.xlsx"
    result = pending(
        sample_run / "ordis.db", "--as-of", "2020-05-01", "--format", "xlsx", "--out", out
    )
    assert result.exit_code == 0 and out.exists()
    book = sheets(out)
    assert list(book) == ["partenaires", "relances"]
    summary = book["partenaires"]
    assert summary[0] == ("partenaire", "lignes", "unites", "plus_ancienne_jours")
    lines = book["relances"]
    assert lines[0][:2] == ("partenaire", "id_envoi")
    assert len(lines) - 1 == sum(row[1] for row in summary[1:])
    assert lines[1][3] == dt.datetime(2020, 4, 20) and lines[1][4] == 11
    again = pending(sample_run / "ordis.db", "--format", "xlsx", "--out", out)
    assert again.exit_code == 2  # never over an existing file
    assert list(sheets(out)) == ["partenaires", "relances"]
    folder = tmp_path / "relances"
    folder.mkdir()
    into_a_folder = pending(sample_run / "ordis.db", "--format", "xlsx", "--out", folder)
    assert into_a_folder.exit_code == 2  # said as a folder, not as a file already there
    assert "c'est un dossier, un fichier était attendu" in " ".join(into_a_folder.output.split())
    assert {line[5] for line in lines[1:]} <= {"portable", "fixe", "tablette", "box_4g"}
    english = tmp_path / "chasing.xlsx"
    said = pending(sample_run / "ordis.db", "--format", "xlsx", "--out", english, "--lang", "en")
    assert said.exit_code == 0, said.output
    in_english = sheets(english)["chasing"]
    assert in_english[0][5] == "equipment"
    assert {line[5] for line in in_english[1:]} <= {"laptop", "desktop", "tablet", "4G box"}
    assert len(in_english) == len(lines)


def test_the_library_function(sample_run: Path) -> None:
    import ordis_cli

    listed = ordis_cli.pending_deliveries(
        sample_run / "ordis.db", "fr", dt.date(2020, 5, 1), partner=PARTNER
    )
    assert [p.partner for p in listed.partners] == [PARTNER]
    assert listed.to_dict()["partners"][0]["oldest_days"] == 11


def test_a_line_cancelled_since_is_not_counted_pending_on_import(run_copy: Path) -> None:
    """A returned workbook still lists a line the coordinator cancelled meanwhile: the
    import neither counts it as waiting nor keeps its comment."""
    book = openpyxl.load_workbook(run_copy / "envois" / "expeditions_outre-mer-connect.xlsx")
    first_id = book.worksheets[1]["A2"].value
    assert invoke("shipments", "cancel", first_id, "--ledger", run_copy / "ordis.db").exit_code == 0
    returned = fill(run_copy, "retour.xlsx", {"commentaire@2": "trop tard"})
    status, result = imported(run_copy, returned)
    lines = len(openpyxl.load_workbook(returned).worksheets[1]["A"]) - 2  # header, note row
    assert status == 0 and result["pending"] == lines - 1 and result["commented"] == 0


def test_the_report_shows_delivered_and_waiting_per_partner(run_copy: Path, tmp_path: Path) -> None:
    returned = fill(run_copy, "retour.xlsx", {"livre_le@2": "24/04/2020"})
    assert imported(run_copy, returned)[0] == 0
    _, data = pending_json(run_copy, "--as-of", "2020-05-01", "--partner", PARTNER)
    waiting = data["partners"][0]["units"]
    delivered = openpyxl.load_workbook(returned).worksheets[1]["E2"].value
    out = tmp_path / "rapport"
    done = report(
        run_copy / "ordis.db", "--as-of", "2020-05-01", "--out", out, "--format", "md,xlsx,html"
    )
    assert done.exit_code == 0, done.output
    markdown = (out / "rapport.md").read_text(encoding="utf-8")
    [line] = [line for line in markdown.splitlines() if line.startswith(f"| {PARTNER} |")]
    assert line.split("|")[3:5] == [f" {delivered} ", f" {waiting} "]
    sheet = openpyxl.load_workbook(out / "rapport.xlsx")["partenaires"]
    found = [row for row in sheet.iter_rows(values_only=True) if row[0] == PARTNER]
    assert found and found[0][2:4] == (delivered, waiting)
    assert "En attente" in (out / "rapport.html").read_text(encoding="utf-8")
