"""The map of the régions on the HTML report: the outlines shipped in the package (derived
from IGN ADMIN EXPRESS by ``map_build``), every région of ordis drawn and shaded, the
figure per 1,000 children with the ``< 3`` rule, the attribution in both languages."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ordis_cli.actions.demo import REPORT_DATE, RUN_DATE
from ordis_cli.report import map_build, regions_map
from ordis_cli.report.charts import INK
from ordis_cli.territory import region_of, regions

from .conftest import invoke

GEO = Path("/work/shared/geo")
SHIPPED = Path(regions_map.__file__).resolve().parents[1] / "data" / "regions_map.csv"


class _Shapes(HTMLParser):
    """The région paths of each map of a page: (map index, code, fill)."""

    def __init__(self) -> None:
        super().__init__()
        self.maps = -1
        self.shapes: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg" and found.get("class") == "map":
            self.maps += 1
        if tag == "path" and found.get("class") == "region":
            self.shapes.append((self.maps, found["data-code"] or "", found["fill"] or ""))


def shapes_in(page: Path) -> list[tuple[int, str, str]]:
    parser = _Shapes()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.shapes


def test_every_region_of_ordis_has_its_outline() -> None:
    drawn = {shape.code: shape.name for shape in regions_map.shapes()}
    assert drawn == {code: region.name for code, region in regions().items()}
    assert len(drawn) == 18
    overseas = {s.name for s in regions_map.shapes() if s.frame}
    assert overseas == {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"}


def test_the_shipped_outlines_are_small_projected_and_whole_numbers() -> None:
    size = SHIPPED.stat().st_size
    assert 5_000 < size < 60_000
    for shape in regions_map.shapes():
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", shape.path), shape.code
        numbers = [int(v) for v in re.findall(r"-?\d+", shape.path.split("l")[0])]
        assert 0 <= numbers[0] <= map_build.WIDTH and 0 <= numbers[1] <= map_build.HEIGHT
        x, y = shape.label
        assert 0 < x < map_build.WIDTH and 0 < y < map_build.HEIGHT
    # no raw GeoJSON in the package
    package = SHIPPED.parents[1]
    assert not list(package.rglob("*.geojson"))


def test_lambert93_puts_paris_where_ign_does() -> None:
    x, y = map_build.lambert93(3.0, 46.5)  # the origin, by definition of EPSG:2154
    assert abs(x - 700_000) < 0.01 and abs(y - 6_600_000) < 0.01
    x, y = map_build.lambert93(2.3522, 48.8566)  # Paris, Notre-Dame's neighbourhood
    assert abs(x - 652_469) < 5 and abs(y - 6_862_035) < 5


@pytest.mark.skipif(not (GEO / map_build.SOURCE_FILE).exists(), reason="no source outlines")
def test_the_shipped_file_is_what_the_build_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "map.csv"
    assert map_build.main([str(GEO), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_labels_contrast_with_every_shade() -> None:
    for colour in (*regions_map.STEPS, regions_map.NONE):
        assert regions_map.contrast(regions_map.text_colour(colour), colour) >= 4.5, colour
    # every shade, the grey included, stands out from the white page
    for colour in (*regions_map.STEPS, regions_map.NONE):
        assert regions_map.contrast(colour, "#ffffff") > 1.2, colour
    assert regions_map.text_colour(regions_map.STEPS[-1]) == "#ffffff"
    assert regions_map.text_colour(regions_map.STEPS[0]) == INK


def test_steps_are_round_and_cover_every_value() -> None:
    steps = regions_map.scale([5, 180, 408, 42])
    assert [(s.low, s.high) for s in steps] == [
        (0, 100),
        (100, 200),
        (200, 300),
        (300, 400),
        (400, 500),
    ]
    assert len({s.colour for s in steps}) == 5
    assert regions_map.fill(408, steps) == regions_map.STEPS[-1]
    assert regions_map.fill(0, steps) == regions_map.NONE
    assert regions_map.fill(None, steps) == regions_map.NONE
    assert regions_map.scale([]) == []
    legend = regions_map.legend(steps, "fr", "aucun")
    assert legend[1][1] == "1 – 100" and legend[-1][1] == "401 – 500"
    assert (
        regions_map.legend(regions_map.scale([1500, 2200]), "en", "none")[-1][1] == "2,001 – 2,500"
    )


def test_the_page_draws_every_region_shaded(demo: Path) -> None:
    page = demo / "rapport" / "rapport.html"
    html = page.read_text(encoding="utf-8")
    drawn = shapes_in(page)
    first = [(code, colour) for index, code, colour in drawn if index == 0]
    assert sorted(code for code, _ in first) == sorted(regions())
    assert all(colour not in {"", "#fff", "#ffffff", "none"} for _, colour in first)
    assert len({colour for _, colour in first}) >= 3  # shaded, not one flat colour
    assert "Source : IGN — ADMIN EXPRESS" in html and "Licence Ouverte" in html
    # the darkest shade goes to the région that received the most
    figures = invoke(
        "report", "--ledger", demo / "ordis.db", "--as-of", str(REPORT_DATE), "--format", "json"
    )
    import json

    by_region = json.loads(figures.stdout)["by_region"]
    top = max(by_region, key=lambda name: sum(by_region[name]["delivered"].values()))
    code = next(c for c, r in regions().items() if r.name == top)
    assert dict(first)[code] == regions_map.STEPS[-1]
    # its label shows its figure, and the tooltip names it
    total = sum(by_region[top]["delivered"].values())
    assert f"<title>{top} : {total}</title>" in html.replace("\u202f", " ").replace("&#x27;", "'")


def test_per_thousand_children_follows_the_ledger_and_the_small_count_rule(demo: Path) -> None:
    page = demo / "rapport" / "rapport.html"
    drawn = shapes_in(page)
    assert {index for index, _, _ in drawn} == {0, 1}  # the demo's structures give nb_enfants
    with sqlite3.connect(demo / "ordis.db") as db:
        needs = db.execute(
            "SELECT structure_id, departement, nb_enfants FROM needs WHERE nb_enfants > 0"
        ).fetchall()
        got = Counter[str]()
        for structure, units in db.execute(
            "SELECT s.structure_id, s.delivered_quantity FROM shipments s "
            "JOIN runs r ON r.id = s.run_id WHERE s.delivered_on <= ?",
            (str(REPORT_DATE),),
        ):
            got[structure] += units or 0
    kids, units, served = Counter[str](), Counter[str](), Counter[str]()
    for structure, departement, children in needs:
        region = region_of(departement)
        kids[region] += children
        if got[structure]:
            units[region] += got[structure]
            served[region] += 1
    html = page.read_text(encoding="utf-8").replace("&#x27;", "'")
    children_map = html[html.index('id="map-children"') :]
    checked = 0
    for region, children in kids.items():
        if served[region] >= 3:
            rate = round(1000 * units[region] / children)
            assert f"<title>{region} : {rate}</title>" in children_map.replace("\u202f", " ")
            checked += 1
        elif served[region]:
            assert f"<title>{region} : &lt; 3</title>" in children_map
    assert checked >= 5


def test_the_english_page_attributes_the_map_in_english(tmp_path: Path, demo: Path) -> None:
    out = tmp_path / "en"
    result = invoke(
        "report", "--ledger", demo / "ordis.db", "--as-of", str(REPORT_DATE),
        "--format", "html", "--out", out, "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "rapport.html").read_text(encoding="utf-8")
    assert "Source: IGN — ADMIN EXPRESS" in html and "Source :" not in html
    assert "Per 1,000 children" in html and "Devices delivered by region" in html
    assert len([s for s in shapes_in(out / "rapport.html") if s[0] == 0]) == 18


def test_before_any_delivery_the_map_shows_what_is_on_its_way(tmp_path: Path, demo: Path) -> None:
    out = tmp_path / "week0"
    first_run = str(RUN_DATE)  # the demo's allocation day, before any delivery
    result = invoke(
        "report", "--ledger", demo / "ordis.db", "--as-of", first_run,
        "--format", "html", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "rapport.html").read_text(encoding="utf-8")
    if "Équipements en route, par région" not in html:
        pytest.skip("the demo delivered something on its first day")
    drawn = shapes_in(out / "rapport.html")
    assert {index for index, _, _ in drawn} == {0}  # no per-children view before deliveries
    assert "<polyline" not in html  # and no empty weekly curve above it
    assert len({colour for _, _, colour in drawn}) >= 2
