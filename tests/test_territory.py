"""The reference data, checked against facts anyone can verify."""

from __future__ import annotations

import pytest

from ordis_cli.territory import (
    departement_code,
    departement_of_postal_code,
    departements,
    distance_km,
    region_code,
    regions,
)


def test_counts() -> None:
    assert len(departements()) == 101
    assert len(regions()) == 18
    assert len({d.region for d in departements().values()}) == 18


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        ("2A", "Corse-du-Sud", "Corse"),
        ("2B", "Haute-Corse", "Corse"),
        ("976", "Mayotte", "Mayotte"),
        ("75", "Paris", "Île-de-France"),
        ("13", "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur"),
        ("59", "Nord", "Hauts-de-France"),
        ("69", "Rhône", "Auvergne-Rhône-Alpes"),
        ("29", "Finistère", "Bretagne"),
        ("67", "Bas-Rhin", "Grand Est"),
        ("974", "La Réunion", "La Réunion"),
        ("971", "Guadeloupe", "Guadeloupe"),
        ("90", "Territoire de Belfort", "Bourgogne-Franche-Comté"),
        ("44", "Loire-Atlantique", "Pays de la Loire"),
        ("33", "Gironde", "Nouvelle-Aquitaine"),
        ("31", "Haute-Garonne", "Occitanie"),
        ("45", "Loiret", "Centre-Val de Loire"),
        ("76", "Seine-Maritime", "Normandie"),
    ],
)
def test_known_facts(code: str, name: str, region: str) -> None:
    dept = departements()[code]
    assert dept.name == name
    assert regions()[dept.region].name == region


def test_every_region_has_departements_and_no_20() -> None:
    assert "20" not in departements()
    assert "975" not in departements()
    counts = dict.fromkeys(regions(), 0)
    for dept in departements().values():
        counts[dept.region] += 1
    assert counts["11"] == 8  # Paris and the seven others of Île-de-France
    assert counts["94"] == 2
    assert all(count >= 1 for count in counts.values())


def test_chief_towns_lie_where_they_should() -> None:
    for dept in departements().values():
        if len(dept.code) == 3:
            assert not (41 < dept.latitude < 52), dept
        else:
            assert 41.3 < dept.latitude < 51.1, dept
            assert -5.2 < dept.longitude < 9.6, dept


def test_distances() -> None:
    assert distance_km("75", "75") == 0
    assert 640 < distance_km("75", "13") < 680  # Paris - Marseille, as the crow flies
    assert 200 < distance_km("59", "75") < 215  # Lille - Paris
    assert distance_km("69", "13") == pytest.approx(distance_km("13", "69"))


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("1", "01"),
        ("01", "01"),
        ("2a", "2A"),
        ("2B", "2B"),
        ("971", "971"),
        ("Paris", "75"),
        ("côte d'or", "21"),
        ("COTE-D'OR", "21"),
        ("75 - Paris", "75"),
        ("Rhône (69)", "69"),
        ("13 Marseille", "13"),  # a town of the département
        ("93 Seine St Denis", "93"),
        # an address or another département's name beside a number is not that département
        ("12 rue de la Paix", None),
        ("1 rue A", None),
        ("Bât 3", None),
        ("Paris 93", None),
        ("Paris (93)", None),
        ("Nord 95", None),
        # nor another département's chief town (Saint-Denis is also a town of the 93)
        ("Marseille 69", None),
        ("Lyon (13)", None),
        ("Saint-Denis 93", "93"),
        ("Saint-Denis 974", "974"),
        ("La Réunion", "974"),
        ("Corse du Sud", "2A"),
        ("100", None),
        ("20", None),
        ("", None),
        ("Atlantide", None),
        ("0", None),
        ("96", None),
    ],
)
def test_departement_code(given: str, code: str | None) -> None:
    assert departement_code(given) == code


@pytest.mark.parametrize(
    ("postal", "dept"),
    [
        ("01000", "01"),
        ("20000", "2A"),
        ("20090", "2A"),
        ("20200", "2B"),
        ("20600", "2B"),
        ("97400", "974"),
        ("97600", "976"),
        ("75011", "75"),
        ("98000", None),
        ("1000", None),
    ],
)
def test_postal_codes(postal: str, dept: str | None) -> None:
    assert departement_of_postal_code(postal) == dept


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("Bretagne", "53"),
        ("R53", "53"),
        ("région 11", "11"),
        ("Ile-de-France", "11"),
        ("PACA", "93"),
        ("Provence-Alpes-Côte d'Azur", "93"),
        ("R99", None),
        ("Gironde", None),
        # SPEC §2: a partner's zone names a région by its usual abbreviation too
        ("IDF", "11"),
        ("idf", "11"),
        ("AURA", "84"),
        ("ARA", "84"),
        ("HDF", "32"),
        ("BFC", "27"),
        ("Région Sud", "93"),
        ("NAQ", "75"),
        ("OCC", "76"),
        ("PDL", "52"),
        ("CVL", "24"),
    ],
)
def test_region_code(given: str, code: str | None) -> None:
    assert region_code(given) == code
