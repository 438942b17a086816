"""``ordis report``: figures, formats, and privacy checked byte by byte, on the ledger the
demo writes (the session's ``demo`` fixture)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from ordis_cli.actions.demo import REPORT_DATE
from ordis_cli.allocation.inputs import load_inputs
from ordis_cli.report.figures import ORGANISATIONS, press_number, press_round, small_count
from ordis_cli.validation import ValidationOptions

from .commands import report
from .conftest import ROOT

SAMPLE = ROOT / "sample_data"


def demo_report(demo: Path, *extra: str | Path, as_of: str = str(REPORT_DATE)) -> Any:
    """``ordis report`` of the demo's ledger as of ``as_of``."""
    return report(demo / "ordis.db", "--as-of", as_of, *extra)


def demo_figures(demo: Path, as_of: str) -> Any:
    """The JSON figures of the demo's ledger as of ``as_of``."""
    return json.loads(demo_report(demo, "--format", "json", as_of=as_of).stdout)


def test_json_is_exactly_the_spec(demo: Path, tmp_path: Path) -> None:
    result = demo_report(demo, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {
        "as_of",
        "delivered",
        "dispatched",
        "structures_equipped",
        "coverage",
        "by_region",
        "weekly",
        "financial_eur",
        "lost",
    }
    assert data["as_of"] == "2020-05-15"
    for key in ("delivered", "dispatched"):
        assert list(data[key]) == ["portable", "fixe", "tablette", "box_4g"]
    assert 0 <= data["coverage"] <= 1
    assert all(data["delivered"][d] <= data["dispatched"][d] for d in data["delivered"])
    weeks = data["weekly"]
    assert [w["week"] for w in weeks] == sorted(w["week"] for w in weeks)
    assert weeks[-1]["cumulative"] == sum(data["delivered"].values())
    assert data["financial_eur"] > 0
    assert set(data["by_region"]) <= {
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
        "Île-de-France",
        "Centre-Val de Loire",
        "Bourgogne-Franche-Comté",
        "Normandie",
        "Hauts-de-France",
        "Grand Est",
        "Pays de la Loire",
        "Bretagne",
        "Nouvelle-Aquitaine",
        "Occitanie",
        "Auvergne-Rhône-Alpes",
        "Provence-Alpes-Côte d'Azur",
        "Corse",
    }
    # the same file is written when --out is given, and nothing else
    out = tmp_path / "json-only"
    demo_report(demo, "--format", "json", "--out", out)
    assert sorted(p.name for p in out.iterdir()) == ["rapport.json"]
    assert json.loads((out / "rapport.json").read_text()) == data


def test_earlier_as_of_sees_less(demo: Path) -> None:
    late = demo_figures(demo, "2020-05-15")
    early = demo_figures(demo, "2020-04-28")
    assert sum(early["delivered"].values()) < sum(late["delivered"].values())
    before = demo_figures(demo, "2020-04-01")
    assert sum(before["dispatched"].values()) == 0 and before["weekly"] == []


def test_formats_and_languages(demo: Path, tmp_path: Path) -> None:
    result = demo_report(demo, "--out", tmp_path / "fr")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "fr").iterdir()) == [
        "communique.md",
        "rapport.html",
        "rapport.json",
        "rapport.md",
        "rapport.xlsx",
    ]
    english = demo_report(demo, "--out", tmp_path / "en", "--format", "md,html", "--lang", "en")
    assert english.exit_code == 0
    assert "devices delivered" in (tmp_path / "en" / "rapport.html").read_text()
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == [
        "communique.md",
        "rapport.html",
        "rapport.md",
    ]
    assert report(demo / "ordis.db", "--format", "pdf").exit_code == 2
    assert report(tmp_path / "absent.db").exit_code == 2


def test_weekly_series_has_no_gaps() -> None:
    from ordis_cli.report.figures import _weeks_between

    assert _weeks_between("2020-W52", "2021-W02") == [
        "2020-W52",
        "2020-W53",
        "2021-W01",
        "2021-W02",
    ]
    assert _weeks_between("", "") == []


