"""Every validation rule of SPEC §3 and of the foundation issue, on real fixture files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from ordis_cli.models import Severity

from .conftest import DATA, codes_at, problems, validate

NEEDS_ERRORS = DATA / "besoins_erreurs.csv"

# (row, cell, code, severity) for each planted mistake; see tests/build_fixtures.py.
EXPECTED_NEEDS = [
    (1, "S1", "unknown-column", "warning"),
    (3, "D3", "unknown-departement", "error"),
    (4, "D4", "unknown-departement", "error"),
    (5, "O5", "bad-quantity", "error"),
    (6, "O6", "bad-quantity", "error"),
    (7, "O7", "bad-quantity", "error"),
    (8, "N8", "bad-date", "error"),
    (9, "N9", "bad-date", "error"),
    (10, "I10", "bad-email", "warning"),
    (11, "J11", "bad-phone", "warning"),
    (12, "L12", "bad-boolean", "error"),
    (13, "M13", "bad-priority", "error"),
    (14, "C14", "unknown-structure-type", "warning"),
    (15, None, "no-request", "error"),
    (16, "B16", "missing-value", "error"),
    (17, "E17", "postal-code-mismatch", "warning"),
    (18, "E18", "bad-postal-code", "warning"),
    (19, "G19", "missing-address", "warning"),
    (20, "L20", "suggest-4g-box", "warning"),
    (21, "O21", "large-quantity", "warning"),
    (22, "D22", "conflicting-structure", "error"),
    (23, "K23", "bad-number", "error"),
    (25, "A25", "missing-value", "error"),
]


def test_every_needs_rule_in_one_run() -> None:
    found = [(p.row, p.cell, p.code, p.severity.value) for p in problems(NEEDS_ERRORS)]
    assert found == EXPECTED_NEEDS


def test_messages_say_what_is_expected() -> None:
    by_cell = {p.cell: p for p in problems(NEEDS_ERRORS)}
    assert "n'existe pas" in by_cell["D3"].message and "100" in by_cell["D3"].message
    assert "Bouches-du-Rhône" in by_cell["D4"].message
    assert "Vouliez-vous dire « urgente »" in by_cell["M13"].message
    assert "nombre négatif" in by_cell["O5"].message
    assert "jour d'abord" in by_cell["N8"].message
    assert "jj/mm/aaaa" in by_cell["N9"].message
    assert "ligne 2" in by_cell["D22"].message  # where the structure was first declared
    assert by_cell["D3"].value == "100" and by_cell["D3"].column == "departement"
    assert by_cell["D3"].file == str(NEEDS_ERRORS) and by_cell["D3"].sheet is None


def test_english_messages() -> None:
    by_cell = {p.cell: p for p in problems(NEEDS_ERRORS, lang="en")}
    assert by_cell["D3"].message.startswith("Unknown department “100”")
    assert "Did you mean “urgent”?" in by_cell["M13"].message


def test_strict_turns_warnings_into_errors() -> None:
    relaxed = validate(DATA / "colonne_manquante.csv").files[0]
    strict = validate(DATA / "colonne_manquante.csv", strict=True).files[0]
    assert strict.warnings == 0
    assert strict.errors == relaxed.errors + relaxed.warnings
    assert all(p.severity is Severity.ERROR for p in strict.issues)


def test_donations_rules() -> None:
    found = {(p.cell, p.code) for p in problems(DATA / "dons_erreurs.xlsx")}
    assert found == {
        ("A3", "duplicate-id"),
        ("D4", "unknown-material"),
        ("E5", "bad-quantity"),
        ("E6", "missing-quantity"),
        ("G7", "missing-value"),
        ("D8", "no-material"),
        ("J9", "bad-amount"),
        ("B10", "missing-value"),
        ("C10", "unknown-donor-type"),
        ("F10", "unknown-state"),
        ("I10", "bad-date"),
    }
    assert "tablette" in next(
        p.message for p in problems(DATA / "dons_erreurs.xlsx") if p.code == "unknown-material"
    )


def test_partners_rules() -> None:
    found = {(p.cell, p.code) for p in problems(DATA / "partenaires_erreurs.csv")}
    assert found == {
        ("B2", "bad-zone"),
        ("A3", "duplicate-id"),
        ("C3", "bad-email"),
        ("D3", "bad-capacity"),
        ("B4", "missing-value"),
        ("D4", "bad-capacity"),
    }
    zone = next(p for p in problems(DATA / "partenaires_erreurs.csv") if p.code == "bad-zone")
    assert "Hauts-de-France" in zone.message


def test_partner_absent_from_partners_file_is_a_warning() -> None:
    report = validate(DATA / "dons_erreurs.xlsx", DATA / "partenaires_ok.csv")
    unknown = [p for p in report.files[0].issues if p.code == "unknown-partner"]
    assert [(p.cell, p.value, p.severity) for p in unknown] == [
        ("H10", "Transports Martin", Severity.WARNING)
    ]
    # Matching ignores case and accents: "relais numerique solidaire" is known.
    ok = validate(DATA / "dons_ok.xlsx", DATA / "partenaires_ok.csv")
    assert ok.ok and not any(p.code == "unknown-partner" for f in ok.files for p in f.issues)
    # Without a partners file nothing is said about partners.
    alone = validate(DATA / "dons_erreurs.xlsx").files[0]
    assert not any(p.code == "unknown-partner" for p in alone.issues)


def test_deliveries_rules() -> None:
    found = {(p.cell, p.code) for p in problems(DATA / "livraisons_erreurs.xlsx")}
    assert found == {
        ("O2", "future-date"),
        ("P3", "delivered-above-shipped"),
        ("O4", "delivery-without-date"),
        ("A5", "duplicate-id"),
    }
    # "the future" is relative to the day given
    later = codes_at(DATA / "livraisons_erreurs.xlsx", today=dt.date(2100, 1, 1))
    assert "future-date" not in later.get(2, set())


def test_file_shapes() -> None:
    assert codes_at(DATA / "sans_entete.csv") == {None: {"unknown-kind"}}
    missing = codes_at(DATA / "colonne_manquante.csv")
    # "Portable" beside "portables": a second quantity column is an error, not dropped
    assert missing[1] == {"missing-column", "duplicate-quantity-column", "unknown-column"}
    assert codes_at(DATA / "entete_seul.csv")[1] == {"no-data"}


def test_forced_kind(tmp_path: Path) -> None:
    forced = validate(DATA / "sans_entete.csv", kind="besoins").files[0]
    assert forced.kind == "besoins"
    assert {p.code for p in forced.issues} >= {"unknown-kind", "missing-column"}


def test_all_problems_of_a_big_file_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "grand.csv"
    lines = ["id_structure;nom_structure;departement;portables"]
    lines += [f"S{i};Foyer {i};{'100' if i % 1000 == 0 else '69'};2" for i in range(1, 120_001)]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate(path, block_rows=50_000).files[0]
    assert report.rows == 120_000
    bad = [p for p in report.issues if p.code == "unknown-departement"]
    assert len(bad) == 120
    assert [p.row for p in bad[:2]] == [1001, 2001]


def test_values_under_a_column_without_a_header_are_said(tmp_path: Path) -> None:
    """A value holding the delimiter, unquoted (``Bretagne;93``), or a column left unnamed:
    its cells were dropped without a word; now one warning per column, at its first value."""
    split = tmp_path / "partenaires.csv"
    split.write_text("partenaire;zone\nP4;Bretagne;93\nP5;IDF\nP6;75;;x\n", encoding="utf-8")
    found = [(p.code, p.cell, p.value) for p in problems(split)]
    assert ("unnamed-column-values", "C2", "93") in found
    assert ("unnamed-column-values", "D4", "x") in found
    assert all(p.severity.value == "warning" for p in problems(split))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["partenaire", "zone"], ["P1", "IDF", None, "oubli"], ["P2", "93"]):
        sheet.append(row)
    book.save(tmp_path / "partenaires.xlsx")
    found = [(p.code, p.cell, p.value) for p in problems(tmp_path / "partenaires.xlsx")]
    assert ("unnamed-column-values", "D2", "oubli") in found
    assert not [f for f in found if f[1] and f[1].startswith("C")]  # an empty column: nothing
