"""``ordis allocate --compare``: three plans of the sample data side by side (SPEC §4), in
a table or as JSON, with nothing written or recorded."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import allocate

PLANS = ("glouton-demande", "glouton-equitable", "optimal")
LEVELS = ("urgente", "haute", "normale")


def test_compare_as_json_writes_nothing(tmp_path: Path) -> None:
    result = allocate(tmp_path, "--compare", "--format", "json")
    assert result.exit_code == 0, result.output
    plans = json.loads(result.stdout)["plans"]
    assert tuple(plans) == PLANS
    for figures in plans.values():
        assert set(figures) == {
            "units",
            "units_by_priority",
            "structures_served",
            "min_fill_by_priority",
            "device_km",
            "seconds",
        }
        assert tuple(figures["units_by_priority"]) == LEVELS
        assert figures["units"] == sum(figures["units_by_priority"].values())
        assert figures["structures_served"] > 0
        assert all(0 <= f <= 1 for f in figures["min_fill_by_priority"].values())
        assert figures["device_km"] > 0 and figures["seconds"] >= 0
    best = plans["optimal"]["units_by_priority"]
    for name in PLANS[:2]:
        assert best["urgente"] >= plans[name]["units_by_priority"]["urgente"]
    assert not (tmp_path / "ordis.db").exists()
    assert not (tmp_path / "envois").exists()


def test_compare_figures_match_the_real_runs(tmp_path: Path) -> None:
    """The equitable column is what a real ``allocate`` of the same data gives."""
    compared = json.loads(allocate(tmp_path, "--compare", "--format", "json").stdout)["plans"]
    real = allocate(tmp_path, "--format", "json", "--dry-run")
    summary = json.loads(real.stdout)
    assert compared["glouton-equitable"]["units"] == sum(summary["allocated"].values())
    for level in LEVELS:
        assert (
            compared["glouton-equitable"]["min_fill_by_priority"][level]
            == summary["fairness"][level]["min_fill"]
        )
    solved = json.loads(
        allocate(tmp_path, "--format", "json", "--dry-run", "--method", "optimal").stdout
    )
    assert compared["optimal"]["units"] == sum(solved["allocated"].values())


def test_compare_table_in_both_languages(tmp_path: Path) -> None:
    french = allocate(tmp_path, "--compare")
    assert french.exit_code == 0, french.output
    assert "Trois plans pour les mêmes données" in french.stdout
    assert all(name in french.stdout for name in PLANS)
    assert "Part la plus basse normale" in french.stdout and "Appareils × km" in french.stdout
    english = allocate(tmp_path, "--compare", "--lang", "en")
    assert "Three plans for the same data" in english.stdout
    assert "Lowest share, normal priority" in english.stdout
    assert "greedy-equitable" in english.stdout and "glouton" not in english.stdout
    assert not {"urgente", "haute", "normale"} & set(english.stdout.split())
    assert not (tmp_path / "envois").exists()
