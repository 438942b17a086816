"""Inputs never silently dropped (SPEC §2): quantity headers that match no column, a needs
file without quantities, totals rows, hidden rows and merged cells. Every file is built here."""

from __future__ import annotations

import html
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordis_cli.models import Kind, Problem, Severity
from ordis_cli.reading import layout
from ordis_cli.reading.layout import Merge, scan_layout
from ordis_cli.validation import ValidationOptions
from ordis_cli.validation.service import rows_text, validate_inputs

from .conftest import DATA, invoke, problems, validate
from .depth import examples

HEADER = ["id_structure", "nom_structure", "departement", "adresse", "code_postal", "commune"]


def needs_row(number: int, *quantities: Any) -> list[Any]:
    return [
        f"S{number}",
        f"Foyer {number}",
        "75",
        f"{number} rue de la Paix",
        "75002",
        "Paris",
        *quantities,
    ]


def xlsx(path: Path, rows: list[list[Any]], title: str = "Besoins") -> Any:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book, sheet


def csv(path: Path, rows: list[list[Any]]) -> Path:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return f'"{text}"' if any(c in text for c in ';"\n') else text

    path.write_text(
        "\n".join(";".join(cell(v) for v in row) for row in rows) + "\n", encoding="utf-8"
    )
    return path


def kept_column(path: Path, column: str) -> list[Any]:
    _, validators = validate_inputs([(path, Kind.NEEDS)], ValidationOptions(keep_data=True))
    validator = validators[0]
    assert validator is not None and validator.kept is not None
    return [value for block in validator.kept for value in block[column]]


def by_code(found: list[Problem], code: str) -> list[Problem]:
    return [p for p in found if p.code == code]


# --- quantity headers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Qté portables", "portables"),
        ("Nb PC portables", "portables"),
        ("Nombre de tablettes", "tablettes"),
        ("Tablettes\n(nombre)", "tablettes"),
        ("Nombre d'ordinateurs portables souhaités", "portables"),
        ("Quantité de postes fixes", "fixes"),
        ("Clé 4G", "box_4g"),
        ("Number of laptops", "portables"),
        ("box_4g", "box_4g"),
    ],
)
def test_usual_quantity_headers_map_to_their_column(
    tmp_path: Path, header: str, column: str
) -> None:
    book, _ = xlsx(
        tmp_path,
        [
            [*HEADER, "contact_telephone", header],
            needs_row(2, "01 23 45 67 89", 3),
            needs_row(3, None, 4),
        ],
    )
    book.save(path := tmp_path / "besoins.xlsx")
    found = problems(path)
    assert not [p for p in found if p.severity is Severity.ERROR], found
    assert not by_code(found, "unknown-column")
    assert kept_column(path, column) == [3, 4]
    assert kept_column(path, "contact_telephone") == ["0123456789", None]


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("Nombre d'ordinateurs", "« portables » ou « fixes »"),
        ("PC", "« portables » ou « fixes »"),
        ("Nb PC portables reçus", "« portables » : renommez"),
        ("Portables et tablettes", "une colonne par matériel (« portables », « tablettes »)"),
        ("Modems", "« box_4g »"),
    ],
)
def test_unmapped_quantity_header_is_an_error_saying_what_to_rename(
    tmp_path: Path, header: str, words: str
) -> None:
    path = csv(
        tmp_path / "besoins.csv",
        [[*HEADER, "portables", header], needs_row(2, 1, 5), needs_row(3, 2, 6)],
    )
    report = validate(path).files[0]
    (problem,) = by_code(report.issues, "unmapped-quantity-column")
    assert problem.severity is Severity.ERROR and not validate(path).ok
    assert problem.cell == "H1" and problem.value == header.strip()
    assert words in problem.message and "Colonne H" in problem.message
    assert not by_code(report.issues, "unknown-column")


def test_unmapped_quantity_header_in_english(tmp_path: Path) -> None:
    path = csv(tmp_path / "needs.csv", [[*HEADER, "Computers"], needs_row(2, 5)])
    (problem,) = by_code(problems(path, lang="en"), "unmapped-quantity-column")
    assert "“portables” or “fixes”" in problem.message
    assert problem.message.startswith("Column G “Computers”")


@pytest.mark.parametrize(
    "header",
    [
        "Commentaire sur les portables",
        "Téléphone fixe",
        "Modèle de tablette",
        "Date de livraison des PC",
        "Accès internet (box)",
        "Delivery address for the tablets",  # « address » had been folded and not seen
    ],
)
def test_headers_about_devices_but_not_a_number_stay_a_warning(tmp_path: Path, header: str) -> None:
    path = csv(
        tmp_path / "besoins.csv",
        [[*HEADER, "portables", header], needs_row(2, 1, "à livrer le matin")],
    )
    report = validate(path)
    assert report.ok
    (problem,) = by_code(report.files[0].issues, "unknown-column")
    assert problem.severity is Severity.WARNING and problem.value == header


