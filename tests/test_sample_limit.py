"""``ordis sample`` writes only files ordis reads back (SPEC §1, §2): with ``--with-errors`` at
the row limit the planted mistakes are all there and the needs file holds no more rows than
ordis reads; a needs workbook too large to read back is refused, CSV is not."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from ordis_cli.actions import sample
from ordis_cli.errors import UsageError
from ordis_cli.fictional import structures

from .conftest import invoke


@pytest.mark.parametrize("count", [39, 40])  # sample takes at most as many structures
def test_a_needs_file_at_the_limit_keeps_its_mistakes_within_it(
    monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setattr(structures, "MAX_DATA_ROWS", 40)
    monkeypatch.setattr(structures, "ROWS_READ", 39)
    rows = structures.needs_rows(count, 2020)
    structures.plant_needs_errors(rows, 2020)
    assert len(rows) == 40  # one row a structure, and the twin: added, or in a row's place
    places: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        places[row["id_structure"]].add(str(row["departement"]))
    assert sum(1 for found in places.values() if len(found) > 1) >= 1  # the twin's conflict
    assert sum(1 for row in rows if row["departement"] == "100") == 1


def test_a_workbook_too_large_to_read_back_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    result = invoke("sample", "--out", tmp_path / "grand", "--structures", "300001")
    assert result.exit_code == 2
    assert "--file-format csv" in result.output and "300\u202f001" in result.output
    assert not (tmp_path / "grand").exists()


def test_beyond_the_workbook_bound_csv_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sample, "XLSX_MAX_STRUCTURES", 30)
    with pytest.raises(UsageError) as refused:
        sample.write_sample(tmp_path / "xlsx", structures=31, lots=5)
    assert refused.value.code == "sample-xlsx-too-large"
    written = sample.write_sample(tmp_path / "csv", structures=31, lots=5, fmt="csv")
    assert [path.name for path in written] == ["besoins.csv", "dons.csv", "partenaires.csv"]
    assert sample.write_sample(tmp_path / "small", structures=30, lots=5)  # at the bound: xlsx