def test_headline_is_in_press_style(demo: Path) -> None:
    press = (demo / "rapport" / "communique.md").read_text(encoding="utf-8")
    title = press.splitlines()[0]
    # "Plus de 1 600" — or the number itself when it is round (the demo delivers 1 700)
    assert title.startswith(("# Plus de ", "# 1\u202f700 ")) and "ordinateurs livrés" in title
    assert "\u202f" in title  # thousands with a narrow no-break space
    assert press_round(10_250) == "plus de 10\u202f000"
    assert press_round(3_450) == "plus de 3\u202f400"
    assert press_round(742) == "plus de 700"
    assert press_round(500) == "500" and press_round(7) == "7"
    assert press_number(1_234_567) == "1\u202f234\u202f567"
    assert [small_count(n) for n in (0, 1, 2, 3, 10)] == [0, "< 3", "< 3", 3, 10]


def test_html_is_self_contained(demo: Path) -> None:
    html = (demo / "rapport" / "rapport.html").read_text(encoding="utf-8")
    assert "<script" not in html and "src=" not in html and "<link" not in html
    assert html.count('<svg class="map"') in (1, 2)  # the map, and per 1,000 children
    assert html.count("<svg") == 3 + html.count('<svg class="map"')
    assert "<polyline" in html and 'class="bar"' in html
    assert [u for u in html.split('"') if u.startswith("http")] == [
        "http://www.w3.org/2000/svg"
    ] * html.count("<svg")
    assert "@media print" in html and 'name="viewport"' in html


def test_xlsx_has_native_charts(demo: Path) -> None:
    with zipfile.ZipFile(demo / "rapport" / "rapport.xlsx") as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3


def _private_strings() -> set[str]:
    """Every name, address, contact and identifier of a structure, and every private donor's
    name, in the sample data."""
    _, inputs = load_inputs(
        SAMPLE / "besoins.xlsx",
        SAMPLE / "dons.xlsx",
        SAMPLE / "partenaires.xlsx",
        ValidationOptions(),
    )
    assert inputs is not None
    found: set[str] = set()
    for ident, contact in inputs.contacts.items():
        found.add(ident)
        for name in (
            "nom_structure",
            "adresse",
            "contact_nom",
            "contact_email",
            "contact_telephone",
        ):
            if contact.get(name):
                found.add(str(contact[name]))
    for info in inputs.lot_info.values():
        if info.donor_type not in ORGANISATIONS:  # private, unknown or missing type
            found.add(info.donor)
    for gift in inputs.gifts:
        if gift.donor_type not in ORGANISATIONS:
            found.add(gift.donor)
    return found


def _texts(folder: Path) -> dict[str, str]:
    texts = {}
    for path in folder.iterdir():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts[path.name] = "".join(
                    archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                )
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def test_press_outputs_hold_no_private_data(demo: Path, tmp_path: Path) -> None:
    secrets = _private_strings()
    assert len(secrets) > 1000  # names, addresses, e-mails, phones, ids, private donors
    demo_report(demo, "--out", tmp_path / "en", "--lang", "en")
    for folder in (demo / "rapport", tmp_path / "en"):
        for name, text in _texts(folder).items():
            leaked = sorted(s for s in secrets if s in text)
            assert leaked == [], (folder.name, name, leaked[:5])


def test_small_counts_are_masked(demo: Path) -> None:
    data = json.loads((demo / "rapport" / "rapport.json").read_text())
    counts = [r["structures_equipped"] for r in data["by_region"].values()]
    assert all(c == "< 3" or (isinstance(c, int) and (c == 0 or c >= 3)) for c in counts)
    assert "< 3" in counts  # the sample has small régions: the rule is exercised
    html = (demo / "rapport" / "rapport.html").read_text(encoding="utf-8")
    assert "&lt; 3" in html