def test_donations_with_a_device_column_are_refused(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "dons.csv",
        [
            ["id_don", "donateur", "materiel", "quantite", "departement", "Nombre de tablettes"],
            ["D1", "Acme", "portable", "10", "75", "5"],
        ],
    )
    (problem,) = by_code(problems(path), "unmapped-quantity-column")
    assert "un lot par ligne" in problem.message and problem.cell == "F1"


def test_needs_without_any_quantity_column_is_an_error(tmp_path: Path) -> None:
    path = csv(tmp_path / "besoins.csv", [[*HEADER, "nb_enfants"], needs_row(2, 12)])
    report = validate(path)
    assert not report.ok
    (problem,) = by_code(report.files[0].issues, "missing-quantity-column")
    assert problem.row == 1 and "portables, fixes, tablettes, box_4g" in problem.message


def test_allocate_refuses_needs_with_an_unmapped_quantity_column(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "besoins.csv",
        [[*HEADER, "portables", "Ordinateurs"], needs_row(2, 1, 7), needs_row(3, 2, 9)],
    )
    result = invoke(
        "allocate",
        "--needs",
        path,
        "--donations",
        DATA / "dons_ok.xlsx",
        "--dry-run",
        "--ledger",
        tmp_path / "registre.db",
        "--out",
        tmp_path / "envoi",
    )
    assert result.exit_code == 1, result.output
    assert "Colonne H « Ordinateurs »" in " ".join(result.output.split())
    assert not (tmp_path / "envoi").exists() and not (tmp_path / "registre.db").exists()


# --- totals rows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["TOTAL", "Total général", "Sous-total", "total :", "SUBTOTAL", "Totaux"]
)
def test_totals_row_is_skipped_with_one_warning_in_xlsx(tmp_path: Path, label: str) -> None:
    book, _ = xlsx(
        tmp_path,
        [
            [*HEADER, "portables", "tablettes"],
            needs_row(2, 3, 1),
            needs_row(3, 4, 0),
            [None, label, None, None, None, None, 7, 1],
        ],
    )
    book.save(path := tmp_path / "besoins.xlsx")
    report = validate(path).files[0]
    assert report.rows == 2 and report.errors == 0
    (problem,) = [p for p in report.issues if p.row == 4]
    assert problem.code == "totals-row" and problem.severity is Severity.WARNING
    assert problem.cell == "B4" and problem.value == label.strip()
    assert kept_column(path, "portables") == [3, 4]


def test_totals_row_in_csv_with_its_label_in_an_unknown_column(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "besoins.csv",
        [
            ["N°", *HEADER, "portables"],
            ["1", *needs_row(2, 3)],
            ["2", *needs_row(3, 4)],
            ["Total", "", "", "", "", "", "", "1 007"],
        ],
    )
    report = validate(path).files[0]
    assert report.rows == 2 and report.errors == 0
    (problem,) = by_code(report.issues, "totals-row")
    assert problem.row == 4 and problem.cell == "A4" and "Total" in problem.message


def test_totals_label_in_the_identifier_column(tmp_path: Path) -> None:
    path = csv(
        tmp_path / "besoins.csv",
        [[*HEADER, "portables"], needs_row(2, 3), ["TOTAL", "", "", "", "", "", "3"]],
    )
    report = validate(path).files[0]
    assert report.rows == 1 and [p.code for p in report.issues] == ["totals-row"]


def test_a_row_naming_total_with_other_text_is_data(tmp_path: Path) -> None:
    """A lot without an id from a donor called Total is a lot, not a totals row."""
    path = csv(
        tmp_path / "dons.csv",
        [
            ["id_don", "donateur", "materiel", "quantite", "departement"],
            ["D1", "Acme", "portable", "10", "75"],
            ["", "Total Energies", "tablette", "4", "92"],
        ],
    )
    report = validate(path).files[0]
    assert report.rows == 2 and not by_code(report.issues, "totals-row")
    assert by_code(report.issues, "missing-value")[0].cell == "A3"


# --- hidden rows and merged cells -------------------------------------------------------


