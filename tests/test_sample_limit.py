"""``ordis sample --with-errors`` at the row limit: the planted mistakes are all there and the
needs file still holds no more rows than ordis reads (SPEC §2)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from ordis_cli.fictional import structures


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
