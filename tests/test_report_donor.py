"""``ordis report --donor NAME``: one organisation's page, read back from every file it
writes; the figures agree with the ledger; no other donor, partner, structure, address or
contact appears; a private donor is refused, an unknown name gets the closest organisations."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ordis_cli.actions.demo import REPORT_DATE, RUN_DATE
from ordis_cli.names import name_key

from .conftest import invoke

DONOR = "Groupe Héliade"
PRIVATE = "particulier"


def donor_report(demo: Path, *args: str | Path, ledger: Path | None = None) -> Any:
    return invoke(
        "report", "--ledger", ledger or demo / "ordis.db", "--as-of", str(REPORT_DATE), *args
    )


def ledger_rows(ledger: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(ledger) as db:
        return db.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def page(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("donor") / "heliade"
    result = donor_report(demo, "--donor", DONOR, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_the_page_is_written_in_three_formats(page: Path) -> None:
    assert sorted(p.name for p in page.iterdir()) == [
        "rapport-donateur.html",
        "rapport-donateur.json",
        "rapport-donateur.md",
    ]
    text = (page / "rapport-donateur.md").read_text(encoding="utf-8")
    assert text.startswith("# Des ordis pour nos enfants — les dons de Groupe Héliade")
    assert "**Grâce à Groupe Héliade, " in text and "livrés aux enfants" in text
    page_html = (page / "rapport-donateur.html").read_text(encoding="utf-8")
    assert page_html.count('class="region"') == 18  # its map, every région drawn
    assert "Source : IGN — ADMIN EXPRESS" in page_html and "<script" not in page_html


def test_the_figures_are_the_ledgers(page: Path, demo: Path) -> None:
    data = json.loads((page / "rapport-donateur.json").read_text(encoding="utf-8"))
    ledger = demo / "ordis.db"
    lines = [
        row
        for row in ledger_rows(
            ledger,
            "SELECT donor, device, delivered_quantity, delivered_on, structure_id FROM shipments",
        )
        if row[3] and row[3] <= str(REPORT_DATE)
    ]
    mine = [row for row in lines if name_key(row[0]) == name_key(DONOR)]
    assert data["donor"] == DONOR and data["donor_type"] == "entreprise"
    for device in ("portable", "fixe", "tablette", "box_4g"):
        assert data["delivered"][device] == sum(r[2] for r in mine if r[1] == device)
    delivered = sum(data["delivered"].values())
    assert delivered > 0
    assert data["share_delivered"] == round(delivered / sum(r[2] for r in lines), 4)
    assert 0 < data["share_delivered"] < 1
    equipped = len({r[4] for r in mine if r[2]})
    assert data["structures_equipped"] == (equipped if equipped >= 3 else "< 3")
    assert sum(w["delivered"] for w in data["weekly"]) == delivered
    assert sum(sum(r["delivered"].values()) for r in data["by_region"].values()) == delivered
    small = [r["structures_equipped"] for r in data["by_region"].values()]
    assert all(s == "< 3" or s >= 3 or s == 0 for s in small)
    given = ledger_rows(ledger, "SELECT donor, device, quantity FROM lots WHERE quantity > 0")
    assert sum(data["given"].values()) == sum(
        q for d, kind, q in given if name_key(d) == name_key(DONOR) and kind
    )
    # the Markdown and the HTML page show the same totals
    markdown = (page / "rapport-donateur.md").read_text(encoding="utf-8")
    assert f"**{delivered}** équipements livrés" in markdown.replace("\u202f", " ")


def _private_strings(demo: Path) -> set[str]:
    """Everything a donor's page must never show: the other donors' names, the partners',
    the structures' names, addresses, phones and e-mails (from the demo's input files)."""
    found: set[str] = set()
    ledger = demo / "ordis.db"
    for (donor,) in ledger_rows(ledger, "SELECT DISTINCT donor FROM lots"):
        if name_key(donor) != name_key(DONOR):
            found.add(donor)
    for (shipper,) in ledger_rows(ledger, "SELECT DISTINCT shipper FROM shipments"):
        found.add(shipper)
    for (structure,) in ledger_rows(ledger, "SELECT structure_id FROM needs"):
        found.add(structure)
    book = openpyxl.load_workbook(demo / "donnees" / "besoins.xlsx", read_only=True)
    sheet = book.worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    header = [str(h or "") for h in table[0]]
    wanted = [
        i
        for i, h in enumerate(header)
        if any(k in h.lower() for k in ("nom_structure", "adresse", "contact", "telephone"))
    ]
    assert len(wanted) >= 3, header
    for row in table[1:]:
        found.update(str(row[i]) for i in wanted if row[i] and len(str(row[i])) > 4)
    return {f for f in found if len(f) > 4}


def test_no_other_donor_partner_or_structure_appears(page: Path, demo: Path) -> None:
    secrets = _private_strings(demo)
    assert len(secrets) > 50
    for path in page.iterdir():
        text = html.unescape(path.read_text(encoding="utf-8"))
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], (path.name, leaked[:5])
        assert DONOR in text


def test_a_name_matches_whatever_its_case_accents_and_punctuation(demo: Path) -> None:
    for spelling in ("GROUPE HELIADE", "groupe-héliade", "  Groupe  Héliade. "):
        result = donor_report(demo, "--donor", spelling, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["donor"] == DONOR


def test_a_private_donor_is_refused_and_nothing_is_written(demo: Path, tmp_path: Path) -> None:
    private = ledger_rows(
        demo / "ordis.db", "SELECT donor FROM lots WHERE donor_type = ? LIMIT 1", PRIVATE
    )[0][0]
    for lang, word in (("fr", "particulier"), ("en", "private person")):
        out = tmp_path / lang
        result = donor_report(demo, "--donor", private.upper(), "--out", out, "--lang", lang)
        assert result.exit_code == 1, result.output
        assert word in result.output and "private-donor-page" not in result.output
        assert not out.exists()


def test_a_donor_without_a_type_is_refused(demo: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ordis.db"
    shutil.copy(demo / "ordis.db", ledger)
    with sqlite3.connect(ledger) as db:
        db.execute("UPDATE lots SET donor_type = NULL WHERE donor = ?", (DONOR,))
    result = donor_report(demo, "--donor", DONOR, "--out", tmp_path / "out", ledger=ledger)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "out").exists()


def test_an_unknown_name_lists_close_organisations_never_a_private_donor(demo: Path) -> None:
    result = donor_report(demo, "--donor", "Groupe Heliad")
    assert result.exit_code == 2
    assert "« Groupe Héliade »" in result.output
    private = ledger_rows(
        demo / "ordis.db", "SELECT donor FROM lots WHERE donor_type = ? LIMIT 1", PRIVATE
    )[0][0]
    near_miss = private[:-1]  # one letter off a private person's name
    result = donor_report(demo, "--donor", near_miss, "--lang", "en")
    assert result.exit_code == 2
    assert private not in result.output and "no donor of that name" in result.output
    assert "donor organisations" in result.output  # some organisations to pick from


def test_a_name_of_a_hundred_thousand_characters_is_quoted_cut_short(demo: Path) -> None:
    result = donor_report(demo, "--donor", "Nexora" * 20_000)
    assert result.exit_code == 2 and "(120\u202f000 car.)" in result.output
    assert len(result.output) < 2_000


def test_the_writing_rule_and_the_formats(demo: Path, tmp_path: Path, monkeypatch: Any) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = donor_report(demo, "--donor", DONOR, "--out", taken)
    assert result.exit_code == 2
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]
    result = donor_report(demo, "--donor", DONOR, "--format", "xlsx")
    assert result.exit_code == 2 and "md, html, json" in result.output
    monkeypatch.chdir(tmp_path)
    result = donor_report(demo, "--donor", DONOR, "--format", "md")
    assert result.exit_code == 0, result.output
    folder = tmp_path / f"rapport-groupe-heliade-{REPORT_DATE}"
    assert [p.name for p in folder.iterdir()] == ["rapport-donateur.md"]
    again = donor_report(demo, "--donor", DONOR, "--format", "md")
    assert again.exit_code == 0
    assert (tmp_path / f"rapport-groupe-heliade-{REPORT_DATE}-2").is_dir()


def test_the_english_page(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "en"
    result = donor_report(demo, "--donor", DONOR, "--out", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    text = (out / "rapport-donateur.md").read_text(encoding="utf-8")
    assert "**Thanks to Groupe Héliade, " in text and "delivered to children in care" in text
    assert "Computers for our children — gifts from Groupe Héliade" in text
    assert "livrés" not in text and "équipements" not in text
    page_html = (out / "rapport-donateur.html").read_text(encoding="utf-8")
    assert "Source: IGN — ADMIN EXPRESS" in page_html and 'lang="en"' in page_html


def test_before_any_delivery_the_page_speaks_of_what_is_on_its_way(demo: Path) -> None:
    result = invoke(
        "report", "--ledger", demo / "ordis.db", "--as-of", str(RUN_DATE),
        "--donor", DONOR, "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if sum(data["delivered"].values()):
        pytest.skip("the demo delivered something on its allocation day")
    assert sum(data["dispatched"].values()) > 0
    from ordis_cli.report.donor import DonorFigures, context

    values = context(DonorFigures.model_validate(data), "fr")
    assert "en route vers les enfants" in values["headline"]
    assert " 0 " not in values["headline"]


def test_a_donor_name_holding_markup_is_printed_as_text(demo: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ordis.db"
    shutil.copy(demo / "ordis.db", ledger)
    hostile = "<b>Héliade</b> | [x](http://evil) *SA*"
    with sqlite3.connect(ledger) as db:
        for table in ("lots", "shipments"):
            db.execute(f"UPDATE {table} SET donor = ? WHERE donor = ?", (hostile, DONOR))
    out = tmp_path / "out"
    result = donor_report(demo, "--donor", hostile, "--out", out, ledger=ledger)
    assert result.exit_code == 0, result.output
    page_html = (out / "rapport-donateur.html").read_text(encoding="utf-8")
    assert "<b>Héliade" not in page_html and "&lt;b&gt;Héliade&lt;/b&gt;" in page_html
    markdown = (out / "rapport-donateur.md").read_text(encoding="utf-8")
    assert re.search(r"(?<!\\)\]\(", markdown) is None  # no link: every bracket escaped
    assert "| [x]" not in markdown
    assert r"\<b\>Héliade\</b\> \| \[x\](http://evil) \*SA\*" in markdown
    assert json.loads((out / "rapport-donateur.json").read_text("utf-8"))["donor"] == hostile
