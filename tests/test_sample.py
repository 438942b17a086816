"""``ordis sample``: deterministic, realistic input files of any size, and the bundled
sample data the README describes."""

from __future__ import annotations

from pathlib import Path

from ordis_cli.territory import departements

from .conftest import DATA, ROOT, invoke, invoke_json, sheets


def _sheet_values(path: Path) -> list[tuple[object, ...]]:
    (first, *_) = sheets(path).values()
    return first


def test_sample_is_deterministic_and_realistic(tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder, seed in ((first, "7"), (second, "7"), (other, "8")):
        result = invoke(
            "sample", "--out", folder, "--structures", "120", "--lots", "60", "--seed", seed
        )
        assert result.exit_code == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == ["besoins.xlsx", "dons.xlsx", "partenaires.xlsx"]
    for name in names:
        assert _sheet_values(first / name) == _sheet_values(second / name)
    assert _sheet_values(first / "besoins.xlsx") != _sheet_values(other / "besoins.xlsx")
    needs = _sheet_values(first / "besoins.xlsx")
    regions = {departements()[str(row[3])].region for row in needs[1:]}
    assert len(regions) == 18
    assert invoke("validate", *sorted(first.iterdir())).exit_code == 0


def test_sample_with_errors_shows_validate_at_work(tmp_path: Path) -> None:
    invoke("sample", "--out", tmp_path, "--with-errors", "--file-format", "csv")
    status, payload = invoke_json("validate", *sorted(tmp_path.iterdir()))
    assert status == 1
    codes = {p["code"] for f in payload["files"] for p in f["issues"]}
    assert codes >= {
        "unknown-departement",
        "bad-date",
        "bad-quantity",
        "bad-priority",
        "duplicate-id",
        "unknown-material",
        "unknown-partner",
        "conflicting-structure",
        "no-request",
    }


def test_bundled_sample_data_validates_as_the_readme_says() -> None:
    good = sorted((ROOT / "sample_data").glob("*.xlsx"))
    assert [p.name for p in good] == ["besoins.xlsx", "dons.xlsx", "partenaires.xlsx"]
    assert invoke("validate", *good).exit_code == 0
    assert invoke("validate", ROOT / "sample_data" / "besoins_erreurs.csv").exit_code == 1
    assert DATA.exists()


def test_partners_grow_with_the_operation() -> None:
    """The default sample's partners carry its 150 lots; ten times the lots, ten times their
    capacity (else nearly all the stock of a large sample waits for transport)."""
    from ordis_cli.fictional.donations import partner_rows

    default = [row["capacite"] for row in partner_rows()]
    assert default == [5000, 800, 600, 500, 200]
    assert [row["capacite"] for row in partner_rows(1500)] == [10 * c for c in default]
    assert [row["capacite"] for row in partner_rows(10)] == default
