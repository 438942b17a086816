"""Fictional ASE structures and their requests, for ``ordis sample``.

One structure per région first, then by rough population weight; a made-up name, address,
contact, number of children and request per structure, each chosen by a ``random.Random``
of the seed, so the same seed always gives the same rows. ``plant_needs_errors`` puts in
the mistakes seen in real request sheets. The people's names are shared with the donations
(``fictional_person``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from ..reading.limits import MAX_DATA_ROWS
from ..territory import departements, finess_key, regions
from ..textnorm import fold

_TYPES = (
    ("MECS", 45),
    ("foyer de l'enfance", 20),
    ("lieu de vie", 12),
    ("placement familial", 15),
    ("pouponnière", 5),
    ("autre", 3),
)
_PREFIX = {
    "MECS": "MECS",
    "foyer de l'enfance": "Foyer de l'enfance",
    "lieu de vie": "Lieu de vie",
    "placement familial": "Service de placement familial",
    "pouponnière": "Pouponnière",
    "autre": "Accueil",
}
_NAMES = (
    "Les Tilleuls",
    "La Passerelle",
    "Les Mouettes",
    "L'Envol",
    "Les Cèdres",
    "Le Phare",
    "La Source",
    "Les Hirondelles",
    "Arc-en-Ciel",
    "Les Glycines",
    "La Roseraie",
    "Le Colombier",
    "Les Peupliers",
    "La Boussole",
    "Les Alizés",
    "Le Verger",
    "La Clairière",
    "Les Marronniers",
    "L'Escale",
    "Le Tremplin",
    "La Bergerie",
    "Les Oliviers",
    "La Maison Bleue",
    "Le Moulin",
    "Les Sources Vives",
)
_STREETS = (
    "rue des Écoles",
    "avenue Jean Jaurès",
    "chemin des Vignes",
    "boulevard Victor Hugo",
    "impasse des Lilas",
    "route de la Forêt",
    "place de la Mairie",
    "rue du Moulin",
    "allée des Acacias",
    "rue Pasteur",
    "rue de la République",
    "quai des Brumes",
)
_FIRST = (
    "Camille",
    "Nadia",
    "Julien",
    "Sophie",
    "Karim",
    "Élodie",
    "Thomas",
    "Fatou",
    "Lucas",
    "Chloé",
    "Mathieu",
    "Inès",
    "Yann",
    "Léa",
    "Rachid",
    "Margaux",
    "Hugo",
    "Aïcha",
)
_LAST = (
    "Martin",
    "Bernard",
    "Lefèvre",
    "Moreau",
    "Garnier",
    "Roux",
    "Benali",
    "Fontaine",
    "Chevalier",
    "Diallo",
    "Perrin",
    "Morel",
    "Girard",
    "Nguyen",
    "Lambert",
    "Bonnet",
)
_BIG = {
    "75",
    "13",
    "59",
    "69",
    "92",
    "93",
    "33",
    "31",
    "44",
    "62",
    "94",
    "77",
    "78",
    "06",
    "34",
    "67",
    "76",
    "91",
    "95",
    "38",
}
START_DAY = dt.date(2020, 3, 23)  # the first day of the fictional operation


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _departement_order(rng: random.Random, count: int) -> list[str]:
    """One structure per région first (so all 18 appear), then by rough population weight."""
    by_region: dict[str, list[str]] = {}
    for dept in departements().values():
        by_region.setdefault(dept.region, []).append(dept.code)
    first = [rng.choice(by_region[code]) for code in sorted(regions())]
    codes = sorted(departements())
    weights = [4 if c in _BIG else 1 for c in codes]
    rest = rng.choices(codes, weights, k=max(count - len(first), 0))
    return (first + rest)[:count]


def _postal_code(rng: random.Random, dept: str) -> str:
    if dept == "2A":
        return rng.choice(("20000", "20090", "20100"))
    if dept == "2B":
        return rng.choice(("20200", "20600", "20250"))
    if len(dept) == 3:
        return dept + rng.choice(("00", "10", "20"))
    return dept + rng.choice(("000", "100", "200", "300", "400"))


def fictional_person(rng: random.Random) -> tuple[str, str]:
    """A made-up person: their full name and the handle of their e-mail."""
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return f"{first} {last}", f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}"


def _finess(dept: str, number: int) -> str:
    """A fictional FINESS-shaped number: the département, a serial, and a right key (an
    invented number with a wrong key would draw a ``finess-key`` warning)."""
    first8 = f"{dept}{number:06d}" if len(dept) == 2 else f"{dept}{number:05d}"
    return first8 + finess_key(first8)


# Rows a needs file may hold (SPEC §2), less the duplicate ``plant_needs_errors`` may add:
# a structure's second request is left out past it, so that ``ordis`` reads the file whatever
# the number of structures.
ROWS_READ = MAX_DATA_ROWS - 1


def needs_rows(structures: int, seed: int) -> list[dict[str, Any]]:
    """One row per structure, and for some a second request a week later, as long as the
    rows of the structures still to come fit under ``ROWS_READ``."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for number, dept in enumerate(_departement_order(rng, structures), start=1):
        kind = _pick(rng, _TYPES)
        info = departements()[dept]
        name = f"{_PREFIX[kind]} {rng.choice(_NAMES)}"
        if rng.random() < 0.4:
            name += f" de {info.chief_town}"
        contact, handle = fictional_person(rng)
        children = rng.randint(6, 60)
        internet = rng.random() < 0.7
        wanted = max(1, children // rng.randint(2, 4))
        laptops = max(round(wanted * rng.uniform(0.4, 0.8)), 0)
        tablets = max(round(wanted * rng.uniform(0.0, 0.4)), 0)
        desktops = max(wanted - laptops - tablets, 0) if rng.random() < 0.3 else 0
        boxes = 0 if internet else rng.choice((0, 1, 1, 1, 1, 1, 2, 2, 3))
        if laptops + desktops + tablets + boxes == 0:
            laptops = 1
        asked_on = (
            START_DAY + dt.timedelta(days=rng.randint(0, 50)) if rng.random() > 0.05 else None
        )
        split = laptops // 2 if rng.random() < 0.08 and laptops > 1 else 0
        if len(rows) + 1 + structures - number >= ROWS_READ:
            split = 0  # no room left for a second row (the draws above stay the same)
        base = {
            "id_structure": _finess(dept, number),
            "nom_structure": name,
            "type_structure": kind,
            "departement": dept,
            "code_postal": _postal_code(rng, dept),
            "commune": info.chief_town,
            "adresse": f"{rng.randint(1, 120)} {rng.choice(_STREETS)}",
            "contact_nom": contact,
            "contact_email": f"{handle}@structure{number}.exemple.org",
            "contact_telephone": "0{} {:02d} {:02d} {:02d} {:02d}".format(
                rng.randint(1, 5), *(rng.randint(0, 99) for _ in range(4))
            ),
            "nb_enfants": children,
            "acces_internet": "oui" if internet else "non",
            "priorite": _pick(rng, (("urgente", 10), ("haute", 25), ("normale", 65))),
            "date_demande": asked_on,
            "portables": laptops - split,
            "fixes": desktops,
            "tablettes": tablets,
            "box_4g": boxes,
        }
        rows.append(base)
        if split:
            # A second request of the same structure, a week later.
            rows.append(
                dict(
                    base,
                    portables=split,
                    fixes=0,
                    tablettes=0,
                    box_4g=0,
                    date_demande=asked_on and asked_on + dt.timedelta(days=7),
                )
            )
    return rows


def plant_needs_errors(rows: list[dict[str, Any]], seed: int) -> None:
    """The mistakes seen in real request sheets, each at a fixed, seed-chosen row."""
    rng = random.Random(seed + 2)
    mistakes: list[tuple[str, Any]] = [
        ("departement", "100"),
        ("departement", "Bouches du Rone"),
        ("date_demande", "04/25/2020"),
        ("portables", "-2"),
        ("tablettes", "1,5"),
        ("portables", "deux"),
        ("priorite", "urgnte"),
        ("acces_internet", "peut-être"),
        ("contact_email", "contact@"),
        ("contact_telephone", "12 34"),
        ("nom_structure", None),
        ("portables", 1500),
        ("code_postal", "13001"),
        ("adresse", None),
        ("date_demande", "31/02/2020"),
    ]
    picks = rng.sample(range(1, len(rows)), k=min(len(mistakes) + 2, len(rows) - 1))
    for index, (column, value) in zip(picks, mistakes, strict=False):
        rows[index][column] = value
    if len(picks) > len(mistakes) + 1:
        rows[picks[-2]].update(portables=0, fixes=0, tablettes=0, box_4g=0)
        twin = dict(rows[picks[-1]])
        twin["departement"] = "2B" if twin["departement"] != "2B" else "2A"
        if len(rows) < MAX_DATA_ROWS:
            rows.append(twin)
        else:  # a file at the limit (1,000,000 structures): the twin takes a row's place
            rows[-1 if picks[-1] != len(rows) - 1 else -2] = twin
