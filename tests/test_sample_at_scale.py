"""``ordis sample`` writes files that ordis reads at any size (issue 14, item 1): a needs file
never holds more rows than SPEC §2 lets ordis read, a structure's second request is the part
left out, and nothing else changes (same structures, same units, same rows below the limit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordis_cli.fictional import structures
from ordis_cli.fictional.structures import needs_rows
from ordis_cli.reading.limits import MAX_DATA_ROWS

from .conftest import invoke

QUANTITIES = ("portables", "fixes", "tablettes", "box_4g")


def units(rows: list[dict[str, object]]) -> dict[str, int]:
    return {name: sum(int(str(row[name])) for row in rows) for name in QUANTITIES}


def test_the_limit_leaves_room_for_the_duplicate_errors_add() -> None:
    assert structures.ROWS_READ == MAX_DATA_ROWS - 1


@pytest.mark.parametrize("limit", [2_000, 2_100, 2_200])
def test_second_requests_give_way_to_the_limit(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    free = needs_rows(2_000, 7)
    assert len(free) > 2_100  # some structures ask twice
    monkeypatch.setattr(structures, "ROWS_READ", limit)
    bound = needs_rows(2_000, 7)
    assert len(bound) == min(limit, len(free))
    assert {r["id_structure"] for r in bound} == {r["id_structure"] for r in free}
    assert units(bound) == units(free)  # a request left whole instead of split in two


def test_more_structures_than_rows_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(structures, "ROWS_READ", 999)
    rows = needs_rows(1_000, 7)
    assert len(rows) == 1_000  # one row each: MAX_DATA_ROWS structures still read
    assert len({r["id_structure"] for r in rows}) == 1_000


def test_below_the_limit_the_same_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The limit changes nothing where it is not reached: the files a seed gives stay."""
    before = needs_rows(500, 2020)
    monkeypatch.setattr(structures, "ROWS_READ", len(before))
    assert needs_rows(500, 2020) == before
    done = invoke("sample", "--out", tmp_path / "s", "--structures", "500", "--quiet")
    assert done.exit_code == 0, done.output
    checked = invoke("validate", tmp_path / "s" / "besoins.xlsx", "--quiet")
    assert checked.exit_code == 0, checked.output
