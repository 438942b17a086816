"""Reference data: the 101 départements and 18 régions of France, and lookups on them.

The data lives in ``data/departements.csv`` and ``data/regions.csv`` (code, name, région,
chief town and its coordinates); it is loaded once, on first use.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .textnorm import alias_key, close_matches


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    name: str
    region: str
    chief_town: str
    latitude: float
    longitude: float


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("ordis_cli").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def regions() -> dict[str, Region]:
    return {row["code"]: Region(row["code"], row["nom"]) for row in _read_csv("regions.csv")}


def region_of(departement: str) -> str:
    """The name of the région a département code belongs to (``"69"`` -> Auvergne-Rhône-Alpes)."""
    return regions()[departements()[departement].region].name


@cache
def departements() -> dict[str, Departement]:
    return {
        row["code"]: Departement(
            code=row["code"],
            name=row["nom"],
            region=row["region"],
            chief_town=row["chef_lieu"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
        )
        for row in _read_csv("departements.csv")
    }


@cache
def _departement_names() -> dict[str, str]:
    names = {alias_key(d.name): d.code for d in departements().values()}
    names.update({alias_key(other): code for other, code in _OTHER_DEPARTEMENT_NAMES.items()})
    # The Métropole de Lyon is, since 2015, the child-welfare authority (ASE) on its own
    # territory in place of the Rhône's conseil départemental: structures there write
    # "Métropole de Lyon" or "69M". For shipping it is the Rhône, 69, whose chief town is
    # Lyon: read as 69, the département the postal codes 69xxx belong to.
    for lyon in ("Métropole de Lyon", "Metropole Lyon", "Grand Lyon", "69M", "69 M"):
        names[alias_key(lyon)] = "69"
    return names


# Names people write for a département or a région besides its official one.
_OTHER_DEPARTEMENT_NAMES = {
    "Réunion": "974",
    "Corse du Sud": "2A",
    "Haute Corse": "2B",
    "Belfort": "90",  # Territoire de Belfort, as most people say it
}
_OTHER_REGION_NAMES = {
    "Réunion": "04",
    "Ile de France": "11",
    "Centre": "24",
    "Région Sud": "93",
}


@cache
def _region_names() -> dict[str, str]:
    names = {alias_key(r.name): r.code for r in regions().values()}
    for others in (_OTHER_REGION_NAMES, ABBREVIATIONS):
        names.update({alias_key(other): code for other, code in others.items()})
    return names


# The régions' usual abbreviations, as coordinators write them in a partner's zone.
ABBREVIATIONS = {
    "IDF": "11",
    "CVL": "24",
    "BFC": "27",
    "HDF": "32",
    "PDL": "52",
    "NAQ": "75",
    "OCC": "76",
    "AURA": "84",
    "ARA": "84",
    "PACA": "93",
}


_CODE_AT_START = re.compile(r"^\s*(\d{1,3}|2[abAB])(?:\s*[-–:]\s*|\s+)\D")
_CODE_IN_PARENS = re.compile(r"\((\d{1,3}|2[abAB])\)\s*$")
_CODE_AT_END = re.compile(r"[^\W\d]\s*(?:[-–:]\s*)?(\d{1,3}|2[abAB])\s*$")
_FLOAT_CODE = re.compile(r"^(\d{1,3})[.,]0+$")  # 1.0: a CSV written from a float column
_END_WINDOW = 64  # "Seine-Saint-Denis - 93" and the like end within this many characters
CORSICA = ("2A", "2B")


def departement_code(value: str) -> str | None:
    """The département code a person meant, or None.

    Accepts ``"01"``, ``"1"``, ``"1.0"``, ``"2a"``, ``"971"``, a name (``"Côte d'Or"``,
    ``"Belfort"``, ``"Métropole de Lyon"``), and the usual combinations ``"75 - Paris"``,
    ``"Paris 75"`` or ``"Paris (75)"``. ``"20"`` and ``"Corse"`` are None: two départements.
    """
    text = value.strip()
    if not text:
        return None
    floating = _FLOAT_CODE.match(text)
    if floating:
        text = floating.group(1)
    upper = text.upper()
    if upper.isdigit():
        code = upper.zfill(2) if len(upper) < 2 else upper
        if len(code) == 3 and code.startswith("0"):
            code = code[1:]
        return code if code in departements() else None
    if upper in ("2A", "2B"):
        return upper
    if upper in ("20",):
        return None
    # The code at the end is looked for in the last characters only: tried at every place of
    # a cell of millions of characters, that pattern took a second.
    for pattern, start in (
        (_CODE_AT_START, 0),
        (_CODE_IN_PARENS, 0),
        (_CODE_AT_END, max(0, len(text) - _END_WINDOW)),
    ):
        match = pattern.search(text, start)
        if match:
            found = departement_code(match.group(1))
            rest = text[: match.start(1)] + " " + text[match.end(1) :]
            return found if found and _agrees(found, rest) else None
    return _departement_names().get(alias_key(text))


def is_corsica(value: str) -> bool:
    """``"20"``, ``"Corse"``, ``"Corsica"``: Corsica, which is two départements (2A, 2B)."""
    text = value.strip()
    floating = _FLOAT_CODE.match(text)
    if floating:
        text = floating.group(1)
    return text == "20" or alias_key(text) in ("corse", "corsica", "20 corse", "corse 20")


# Words of an address: a number beside one of these is a street or building number, not a
# département ("12 rue de la Paix" is not the Aveyron, "Bât 3" not the Allier).
# fmt: off
_STREET_WORDS = frozenset({
    "rue", "avenue", "av", "bd", "boulevard", "chemin", "impasse", "allee", "place", "route",
    "quai", "cour", "bat", "batiment", "residence", "lotissement", "hameau", "square", "voie",
    "chaussee", "faubourg", "passage", "cite", "lieu", "dit",
})
# fmt: on


def _agrees(code: str, rest: str) -> bool:
    """Whether the words around a code read as its département or a place in it: not an
    address, not another département's name ("Paris 93") nor its chief town ("Marseille
    69"; "Saint-Denis 93" agrees: a town of the 93 too)."""
    key = alias_key(rest)
    if not _STREET_WORDS.isdisjoint(key.split()):
        return False
    named = _departement_names().get(key)
    town = _chief_towns().get(key)
    if town is not None and town != code:
        return TOWNS_ELSEWHERE.get(departements()[town].chief_town) == code
    return named is None or named == code