def test_hidden_rows_are_read_with_one_warning(tmp_path: Path) -> None:
    rows = [["Suivi des demandes"], [*HEADER, "portables"]]
    rows += [needs_row(n, n) for n in range(3, 43)]
    book, sheet = xlsx(tmp_path, rows)
    for number in (1, 12, 13, 14, 15, 40, 60):  # 1: a title row; 60: empty
        sheet.row_dimensions[number].hidden = True
    book.save(path := tmp_path / "besoins.xlsx")
    report = validate(path).files[0]
    assert report.rows == 40
    (problem,) = by_code(report.issues, "hidden-rows")
    assert problem.severity is Severity.WARNING and problem.row is None
    assert "lignes 12 à 15, 40." in problem.message
    assert len(kept_column(path, "portables")) == 40


def test_rows_hidden_by_a_filter(tmp_path: Path) -> None:
    book, sheet = xlsx(tmp_path, [[*HEADER, "portables"], *(needs_row(n, n) for n in range(2, 8))])
    sheet.auto_filter.ref = "A1:G7"
    sheet.auto_filter.add_filter_column(2, ["93"])
    for number in range(2, 8):
        sheet.row_dimensions[number].hidden = True
    book.save(path := tmp_path / "besoins.xlsx")
    (problem,) = by_code(problems(path, lang="en"), "hidden-rows")
    assert "rows 2 to 7." in problem.message


def test_merged_cells_belong_to_the_first_row_and_hint_the_others(tmp_path: Path) -> None:
    book, sheet = xlsx(tmp_path, [[*HEADER, "portables"], *(needs_row(n, 1) for n in range(2, 9))])
    for number in (6, 7):
        sheet[f"A{number}"] = None
    sheet.merge_cells("A5:A7")
    book.save(path := tmp_path / "besoins.xlsx")
    missing = by_code(problems(path), "missing-value")
    assert [p.cell for p in missing] == ["A6", "A7"]
    assert all(
        p.message.endswith(
            "fait partie d'une fusion A5:A7 : la valeur est dans A5 et "
            "ne compte que pour la ligne 5."
        )
        for p in missing
    )
    assert kept_column(path, "id_structure")[3:6] == ["S5", None, None]


def _ods_cell(value: Any, extra: str = "") -> str:
    if value is None:
        return f"<table:table-cell{extra}/>"
    if isinstance(value, int):
        return (
            f'<table:table-cell{extra} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{extra} office:value-type="string"><text:p>'
        f"{html.escape(str(value))}</text:p></table:table-cell>"
    )


