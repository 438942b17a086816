"""The worksheet scan's count of far rows in a wide sheet (``reading/xml_scan.py``): only
rows that could pass a limit are looked at, and a sheet found wide late is read again."""

from __future__ import annotations

import io

import pytest

from ordis_cli.reading import limits, xml_scan

# 21 columns (A to U): from row 952,401 on, rows × columns pass MAX_CELLS (20,000,400)
FLOOR_AT_21 = limits.MAX_CELLS // 21 + 1


def _sheet(*cells: str, filler: int = 0, dimension: str | None = None) -> io.BytesIO:
    """A worksheet part holding ``cells`` (``r`` references) in that order, with ``filler``
    ordinary rows between the first and the others."""
    head = b'<?xml version="1.0"?><worksheet xmlns="x" xmlns:r="y">'
    if dimension:
        head += b'<dimension ref="%s"/>' % dimension.encode()
    body = [b'<c r="%s"><v>1</v></c>' % ref.encode() for ref in cells]
    row = b'<row r="%d"><c r="A%d"><v>2</v></c></row>'
    rows = b"".join(row % (n, n) for n in range(1, filler + 1))
    data = head + b"<sheetData>" + body[0] + rows + b"".join(body[1:]) + b"</sheetData></worksheet>"
    return io.BytesIO(data)


def test_a_wide_sheet_with_a_row_that_makes_too_many_cells_is_refused() -> None:
    with pytest.raises(xml_scan.TooFar) as refused:
        xml_scan.check_sheet(_sheet(f"A{FLOOR_AT_21}", dimension="A1:U10"))
    assert refused.value.what == "cells"
    assert refused.value.extent.rows == FLOOR_AT_21


def test_rows_below_what_matters_are_not_a_refusal() -> None:
    # same leading digit as the floor, one row short of it: compared exactly, accepted
    xml_scan.check_sheet(_sheet(f"A{FLOOR_AT_21 - 1}", dimension="A1:U10"))
    xml_scan.check_sheet(_sheet("A999999", dimension="A1:T10"))  # 20 columns: no product


@pytest.mark.parametrize("spaced", [False, True])
def test_a_sheet_found_wide_late_is_read_again_for_its_far_rows(
    monkeypatch: pytest.MonkeyPatch, spaced: bool
) -> None:
    """No declared range; the far row comes first, the 21st column only windows later."""
    monkeypatch.setattr(limits, "SCAN_CHUNK_BYTES", 4096)
    far = f"A{FLOOR_AT_21 + 5}"
    sheet = _sheet(far, "U3", filler=1000)
    if spaced:  # `r = "…"`: the slower patterns
        sheet = io.BytesIO(sheet.getvalue().replace(f'r="{far}"'.encode(), f'r = "{far}"'.encode()))
    assert len(sheet.getvalue()) > 10 * 4096  # the 21st column ten windows after the row
    with pytest.raises(xml_scan.TooFar) as refused:
        xml_scan.check_sheet(sheet)
    assert refused.value.what == "cells"
    assert refused.value.extent.rows == FLOOR_AT_21 + 5
    assert refused.value.extent.columns == 21
    # without the 21st column the same row is fine
    xml_scan.check_sheet(_sheet(far, "T3", filler=1000))
