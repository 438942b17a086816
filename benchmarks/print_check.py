"""Print check of the workbooks ``ordis allocate`` writes (SPEC §4: on A4 no text under 8 pt).

Converts each workbook of a run folder to PDF with LibreOffice (``soffice --headless``),
reads every word's box with ``pdftotext -bbox`` (poppler) and reports, per workbook, the
pages, their paper (``A4 landscape``…), and the smallest printed text size: the height of a
word's box over 1.127 (the box of 11 pt text measured on the ``a_lire`` sheet, printed
unscaled). Optionally writes PNG
images of the first pages (``--png``, with ``pdftoppm``) to look at.

    python3 benchmarks/print_check.py RUN_FOLDER [--png]

Exit 1 when a workbook prints text under 8 pt. Needs ``soffice`` and poppler's tools; not
run in CI (``tests/test_dispatch_workbooks.py`` runs it when ``soffice`` is installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BOX_PER_POINT = 12.4 / 11  # a word's box height per point of font size, LibreOffice PDF
_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
A4 = (595.3, 841.9)  # points


def paper(width: float, height: float) -> str:
    """``A4 landscape``, ``A4 portrait``, or the size in points."""
    if all(abs(a - b) < 2 for a, b in zip(sorted((width, height)), A4, strict=True)):
        return "A4 landscape" if width > height else "A4 portrait"
    return f"{width:.0f} x {height:.0f} pt"


def smallest_points(pdf: Path) -> tuple[int, str, float]:
    """The number of pages, their paper (each size once, in order) and the smallest text
    size printed in ``pdf``, in points."""
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    heights = [float(b) - float(a) for a, b in _WORD.findall(text)]
    papers = [paper(float(w), float(h)) for w, h in _PAGE.findall(text)]
    return len(papers), " and ".join(dict.fromkeys(papers)), min(heights) / BOX_PER_POINT


def check(folder: Path, png: bool = False) -> dict[str, tuple[int, str, float]]:
    found: dict[str, tuple[int, str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        books = sorted(folder.glob("*.xlsx"))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, *map(str, books)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        for book in books:
            pdf = Path(tmp) / f"{book.stem}.pdf"
            found[book.name] = smallest_points(pdf)
            if png:
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        "1",
                        "-l",
                        "3",
                        str(pdf),
                        str(folder / f"print-{book.stem}"),
                    ],
                    check=True,
                )
    return found


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) is not installed")
        return 2
    folder = Path(sys.argv[1])
    small = False
    for name, (pages, sheet, points) in check(folder, "--png" in sys.argv).items():
        small |= points < 8
        print(f"{name}: {pages} pages, {sheet}, smallest text {points:.1f} pt")
    return 1 if small else 0


if __name__ == "__main__":
    sys.exit(main())