def ods(path: Path, tables: dict[str, str]) -> Path:
    body = "".join(
        f'<table:table table:name="{name}">{rows}</table:table>' for name, rows in tables.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def _ods_row(cells: str, attributes: str = "") -> str:
    return f"<table:table-row{attributes}>{cells}</table:table-row>"


def test_ods_merged_cells_hidden_and_repeated_rows(tmp_path: Path) -> None:
    header = _ods_row("".join(_ods_cell(h) for h in [*HEADER, "portables"]))
    plain = "".join(_ods_cell(v) for v in needs_row(2, 1))
    rows = [
        header,
        _ods_row(plain),  # 2
        _ods_row(plain.replace("S2", "S3"), ' table:number-rows-repeated="1"'),  # 3
        # 4: id merged over rows 4-6 (6 of them covered), name over B4:C4
        _ods_row(
            _ods_cell("S4", ' table:number-rows-spanned="3"')
            + _ods_cell("Foyer 4", ' table:number-columns-spanned="2"')
            + "<table:covered-table-cell/>"
            + "".join(_ods_cell(v) for v in needs_row(4, 2)[3:])
        ),
        _ods_row(
            "<table:covered-table-cell/>" + plain[plain.index("</table:table-cell>") + 19 :]
        ),  # 5
        _ods_row(
            "<table:covered-table-cell/>" + plain[plain.index("</table:table-cell>") + 19 :],
            ' table:visibility="filter"',
        ),  # 6
        _ods_row(
            '<table:table-cell table:number-columns-repeated="7"/>',
            ' table:number-rows-repeated="3"',
        ),  # 7-9 empty
        _ods_row(plain.replace("S2", "S10"), ' table:visibility="collapsed"'),  # 10
        _ods_row(
            "<table:table-cell/>",
            ' table:number-rows-repeated="1048000" table:visibility="collapsed"',
        ),  # padding, empty
    ]
    path = ods(
        tmp_path / "besoins.ods",
        {
            "Notes": _ods_row(_ods_cell("x"), ' table:visibility="collapsed"'),
            "Besoins": "".join(rows),
        },
    )
    found = scan_layout(path, "ods", "Besoins")
    assert found.merges == (Merge(4, 0, 6, 0), Merge(4, 1, 4, 2))
    assert found.hidden == ((6, 6), (10, 10 + 1_048_000))  # empty padding: never listed
    report = validate(path, sheet="Besoins").files[0]
    assert report.rows == 6
    missing = by_code(report.issues, "missing-value")
    assert [p.cell for p in missing] == ["C4", "A5", "A6"]
    assert [p.message.split("fusion ")[1][:5] for p in missing] == ["B4:C4", "A4:A6", "A4:A6"]
    (hidden,) = by_code(report.issues, "hidden-rows")
    assert "lignes 6, 10." in hidden.message


def test_rows_text_is_compact() -> None:
    assert rows_text([40, 12, 13, 14, 15], "fr") == "lignes 12 à 15, 40"
    assert rows_text([7], "en") == "row 7"
    many = rows_text(list(range(1, 100, 2)), "en")
    assert many.startswith("rows 1, 3, 5") and many.endswith("… (50 rows in all)")


# --- the layout scan itself ---------------------------------------------------------------


def _xlsx_by_hand(path: Path, sheet_xml: str, quote: str = '"') -> Path:
    q = quote
    workbook = (
        f"<workbook xmlns:r={q}urn:r{q}><sheets><sheet name={q}Données &amp; co{q} "
        f"sheetId={q}1{q} r:id={q}rId7{q}/></sheets></workbook>"
    )
    rels = (
        f"<Relationships><Relationship Id={q}rId7{q} Target={q}/xl/worksheets/s.xml{q} "
        f"Type={q}x{q}/></Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/worksheets/s.xml", sheet_xml)
    return path


@settings(
    max_examples=examples(20),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    hidden=st.sets(st.integers(1, 400), max_size=60),
    merged=st.lists(st.tuples(st.integers(1, 399), st.integers(0, 25)), max_size=8),
    chunk=st.integers(7, 3000),
    quote=st.sampled_from(['"', "'"]),
    prefix=st.sampled_from(["", "x:"]),
)
def test_xlsx_scan_finds_every_hidden_row_and_merge_whatever_the_chunks(
    tmp_path: Path,
    hidden: set[int],
    merged: list[tuple[int, int]],
    chunk: int,
    quote: str,
    prefix: str,
) -> None:
    q, p = quote, prefix
    rows = "".join(
        f"<{p}row r={q}{n}{q} spans={q}1:3{q}"
        + (f" hidden = {q}1{q}" if n in hidden else "")
        + f"><{p}c r={q}A{n}{q}><{p}v>{n}</{p}v></{p}c></{p}row>"
        for n in range(1, 401)
    )
    merges = "".join(
        f"<{p}mergeCell ref={q}{chr(65 + c)}{r}:{chr(65 + c)}{r + 1}{q}/>" for r, c in merged
    )
    sheet = f"<{p}worksheet><{p}sheetData>{rows}</{p}sheetData>{merges}</{p}worksheet>"
    path = _xlsx_by_hand(tmp_path / "h.xlsx", sheet, quote)
    original = layout._CHUNK, layout._AHEAD, layout._BEHIND
    layout._CHUNK, layout._AHEAD, layout._BEHIND = chunk, 200, 150
    try:
        found = scan_layout(path, "xlsx", "Données & co")
    finally:
        layout._CHUNK, layout._AHEAD, layout._BEHIND = original
    assert {r for first, last in found.hidden for r in range(first, last + 1)} == hidden
    assert found.merges == tuple(Merge(r, c, r + 1, c) for r, c in merged)


def test_scan_is_bounded_and_never_fails(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}" hidden="1"/>' for n in range(1, 40_000, 2))
    path = _xlsx_by_hand(
        tmp_path / "many.xlsx", f"<worksheet><sheetData>{rows}</sheetData></worksheet>"
    )
    found = scan_layout(path, "xlsx", "Données & co")
    assert len(found.hidden) == layout.MAX_RANGES and found.truncated
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(path.read_bytes()[:200])
    assert scan_layout(broken, "xlsx", "Données & co") == layout.NO_LAYOUT
    assert scan_layout(path, "xlsx", "Autre feuille") == layout.NO_LAYOUT
    assert scan_layout(DATA / "besoins.xls", "xls", "Besoins") == layout.NO_LAYOUT


def test_a_second_quantity_column_is_an_error_not_a_dropped_column(tmp_path: Path) -> None:
    """Attack finding: "Qté portables" beside "portables" was a warning and its 636 units
    vanished from the allocation."""
    path = tmp_path / "besoins.xlsx"
    book, _ = xlsx(
        path, [[*HEADER, "portables", "Qté portables"], needs_row(1, 2, 3), needs_row(2, 1, 1)]
    )
    book.save(path)
    found = validate(path)
    duplicates = by_code(found.files[0].issues, "duplicate-quantity-column")
    assert [(p.severity, p.cell, p.value) for p in duplicates] == [
        (Severity.ERROR, "H1", "Qté portables")
    ]
    assert "G1" in duplicates[0].message and not found.ok
