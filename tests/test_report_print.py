"""``rapport.xlsx`` printed: LibreOffice turns it into a PDF, one A4 landscape page per sheet,
so each native chart prints whole on one page, beside its table."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")


@pytest.mark.skipif(OFFICE is None or PDFINFO is None, reason="LibreOffice or poppler missing")
def test_each_sheet_prints_on_one_page(demo: Path, tmp_path: Path) -> None:
    assert OFFICE is not None and PDFINFO is not None
    book = tmp_path / "rapport.xlsx"
    shutil.copy(demo / "rapport" / "rapport.xlsx", book)
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        with_charts = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    assert len(with_charts) == 3
    subprocess.run(
        [
            OFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=240,
        check=True,
    )
    info = subprocess.run(
        [PDFINFO, str(tmp_path / "rapport.pdf")], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages == len(sheets)
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(v) for v in size.split()[2:5:2])
    assert width > height  # landscape
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4
