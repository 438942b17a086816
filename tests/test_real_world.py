"""The real-world corpus (tests/data/real_world/, built by its build.py): files shaped like
those coordinators receive — web-form exports, French Excel CSV, LibreOffice, title rows,
totals, hidden rows, merged cells, a notes sheet, English headers, mixed dates — each read as
the kind, row count and problems a coordinator should get (with the ``--columns`` mapping a
form export needs, and what the same export gives without it)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.actions.validate import ValidationOptions, validate_files
from ordis_cli.column_mapping import load_mapping

from .conftest import invoke

CORPUS = Path(__file__).parent / "data" / "real_world"
TODAY = dt.date(2020, 4, 20)

# file, mapping (--columns), kind, rows, error codes (with counts), warning codes (counts)
EXPECTED: list[tuple[str, str | None, str, int, dict[str, int], dict[str, int]]] = [
    (
        "google_forms_besoins.csv",
        "google_forms.toml",
        "besoins",
        12,
        {},
        {"missing-address": 1, "suggest-4g-box": 4},
    ),
    # without its mapping, the FINESS and département questions are unknown: refused
    (
        "google_forms_besoins.csv",
        None,
        "besoins",
        12,
        {"missing-column": 2},
        {"missing-address": 1, "unknown-column": 2, "suggest-4g-box": 4},
    ),
    (
        "google_forms_needs_en.csv",
        "google_forms_en.toml",
        "besoins",
        8,
        {},
        {"missing-address": 1, "suggest-4g-box": 3},
    ),
    (
        "framaforms_besoins.csv",
        "framaforms.toml",
        "besoins",
        10,
        {},
        {"missing-address": 1, "unknown-column": 7},
    ),
    (
        "framaforms_dons.csv",
        "framaforms.toml",
        "dons",
        9,
        {},
        {"no-donor-type-column": 1, "unknown-column": 7},
    ),
    (
        "framaforms_dons.csv",
        None,
        "dons",
        9,
        {"missing-column": 1, "no-material": 9},
        {"unknown-column": 10, "no-donor-type-column": 1},
    ),
    ("typeform_besoins.csv", "typeform.toml", "besoins", 9, {}, {"unknown-column": 3}),
    ("excel_besoins_bom.csv", None, "besoins", 10, {}, {"suggest-4g-box": 3}),
    ("excel_dons_cp1252.csv", None, "dons", 11, {}, {}),
    ("libreoffice_besoins.ods", None, "besoins", 7, {}, {"suggest-4g-box": 3}),
    ("titre_fusionne_besoins.xlsx", None, "besoins", 8, {}, {"suggest-4g-box": 2}),
    ("totaux_dons.xlsx", None, "dons", 7, {}, {"totals-row": 1}),
    (
        "lignes_masquees_besoins.xlsx",
        None,
        "besoins",
        10,
        {},
        {"hidden-rows": 1, "suggest-4g-box": 4},
    ),
    (
        "cellules_fusionnees_besoins.xlsx",
        None,
        "besoins",
        6,
        {"missing-value": 2},
        {"suggest-4g-box": 2},
    ),
    ("feuille_notes_dons.xlsx", None, "dons", 9, {}, {}),
    ("english_donations.xlsx", None, "dons", 9, {}, {}),
    ("dates_melangees_besoins.xlsx", None, "besoins", 10, {"bad-date": 1}, {"suggest-4g-box": 3}),
    ("partenaires_zones.xlsx", None, "partenaires", 3, {}, {"zone-region-code": 1}),
]


def test_the_corpus_holds_at_least_fifteen_files_each_in_the_table() -> None:
    files = {p.name for p in _data_files() if p.suffix != ".toml"}
    assert len(files) >= 15
    assert files == {name for name, *_ in EXPECTED}


@pytest.mark.parametrize(
    ("name", "mapping", "kind", "rows", "errors", "warnings"),
    EXPECTED,
    ids=[f"{e[0]}-{e[1] or 'no-mapping'}" for e in EXPECTED],
)
def test_each_file_gives_what_a_coordinator_should_get(
    name: str,
    mapping: str | None,
    kind: str,
    rows: int,
    errors: dict[str, int],
    warnings: dict[str, int],
) -> None:
    columns = load_mapping(CORPUS / mapping) if mapping else None
    report = validate_files([CORPUS / name], ValidationOptions(today=TODAY, columns=columns))
    found = report.files[0]
    assert (found.kind, found.rows) == (kind, rows)
    assert Counter(p.code for p in found.issues if p.severity == "error") == errors
    assert Counter(p.code for p in found.issues if p.severity == "warning") == warnings


def test_the_details_of_the_corpus_are_right() -> None:
    """What the table's counts stand for: the merged cell's hint, the hidden rows listed, the
    totals row, the bad date named with the user's header, the mapped questions read."""

    def issues(name: str, mapping: str | None = None) -> list[str]:
        columns = load_mapping(CORPUS / mapping) if mapping else None
        report = validate_files([CORPUS / name], ValidationOptions(today=TODAY, columns=columns))
        return [f"{p.cell or p.row}|{p.message}" for p in report.files[0].issues]

    merged = issues("cellules_fusionnees_besoins.xlsx")
    assert any(m.startswith("D3|« Dépt » est vide") and "D2:D4" in m for m in merged)
    hidden = issues("lignes_masquees_besoins.xlsx")
    assert any("lignes 4 à 5, 9" in m for m in hidden)
    assert any(m.startswith("B9|") and "TOTAL" in m for m in issues("totaux_dons.xlsx"))
    dates = issues("dates_melangees_besoins.xlsx")
    assert any(
        m.startswith("N11|") and "« Date de la demande »" in m and "31/04/2020" in m for m in dates
    )
    without = issues("google_forms_besoins.csv")
    assert any("« Numéro FINESS ou identifiant de votre structure »" in m for m in without)


def test_a_form_export_with_its_mapping_allocates(tmp_path: Path) -> None:
    """The Google Forms needs and the Framaforms donations, with their mappings, through the
    command a coordinator runs: allocate, and units reach the structures."""
    toml = tmp_path / "colonnes.toml"
    toml.write_text(
        (CORPUS / "google_forms.toml").read_text(encoding="utf-8")
        + (CORPUS / "framaforms.toml").read_text(encoding="utf-8").replace("[besoins]", "[needs]"),
        encoding="utf-8",
    )
    result = invoke(
        "allocate",
        "--needs",
        CORPUS / "google_forms_besoins.csv",
        "--donations",
        CORPUS / "framaforms_dons.csv",
        "--columns",
        toml,
        "--date",
        "2020-04-30",
        "--ledger",
        tmp_path / "ordis.db",
        "--out",
        tmp_path / "envois",
        "--format",
        "json",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert sum(summary["allocated"].values()) > 0


def test_the_build_script_writes_the_committed_files(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("real_world_build", CORPUS / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.main(tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in _data_files())
    for name in written:
        if name.endswith(".xlsx"):  # a workbook's zip dates differ: compare the cells
            assert _cells(tmp_path / name) == _cells(CORPUS / name), name
        else:
            assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes(), name


def _data_files() -> list[Path]:
    """The corpus's files but its build script (and not the folder Python may leave its
    compiled script in, ``__pycache__``, where writing bytecode is allowed)."""
    return [p for p in CORPUS.iterdir() if p.is_file() and p.suffix != ".py"]


def _cells(path: Path) -> list[list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return [[tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book]
