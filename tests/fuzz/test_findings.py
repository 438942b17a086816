"""What the fuzzer found, each rebuilt in code: a test that failed before its fix."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, NoReturn

import openpyxl
import pytest

from ordis_cli.errors import ReadingError, UsageError
from ordis_cli.reading import contained
from ordis_cli.validation import annotate

from ..conftest import invoke
from ..hostile import SHEET, rewrite_member, small_workbook

pytestmark = pytest.mark.contained  # see conftest.read_in_process


def test_a_csv_wider_than_the_limit_is_refused_even_without_a_header(tmp_path: Path) -> None:
    """20,000 columns and no recognisable header: was exit 1 (unknown kind), and exit 3
    with --annotate (openpyxl: "Invalid column index 20000")."""
    wide = tmp_path / "large.csv"
    wide.write_text(";".join(f"c{i}" for i in range(20_000)) + "\n1;2\n", encoding="utf-8")
    result = invoke("validate", wide)
    assert result.exit_code == 2 and "200 colonnes" in result.stdout
    annotated = invoke("validate", wide, "--annotate", tmp_path / "copie.xlsx")
    assert annotated.exit_code == 2
    assert not (tmp_path / "copie.xlsx").exists()


def test_a_csv_of_200_columns_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "besoins.csv"
    header = ["id_structure", "nom_structure", "departement", "portables"]
    header += [f"note{i}" for i in range(200 - len(header))]
    path.write_text(";".join(header) + "\nS1;MECS;69;2\n", encoding="utf-8")
    assert invoke("validate", path).exit_code == 0


@pytest.mark.parametrize("ref", ['"A1:XFD1048576"', "'A1:ZZ999999'"])
def test_a_merge_over_the_whole_sheet_is_annotated_quickly(tmp_path: Path, ref: str) -> None:
    """openpyxl makes a cell for each cell on a merged area's edge: --annotate took 13 s
    and 980 MB on a 5 KB workbook; it is now rebuilt from what was read."""
    block = f'<mergeCells count="1"><mergeCell ref={ref}/></mergeCells>'.encode()
    source = rewrite_member(
        small_workbook(tmp_path / "base.xlsx"),
        tmp_path / "merged.xlsx",
        SHEET,
        lambda d: d.replace(b"</sheetData>", b"</sheetData>" + block),
    )
    out = tmp_path / "annotee.xlsx"
    started = time.monotonic()
    result = invoke("validate", source, "--annotate", out)
    assert time.monotonic() - started < 5
    assert result.exit_code == 0, result.stdout
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["A2"].value == "S1" and sheet["D2"].value == 2


def _aborts(*_: Any) -> NoReturn:
    os.abort()


def test_annotating_is_contained_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--annotate reads the input again (openpyxl or calamine): an abort there is exit 2
    and nothing is written, as when validating."""
    source = small_workbook(tmp_path / "besoins.xlsx")
    monkeypatch.setattr(annotate, "_copy", _aborts)
    out = tmp_path / "annotee.xlsx"
    result = invoke("validate", source, "--annotate", out)
    assert result.exit_code == 2 and "SIGABRT" in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["besoins.xlsx"]


@pytest.mark.parametrize(
    "error",
    [
        ReadingError("corrupted-file", "Fichier endommagé", "/tmp/x.xlsx"),
        UsageError("same-file", "Même fichier"),
    ],
)
def test_ordis_errors_come_back_from_the_child_as_they_were(error: Exception) -> None:
    def work(_: object) -> NoReturn:
        raise error

    with pytest.raises(type(error)) as raised:
        contained.run_contained(work, "/tmp/x.xlsx", 0, "fr")
    came_back = {k: v for k, v in vars(raised.value).items() if k != "__notes__"}
    assert came_back == vars(error) and raised.value.args == error.args
