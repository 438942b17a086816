"""Reading real files: formats, encodings, delimiters, header rows, sheets, kinds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.models import Kind
from ordis_cli.reading import open_table
from ordis_cli.reading.delimited import detect_delimiter, detect_encoding
from ordis_cli.validation.values import text

from .conftest import DATA, validate

SAME_NEEDS = [
    "besoins_ok.xlsx",
    "besoins_export_excel.csv",
    "besoins_unicode.txt",
    "besoins.xls",
    "besoins.ods",
]


def _column(name: str, column: str) -> list[object]:
    table = open_table(DATA / name)
    position = table.columns()[column].index
    return [cell for _, raw in table.blocks({column: position}, 4) for cell in raw[column]]


def _structure_ids(name: str) -> list[str]:
    return sorted({text(cell) for cell in _column(name, "id_structure")} - {None})


@pytest.mark.parametrize("name", SAME_NEEDS)
def test_every_format_reads_the_same_needs(name: str) -> None:
    report = validate(DATA / name)
    only = report.files[0]
    assert only.kind is Kind.NEEDS
    assert only.rows == 6
    # the fixture's fictional ids look like FINESS numbers but their keys are wrong: flagged
    # (issue 10), one warning per row of the four 9-character ones (010000001 twice)
    assert only.errors == 0, only.issues
    assert [(p.code, p.value) for p in only.issues] == [
        ("finess-key", ident)
        for ident in ("010000001", "2A0000002", "210000003", "750000004", "010000001")
    ]
    assert _structure_ids(name) == [
        "010000001",
        "210000003",
        "2A0000002",
        "750000004",
        "9740000005",
    ]


def test_title_rows_are_skipped_and_row_numbers_are_the_spreadsheets(tmp_path: Path) -> None:
    table = open_table(DATA / "besoins_ok.xlsx")
    assert table.sheet == "Besoins"  # chosen over "Notes" and the hidden "brouillon"
    assert table.header_row == 3
    numbers, raw = next(table.blocks({"id_structure": 0}, 100))
    assert numbers[0] == 4
    assert raw["id_structure"][0] == "010000001"
    csv_table = open_table(DATA / "besoins_export_excel.csv")
    assert csv_table.header_row == 2
    numbers, _ = next(csv_table.blocks({"id_structure": 0}, 100))
    assert numbers == [3, 4, 5, 6, 7, 8, 9]
    # the empty row 9 is read, then skipped by validation
    assert validate(DATA / "besoins_export_excel.csv").files[0].rows == 6


def test_hidden_sheet_is_read_only_when_named() -> None:
    hidden = validate(DATA / "besoins_ok.xlsx", sheet="brouillon").files[0]
    assert hidden.sheet == "brouillon"
    assert {p.code for p in hidden.issues} >= {"unknown-departement", "bad-quantity"}


def test_kind_is_detected_from_the_header() -> None:
    kinds = {
        name: open_table(DATA / name).kind
        for name in [
            "dons_ok.xlsx",
            "partenaires_ok.csv",
            "livraisons_ok.xlsx",
            "needs_english.csv",
        ]
    }
    assert kinds == {
        "dons_ok.xlsx": Kind.DONATIONS,
        "partenaires_ok.csv": Kind.PARTNERS,
        "livraisons_ok.xlsx": Kind.DELIVERIES,
        "needs_english.csv": Kind.NEEDS,
    }


def test_english_headers_and_narrow_no_break_space() -> None:
    report = validate(DATA / "needs_english.csv").files[0]
    assert report.kind is Kind.NEEDS and report.errors == 0
    table = open_table(DATA / "needs_english.csv")
    columns = table.columns()
    assert columns["box_4g"].text == "4G boxes"
    assert columns["nb_enfants"].letter == "K"


def test_leading_zeros_survive(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id_structure", "nom_structure", "departement", "code_postal", "portables"])
    sheet.append(["S1", "MECS", "01", "01000", 2])
    sheet.append(["S2", "MECS", 1, 1000, 2])  # numbers that lost their zero
    path = tmp_path / "zeros.xlsx"
    book.save(path)
    report = validate(path).files[0]
    assert report.errors == 0 and report.warnings == 0, report.issues


def test_encoding_and_delimiter_detection() -> None:
    assert detect_encoding("é;à".encode("cp1252")) == "cp1252"
    assert detect_encoding("é;à".encode()) == "utf-8"
    assert detect_encoding("\ufeffé".encode()) == "utf-8-sig"
    assert detect_encoding("é".encode("utf-16")) == "utf-16"
    assert detect_delimiter("Titre\na;b;c\n1;2;3\n4;5;6\n") == ";"
    assert detect_delimiter("a,b,c\n1,2,3\n4,5,6\n") == ","
    assert detect_delimiter("a\tb\tc\n1\t2\t3\n4\t5\t6\n") == "\t"
    # commas inside values do not fool it
    assert detect_delimiter('nom;adresse;cp\n"A, B";"1, rue X";1\nC;D;2\n') == ";"


def test_stray_windows_1252_byte_in_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "mixte.csv"
    content = "id_structure;nom_structure;departement;portables\nS1;Foyer é;69;2\n"
    path.write_bytes(content.encode() + b"S2;Foyer \xe9;69;1\n")
    report = validate(path).files[0]
    assert report.errors == 0 and report.rows == 2


def test_dates_from_workbook_cells() -> None:
    dates = _column("besoins_ok.xlsx", "date_demande")
    assert isinstance(dates[0], dt.datetime | dt.date)
    assert dates[1] == 43936  # a bare serial number, read as a date by validation


def test_narrow_no_break_space_survives_the_csv_parser() -> None:
    """pandas' C parser gets every CSV cell as text: the narrow no-break space of a French
    thousands separator reaches the normaliser intact and reads as 1050."""
    from ordis_cli.validation import values

    cells = _column("needs_english.csv", "nb_enfants")
    assert cells[-1] == "1\u202f050"
    assert values.whole_number(cells[-1]) == (1050, None)
    assert _column("besoins_export_excel.csv", "code_postal")[0] == "1000"


def test_xlsm_is_read_by_its_bytes_and_its_macros_never_run(tmp_path: Path) -> None:
    """A macro-enabled workbook is a zip like any xlsx: its data is read, nothing executes,
    and the annotated copy is a plain .xlsx without the macros."""
    import zipfile

    path = tmp_path / "besoins.xlsm"
    with zipfile.ZipFile(DATA / "besoins_ok.xlsx") as source, zipfile.ZipFile(path, "w") as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not run")
    report = validate(path).files[0]
    assert report.kind is Kind.NEEDS and report.rows == 6 and report.errors == 0
    copy = tmp_path / "copie.xlsx"
    from .conftest import invoke

    assert invoke("validate", path, "--annotate", copy).exit_code == 0
    with zipfile.ZipFile(copy) as archive:
        assert "xl/vbaProject.bin" not in archive.namelist()


@pytest.mark.parametrize("wrong", [".ods", ".xls"])
def test_a_workbook_under_another_formats_extension_is_read_as_what_it_is(
    tmp_path: Path, wrong: str
) -> None:
    """An .xlsx saved as « besoins.ods » was « endommagé ou incomplet (CalamineError:
    'mimetype' file not found in archive) »: it is read by its bytes, as sniffing found."""
    source = DATA.parent.parent / "sample_data" / "besoins.xlsx"
    renamed = tmp_path / f"besoins{wrong}"
    renamed.write_bytes(source.read_bytes())
    (as_is,) = validate(source).files
    (read,) = validate(renamed).files
    assert read.readable and read.kind is Kind.NEEDS and read.rows == as_is.rows
    assert [p.code for p in read.issues] == [p.code for p in as_is.issues]


def test_a_damaged_workbook_names_the_parsers_error_not_its_english_words(
    tmp_path: Path,
) -> None:
    import zipfile

    source = DATA.parent.parent / "sample_data" / "dons.xlsx"
    broken = tmp_path / "dons.xlsx"
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(broken, "w") as after:
        for item in before.infolist():
            data = before.read(item)
            if item.filename == "xl/workbook.xml":
                data = data[: len(data) // 2]  # the workbook's own list of sheets cut short
            after.writestr(item, data)
    for lang, expected in (("fr", "endommagé ou incomplet ("), ("en", "damaged or incomplete (")):
        (report,) = validate(broken, lang=lang).files
        (issue,) = report.issues
        assert issue.code == "corrupted-file" and expected in issue.message
        detail = issue.message.split("(", 1)[1].split(")", 1)[0]
        if lang == "fr":  # the error's name, without the parser's English sentence
            assert " " not in detail.strip(), issue.message
