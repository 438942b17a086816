"""Writing workbooks at national scale (issue 14, item 4) keeps every SPEC §4 output rule:
each text cleaned once per column and measured once for its row height, XlsxWriter's own
control-character pass skipped only for text that needs none, in both of the writer's modes
(in memory up to ``IN_MEMORY_ROWS`` rows, row by row in constant memory beyond)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as pc

from ordis_cli.dispatch import fast_cells, workbooks
from ordis_cli.dispatch.columns import UNMET
from ordis_cli.dispatch.workbooks import _LINE, Book, _height, _lines, _Texts

# (written, read back): formula-like text stays text, control characters go, a text that
# looks like XlsxWriter's own escapes (``_x0041_`` is "A" to Excel) stays as it is typed
TRICKY = [
    ("=SOMME(A1:A9)", "=SOMME(A1:A9)"),
    ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("-5", "-5"),
    ("@cmd", "@cmd"),
    ("＝1+1", "＝1+1"),
    ("Foyer\x01 du\x7f Parc\x1f", "Foyer du Parc"),
    ("Relais _x0041_ solidaire", "Relais _x0041_ solidaire"),
    ("ligne 1\nligne 2", "ligne 1\nligne 2"),
]
UNMET_SHEET = "besoins_non_couverts"
LONG = "une raison longue " * 8  # wraps over several lines of a 44-character column


def write_unmet(path: Path, rows: list[list[Any]], constant_memory: bool) -> None:
    book = Book(path, workbooks.IN_MEMORY_ROWS + 1 if constant_memory else 0)
    assert book.book.constant_memory is constant_memory
    book.sheet("besoins_non_couverts", UNMET, "fr", rows)
    book.close()


@pytest.mark.parametrize("constant_memory", [False, True])
def test_text_written_as_text_cleaned_and_rows_tall_enough(
    tmp_path: Path, constant_memory: bool
) -> None:
    rows: list[list[Any]] = [
        [f"S{number}", written, "69", "portable", number, LONG if number % 2 else "pas de stock"]
        for number, (written, _) in enumerate(TRICKY, start=1)
    ]
    rows.append(["S99", None, "2A", "fixe", 2, ""])
    path = tmp_path / "allocation.xlsx"
    write_unmet(path, rows, constant_memory)

    sheet = openpyxl.load_workbook(path)["besoins_non_couverts"]
    # values as ordis reads them back (openpyxl leaves ``_x005F`` in an inline string)
    values = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.title).to_python()
    assert [c.value for c in sheet[1]] == list(UNMET) == values[0]
    assert sheet.max_row == len(values) == len(rows) + 1  # no row lost
    for number, (_, expected) in enumerate(TRICKY, start=2):
        assert values[number - 1][1] == expected
        assert sheet.cell(number, 2).data_type == "s"  # text, never a formula
        assert sheet.cell(number, 5).value == number - 1  # numbers stay numbers
        reason = sheet.cell(number, 6).value
        height = sheet.row_dimensions[number].height
        if reason == LONG:
            lines = _lines(LONG, 44)
            assert lines >= 4 and height == lines * _LINE
        else:
            assert height is None  # one line: the default height
    assert sheet.cell(len(rows) + 1, 2).value is None


def test_the_same_bytes_as_the_plain_per_cell_rule(tmp_path: Path) -> None:
    """Texts measured once per column give each row the height of the per-cell rule."""
    widths = [11, 22, 12, 10, 9, 44]
    for row in (
        ["S1", "a" * 30, "69", "portable", 1, "court"],
        ["S2", "MECS Les Tilleuls du grand parc", "69", "portable", 1, LONG],
        ["S3", "contact.tres.long@structure.example.org", "69", "fixe", 1, ""],
    ):
        texts = [_Texts(width) for width in widths]
        lines = max(
            (texts[i].get(v)[1] for i, v in enumerate(row) if isinstance(v, str) and v),
            default=1,
        )
        assert lines * _LINE == _height(row, widths)
    assert _lines("court", 10) == 1
    assert _lines("a" * 25, 10) == 3  # a word longer than its column breaks over lines


def test_the_texts_remembered_are_bounded() -> None:
    texts = _Texts(12)
    for number in range(_Texts.KEPT + 50):
        assert texts.get(f"S{number}\x02") == (f"S{number}", 1)
    assert len(texts.known) == _Texts.KEPT
    assert texts.get("S5\x02") == ("S5", 1)  # remembered
    assert texts.get(f"S{_Texts.KEPT + 10}\x02") == (f"S{_Texts.KEPT + 10}", 1)  # computed


def test_dates_and_blanks_to_fill(tmp_path: Path) -> None:
    """A date stays a date (dd/mm/yyyy); the columns a partner fills in are blank but
    formatted, in constant-memory mode too."""
    path = tmp_path / "stock.xlsx"
    book = Book(path, workbooks.IN_MEMORY_ROWS + 1)
    columns = ("id_don", "disponible_le", "livre_le", "quantite_livree")
    book.sheet("stock_restant", columns, "fr", [["D1", dt.date(2020, 5, 20), None, None]], 2)
    book.close()
    sheet = openpyxl.load_workbook(path)["stock_restant"]
    assert sheet["B2"].value == dt.datetime(2020, 5, 20)
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert (sheet["C2"].value, sheet["C2"].number_format) == (None, "dd/mm/yyyy")
    assert sheet["D2"].number_format == "0"


def unpacked(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("constant_memory", [False, True])
def test_the_cells_written_directly_are_xlsxwriters_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant_memory: bool
) -> None:
    """``fast_cells`` writes what XlsxWriter's own path writes, cell kind by cell kind:
    text (spaces around it, ``&<>``, its escapes), numbers, dates, formatted blanks."""
    assert fast_cells.KNOWN
    columns = ("id_don", "donateur", "quantite", "disponible_le", "livre_le", "commentaire")
    rows: list[list[Any]] = [
        ["D1", " Nexora & fils <SA> ", 3, dt.date(2020, 5, 20), None, "=1+1"],
        ["D2", "Datavia\x03 _x0041_", 2.5, None, "", "\tTab"],
        ["D3", "ligne\nsuivante", 0, dt.date(1999, 12, 31), None, LONG],
    ]
    written = {}
    for direct in (True, False):
        monkeypatch.setattr(fast_cells, "KNOWN", direct)
        path = tmp_path / f"{direct}.xlsx"
        book = Book(path, workbooks.IN_MEMORY_ROWS + 1 if constant_memory else 0)
        book.sheet("stock_restant", columns, "fr", rows, 4)
        book.close()
        written[direct] = unpacked(path)
    assert written[True] == written[False]


def test_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    """XlsxWriter's constant-memory mode copies a text ``<r>…</r>`` into the sheet as XML;
    ordis escapes it like any text."""
    markup = '<r><t>=HYPERLINK("http://x")</t></r>'
    path = tmp_path / "allocation.xlsx"
    write_unmet(path, [["S1", markup, "69", "fixe", 1, "r"]], constant_memory=True)
    values = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(UNMET_SHEET).to_python()
    assert values[1][1] == markup