def suggest_departement(value: str) -> str | None:
    """A département name close to ``value`` (typo), as ``"code name"``, or None."""
    names = _departement_names()
    close = close_matches(alias_key(value), names, n=1, cutoff=0.75)
    if not close:
        return None
    dept = departements()[names[close[0]]]
    return f"{dept.code} {dept.name}"


# Chief towns whose name is also a large town of another département: a hint names both.
TOWNS_ELSEWHERE = {"Saint-Denis": "93"}  # La Réunion's chief town, and Seine-Saint-Denis'


@cache
def _chief_towns() -> dict[str, str]:
    return {alias_key(d.chief_town): d.code for d in departements().values()}


def departement_of_chief_town(value: str) -> str | None:
    """The code of the département whose chief town ``value`` names (« Marseille » -> 13),
    or None: a town written where a département is expected."""
    return _chief_towns().get(alias_key(value))


def region_code(value: str) -> str | None:
    """A région given by name (``"Bretagne"``) or as ``R53`` / ``région 53``; None otherwise."""
    text = value.strip()
    match = re.fullmatch(r"(?i)(?:r|reg|region|région)\s*[-:]?\s*(\d{1,2})", text)
    if match:
        code = match.group(1).zfill(2)
        return code if code in regions() else None
    return _region_names().get(alias_key(text))


# The régions before 2016 whose names are gone, as partners may still write them in a zone:
# each stands for its départements (Centre and Normandie are today's names of theirs).
FORMER_REGIONS: dict[str, tuple[str, ...]] = {
    "Alsace": ("67", "68"),
    "Aquitaine": ("24", "33", "40", "47", "64"),
    "Auvergne": ("03", "15", "43", "63"),
    "Basse-Normandie": ("14", "50", "61"),
    "Bourgogne": ("21", "58", "71", "89"),
    "Champagne-Ardenne": ("08", "10", "51", "52"),
    "Franche-Comté": ("25", "39", "70", "90"),
    "Haute-Normandie": ("27", "76"),
    "Languedoc-Roussillon": ("11", "30", "34", "48", "66"),
    "Limousin": ("19", "23", "87"),
    "Lorraine": ("54", "55", "57", "88"),
    "Midi-Pyrénées": ("09", "12", "31", "32", "46", "65", "81", "82"),
    "Nord-Pas-de-Calais": ("59", "62"),
    "Picardie": ("02", "60", "80"),
    "Poitou-Charentes": ("16", "17", "79", "86"),
    "Rhône-Alpes": ("01", "07", "26", "38", "42", "69", "73", "74"),
}


def former_region(value: str) -> tuple[str, tuple[str, ...]] | None:
    """A région of before 2016 (``"Nord-Pas-de-Calais"``), as (its name, its départements)."""
    return _former_regions().get(alias_key(value))


@cache
def _former_regions() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {alias_key(name): (name, depts) for name, depts in FORMER_REGIONS.items()}


def departement_of_postal_code(postal_code: str) -> str | None:
    """The département a 5-digit postal code belongs to (``20xxx`` split into 2A/2B)."""
    if len(postal_code) != 5 or not postal_code.isdigit():
        return None
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    code = postal_code[:3] if postal_code.startswith("97") else postal_code[:2]
    return code if code in departements() else None


# A FINESS character's value (the Corsican A and B count as 0), and the digit Luhn's rule
# adds for it when it stands at a doubled place (2d, minus 9 above 9).
_FINESS_VALUE = {**{str(d): d for d in range(10)}, "A": 0, "B": 0}
_FINESS_DOUBLED = {c: (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)[v] for c, v in _FINESS_VALUE.items()}


def finess_key(first8: str) -> str:
    """The Luhn (mod 10) key of the first 8 characters of a FINESS number (A and B count as 0):
    the rule and its source are noted in ``validation.needs``. The rightmost character of the
    payload is doubled, then every other one leftwards (written out: 100,000 keys in 0.1 s)."""
    value, doubled, n = _FINESS_VALUE, _FINESS_DOUBLED, first8
    total = value[n[0]] + doubled[n[1]] + value[n[2]] + doubled[n[3]]
    total += value[n[4]] + doubled[n[5]] + value[n[6]] + doubled[n[7]]
    return str((10 - total % 10) % 10)


def distance_km(dept_a: str, dept_b: str) -> float:
    """Great-circle distance between the chief towns of two départements, in km."""
    if dept_a == dept_b:
        return 0.0
    a, b = departements()[dept_a], departements()[dept_b]
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))
