"""``rapport.xlsx`` printed: LibreOffice turns it into a PDF, one A4 landscape page per sheet,
so each native chart prints whole on one page, beside its table, and no text under 8 pt (the
``printed`` fixture of conftest prints it with the dispatch workbooks, LibreOffice started
once)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any


def test_each_sheet_prints_on_one_page(demo: Path, printed: dict[str, Any]) -> None:
    with zipfile.ZipFile(demo / "rapport" / "rapport.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        with_charts = [n for n in archive.namelist() if n.startswith("xl/drawings/drawing")]
    assert len(with_charts) == 3
    pages, paper, points = printed["rapport.xlsx"]
    assert pages == len(sheets) and paper == "A4 landscape"
    assert points >= 8, points  # the régions' chart beside its table printed at 7.4 pt
