"""Hostile and broken files: each gets its own message, exit 2, no traceback, no hang."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.errors import ReadingError
from ordis_cli.reading import open_table

from . import hostile
from .conftest import ROOT, invoke, invoke_json
from .processes import run_ordis

pytestmark = pytest.mark.contained  # see conftest.read_in_process

Builder = Callable[[Path], Path]

CASES: list[tuple[str, Builder, str]] = [
    ("empty", lambda t: hostile.named(t, "vide.xlsx", b""), "empty-file"),
    ("pdf", lambda t: hostile.named(t, "besoins.xlsx", hostile.PDF), "pdf-file"),
    ("png", lambda t: hostile.named(t, "besoins.xls", hostile.PNG), "image-file"),
    ("jpeg", lambda t: hostile.named(t, "besoins.csv", hostile.JPEG), "image-file"),
    ("html", lambda t: hostile.named(t, "export.xls", hostile.HTML), "html-file"),
    ("encrypted", hostile.encrypted, "encrypted-file"),
    ("truncated", hostile.truncated, "corrupted-file"),
    ("bomb", hostile.zip_bomb, "archive-ratio"),
    ("huge", hostile.declared_huge, "archive-too-large"),
    ("entities", hostile.entity_expansion, "xml-entities"),
    ("far column", lambda t: hostile.far_cell(t, "XFD1048576"), "too-many-rows"),
    ("wide", lambda t: hostile.far_cell(t, "HA2"), "too-many-columns"),
    ("deep", lambda t: hostile.far_cell(t, "A1048576"), "too-many-rows"),
    ("declared", lambda t: hostile.declared_range(t, "A1:XFD1048576"), "too-many-rows"),
    ("declared wide", lambda t: hostile.declared_range(t, "A1:ZZ10"), "too-many-columns"),
    ("docx", hostile.not_a_workbook, "unsupported-file"),
    ("ods rows", lambda t: hostile.ods_repeat(t, 2_000_000, 1), "too-many-rows"),
    ("ods columns", lambda t: hostile.ods_repeat(t, 1, 5_000), "too-many-columns"),
    (
        "ole2 garbage",
        lambda t: hostile.named(t, "vieux.xls", hostile.OLE2_GARBAGE),
        "corrupted-file",
    ),
    (
        "binary",
        lambda t: hostile.named(t, "donnees.csv", b"\x01\x02\x00\x00\xff" * 100),
        "binary-text",
    ),
    (
        "xml",
        lambda t: hostile.named(t, "donnees.xls", b'<?xml version="1.0"?><Workbook/>'),
        "unsupported-file",
    ),
    # issue 7: what slipped past the first pre-scans
    ("single quotes", lambda t: hostile.quoted_far_cell(t, "r='XFD1048576'"), "too-many-rows"),
    ("spaced quotes", lambda t: hostile.quoted_far_cell(t, 'r = "HA7"'), "too-many-columns"),
    ("lower case", lambda t: hostile.quoted_far_cell(t, 'r="xfd7"'), "too-many-columns"),
    ("A1 and GR1000020", hostile.two_far_cells, "too-many-cells"),
    (
        "declared A1:GR1000020",
        lambda t: hostile.declared_range(t, "A1:GR1000020"),
        "too-many-cells",
    ),
    ("entity after comment", hostile.entity_after_comment, "xml-entities"),
    ("sheets", lambda t: hostile.too_many_sheets(t, 150), "too-many-sheets"),
    (
        "ods rows summed",
        lambda t: hostile.ods_rows(t, [(600_000, [1]), (600_000, [1])]),
        "too-many-rows",
    ),
    ("ods cells summed", lambda t: hostile.ods_rows(t, [(1, [150, 150])]), "too-many-columns"),
    ("ods rows × cells", lambda t: hostile.ods_rows(t, [(150_000, [150])]), "too-many-cells"),
    ("bad zlib member", lambda t: hostile.damaged_member(t, "zlib"), "corrupted-file"),
    ("unknown compression", lambda t: hostile.damaged_member(t, "method"), "corrupted-file"),
]


@pytest.mark.parametrize(("label", "build", "code"), CASES, ids=[c[0] for c in CASES])
def test_refused_with_own_message(tmp_path: Path, label: str, build: Builder, code: str) -> None:
    path = build(tmp_path)
    before = path.read_bytes()
    with pytest.raises(ReadingError) as caught:
        open_table(path)
    assert caught.value.code == code, label
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert " ".join(caught.value.message.split()) in " ".join(result.output.split())
    status, payload = invoke_json("validate", path)
    assert status == 2
    assert payload["ok"] is False
    assert payload["files"][0]["issues"][0]["code"] == code
    assert path.read_bytes() == before  # never modified


def test_padding_of_empty_ods_rows_is_harmless(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "besoins.ods"
    padded = hostile.rewrite_member(
        source,
        tmp_path / "pad.ods",
        "content.xml",
        lambda d: d.replace(
            b"</table:table>",
            b"<table:table-row table:number-rows-repeated="
            b'"1048000"><table:table-cell table:number-columns-repeated="1024"/>'
            b"</table:table-row></table:table>",
            1,
        ),
    )
    assert invoke("validate", padded).exit_code == 0


def test_messages_differ_and_speak_french(tmp_path: Path) -> None:
    messages = set()
    for _, build, _ in CASES[:7]:
        folder = tmp_path / str(len(messages))
        folder.mkdir()
        with pytest.raises(ReadingError) as caught:
            open_table(build(folder))
        messages.add(caught.value.message)
    assert len(messages) == 7
    assert all(any(w in m for w in ("fichier", "classeur", "Ce ", "Le ")) for m in messages)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert invoke("validate", tmp_path / "absent.xlsx").exit_code == 2
    assert invoke("validate", tmp_path).exit_code == 2
    result = invoke("validate", tmp_path / "absent.xlsx", "--lang", "en")
    assert "File not found" in result.output


def test_unknown_sheet_is_a_usage_error(data: Path) -> None:
    result = invoke("validate", data / "besoins_ok.xlsx", "--sheet", "Inexistante")
    assert result.exit_code == 2
    assert "Besoins" in result.output  # the message lists the sheets there are


def test_too_many_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "enorme.csv"
    path.write_text("id_structure;nom_structure;departement;portables\n" + "S;N;69;1\n" * 1_000_021)
    table = open_table(path)
    with pytest.raises(ReadingError) as caught:
        for _ in table.blocks({"id_structure": 0}, 100_000):
            pass
    assert caught.value.code == "too-many-rows"


def test_limit_messages_name_the_sheet_as_people_see_it(tmp_path: Path) -> None:
    with pytest.raises(ReadingError) as caught:
        open_table(hostile.far_cell(tmp_path, "A1048576"))
    assert "« Sheet »" in caught.value.message and "1048576" in caught.value.message


def test_far_cell_does_not_bring_the_process_down(tmp_path: Path) -> None:
    """python-calamine aborts the whole process on a cell at XFD1048576: ordis must refuse
    the file before calamine sees it, in a real process."""
    path = hostile.far_cell(tmp_path, "XFD1048576")
    done = run_ordis("validate", path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout


def test_unclosed_csv_quote_is_a_message_not_a_crash(tmp_path: Path) -> None:
    path = hostile.named(
        tmp_path,
        "guillemet.csv",
        b'id_structure;nom_structure;departement;portables\nS1;"MECS;69;2\nS2;B;69;1\n',
    )
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert "guillemet ouvert" in result.output and "Erreur interne" not in result.output
    status, payload = invoke_json("validate", path)
    assert status == 2 and payload["files"][0]["issues"][0]["code"] == "corrupted-file"


def test_a_huge_cell_is_quoted_short_and_quickly(tmp_path: Path) -> None:
    """A 3-million-character cell took 53 s in the message layout: it is quoted cut short."""
    path = tmp_path / "long.csv"
    path.write_text(
        "id_structure;nom_structure;departement;portables\nS1;N;" + "x" * 3_000_000 + ";2\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    result = invoke("validate", path)
    assert time.perf_counter() - start < 20
    assert result.exit_code == 1
    assert 200 <= result.output.count("x") <= 210 and len(result.output) < 5000
    _, payload = invoke_json("validate", path)
    problem = next(p for p in payload["files"][0]["issues"] if p["row"] == 2)
    assert len(problem["value"]) < 300 and len(problem["message"]) < 1000


def test_brackets_in_paths_and_values_are_printed_as_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "a[b]"
    folder.mkdir()
    broken = hostile.named(folder, "[red]x[b].csv", b'id_structure;nom\nS1;"ouvert\n')
    result = invoke("validate", broken)
    assert result.exit_code == 2 and "Erreur interne" not in result.output
    values = hostile.named(
        folder, "[bold]b.csv", b"id_structure;nom_structure;departement;portables\nS1;N;[/bold];2\n"
    )
    result = invoke("validate", values)
    assert result.exit_code == 1 and "[/bold]" in result.output


def test_markup_in_a_sheet_name_is_printed_as_it_is(tmp_path: Path) -> None:
    far = hostile.far_cell(tmp_path, "A1048576")
    path = hostile.rewrite_member(
        far,
        tmp_path / "[x].xlsx",
        "xl/workbook.xml",
        lambda d: d.replace(b'name="Sheet"', b'name="[/b]"'),
    )
    result = invoke("validate", path)
    assert result.exit_code == 2
    assert "« [/b] »" in result.output and "Erreur interne" not in result.output


def _font_size_as_text(tmp: Path) -> Path:
    """A workbook calamine reads but openpyxl cannot open (a font size that is not a number)."""
    return hostile.rewrite_member(
        hostile.small_workbook(tmp / "base.xlsx"),
        tmp / "police.xlsx",
        "xl/styles.xml",
        lambda d: d.replace(b'<sz val="11"', b'<sz val="abc"', 1),
    )


def test_annotate_works_on_every_file_validate_accepts(tmp_path: Path) -> None:
    path = _font_size_as_text(tmp_path)
    assert invoke("validate", path).exit_code == 0
    out = tmp_path / "annote.xlsx"
    result = invoke("validate", path, "--annotate", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.worksheets[0]["B2"].value == "MECS Les Tilleuls"
    assert "problemes" in book.sheetnames


def test_annotate_never_overwrites(tmp_path: Path) -> None:
    path = hostile.small_workbook(tmp_path / "besoins.xlsx")
    out = hostile.named(tmp_path, "annote.xlsx", b"precious")
    result = invoke("validate", path, "--annotate", out)
    assert result.exit_code == 2 and str(out) in " ".join(result.output.split())
    assert out.read_bytes() == b"precious"
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "besoins_annote.xlsx").write_bytes(b"mine")
    other = hostile.small_workbook(tmp_path / "dons.xlsx")
    result = invoke("validate", path, other, "--annotate", folder)
    assert result.exit_code == 2
    assert [p.name for p in folder.iterdir()] == ["besoins_annote.xlsx"]
    assert (folder / "besoins_annote.xlsx").read_bytes() == b"mine"
    fresh = tmp_path / "nouveau"
    assert invoke("validate", path, other, "--annotate", fresh).exit_code == 0
    assert sorted(p.name for p in fresh.iterdir()) == ["besoins_annote.xlsx", "dons_annote.xlsx"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ordis")]


def test_annotated_copy_of_an_ods_with_an_odd_sheet_name(tmp_path: Path) -> None:
    source = Path(__file__).parent / "data" / "besoins.ods"
    path = hostile.rewrite_member(
        source,
        tmp_path / "odd.ods",
        "content.xml",
        lambda d: re.sub(rb'table:name="[^"]*"', b'table:name="Besoins [2020]: *?"', d, count=1),
    )
    out = tmp_path / "copie.xlsx"
    result = invoke("validate", path, "--annotate", out)
    assert result.exit_code in (0, 1), result.output
    assert openpyxl.load_workbook(out).worksheets[0].title == "Besoins _2020__ __"


def test_annotate_a_workbook_openpyxl_loads_but_cannot_save(tmp_path: Path) -> None:
    """Attack finding: a styled text cell marked as a date (t="d") loads in openpyxl as a
    date without a value and fails when saved (exit 3); the copy is rebuilt from what ordis
    read instead."""
    import zipfile

    damaged = tmp_path / "date_text.xlsx"
    with (
        zipfile.ZipFile(ROOT / "sample_data" / "besoins.xlsx") as zin,
        zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'(<c r="A1"[^>]*?)t="inlineStr"', rb'\1t="d"', data, count=1)
            zout.writestr(info, data)
    assert invoke("validate", damaged).exit_code in (0, 1)
    result = invoke("validate", damaged, "--annotate", tmp_path / "copie.xlsx")
    assert result.exit_code in (0, 1), result.output
    copy = openpyxl.load_workbook(tmp_path / "copie.xlsx")
    assert copy.worksheets[0]["B1"].value == "nom_structure"
