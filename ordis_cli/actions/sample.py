"""``ordis sample``: realistic, fictional, deterministic input files of any size.

Every name, address, e-mail and phone number is made up; the seed fixes every choice, so
the same command always writes the same files. ``with_errors`` plants the mistakes
coordinators typically make, to show ``ordis validate`` at work.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ..atomic import output_folder, staged_folder, write_atomically
from ..messages import Lang
from ..territory import departements, regions
from ..textnorm import fold
from ..xlsx_safety import clean_text

SampleFormat = Literal["xlsx", "csv"]

NEEDS_COLUMNS = (
    "id_structure", "nom_structure", "type_structure", "departement", "code_postal", "commune",
    "adresse", "contact_nom", "contact_email", "contact_telephone", "nb_enfants",
    "acces_internet", "priorite", "date_demande", "portables", "fixes", "tablettes", "box_4g",
)
DONATION_COLUMNS = (
    "id_don", "donateur", "type_donateur", "materiel", "quantite", "etat", "departement",
    "partenaire", "disponible_le", "montant_eur",
)
PARTNER_COLUMNS = ("partenaire", "zone", "contact_email", "capacite")

PARTNERS = (
    ("Relais Numérique Solidaire", "national", "envois@relais-numerique.exemple.org", 5000),
    ("Logistique Solidaire Ouest", "Bretagne; Pays de la Loire; Normandie",
     "contact@lso.exemple.org", 800),
    ("Sud Solidaire Transports", "Occitanie; Provence-Alpes-Côte d'Azur; Corse",
     "planning@sst.exemple.org", 600),
    ("Coursiers du Nord-Est", "Hauts-de-France; Grand Est", "bonjour@cne.exemple.org", 500),
    ("Outre-mer Connect", "971; 972; 973; 974; 976", "logistique@omc.exemple.org", 200),
)

_TYPES = (("MECS", 45), ("foyer de l'enfance", 20), ("lieu de vie", 12),
          ("placement familial", 15), ("pouponnière", 5), ("autre", 3))
_PREFIX = {"MECS": "MECS", "foyer de l'enfance": "Foyer de l'enfance", "lieu de vie":
           "Lieu de vie", "placement familial": "Service de placement familial",
           "pouponnière": "Pouponnière", "autre": "Accueil"}
_NAMES = ("Les Tilleuls", "La Passerelle", "Les Mouettes", "L'Envol", "Les Cèdres", "Le Phare",
          "La Source", "Les Hirondelles", "Arc-en-Ciel", "Les Glycines", "La Roseraie",
          "Le Colombier", "Les Peupliers", "La Boussole", "Les Alizés", "Le Verger",
          "La Clairière", "Les Marronniers", "L'Escale", "Le Tremplin", "La Bergerie",
          "Les Oliviers", "La Maison Bleue", "Le Moulin", "Les Sources Vives")
_STREETS = ("rue des Écoles", "avenue Jean Jaurès", "chemin des Vignes", "boulevard Victor Hugo",
            "impasse des Lilas", "route de la Forêt", "place de la Mairie", "rue du Moulin",
            "allée des Acacias", "rue Pasteur", "rue de la République", "quai des Brumes")
_FIRST = ("Camille", "Nadia", "Julien", "Sophie", "Karim", "Élodie", "Thomas", "Fatou", "Lucas",
          "Chloé", "Mathieu", "Inès", "Yann", "Léa", "Rachid", "Margaux", "Hugo", "Aïcha")
_LAST = ("Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Roux", "Benali", "Fontaine",
         "Chevalier", "Diallo", "Perrin", "Morel", "Girard", "Nguyen", "Lambert", "Bonnet")
_COMPANIES = ("Groupe Héliade", "Altarys Conseil", "Banque Coopérative du Levant", "Nexora",
              "Assurances Mutuelles Orion", "Cabinet Vauban & Associés", "Transports Aubrac",
              "Éditions du Pont-Neuf", "Sogémap Industrie", "Datavia Services")
_REFURBISHERS = ("Atelier du Réemploi", "Reboot Solidaire", "Recyclerie Numérique du Rhône",
                 "Ordi Seconde Vie", "Le Labo Circulaire")
_FOUNDATIONS = ("Fondation Horizon Jeunesse", "Fondation Lumière d'Avenir",
                "Fonds de dotation Passerelles")
_OPERATOR = "Horizon Mobile (opérateur)"
_BIG = {"75", "13", "59", "69", "92", "93", "33", "31", "44", "62", "94", "77", "78", "06",
        "34", "67", "76", "91", "95", "38"}
_START = dt.date(2020, 3, 23)


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


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return f"{first} {last}", f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}"


def needs_rows(structures: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for number, dept in enumerate(_departement_order(rng, structures), start=1):
        kind = _pick(rng, _TYPES)
        info = departements()[dept]
        name = f"{_PREFIX[kind]} {rng.choice(_NAMES)}"
        if rng.random() < 0.4:
            name += f" de {info.chief_town}"
        contact, handle = _person(rng)
        children = rng.randint(6, 60)
        internet = rng.random() < 0.7
        wanted = max(1, children // rng.randint(2, 4))
        laptops = max(round(wanted * rng.uniform(0.4, 0.8)), 0)
        tablets = max(round(wanted * rng.uniform(0.0, 0.4)), 0)
        desktops = max(wanted - laptops - tablets, 0) if rng.random() < 0.3 else 0
        boxes = 0 if internet else rng.choice((0, 1, 1, 1, 1, 1, 2, 2, 3))
        if laptops + desktops + tablets + boxes == 0:
            laptops = 1
        asked_on = _START + dt.timedelta(days=rng.randint(0, 50)) if rng.random() > 0.05 else None
        split = laptops // 2 if rng.random() < 0.08 and laptops > 1 else 0
        base = {
            "id_structure": f"{dept}{number:07d}" if len(dept) == 2 else f"{dept}{number:06d}",
            "nom_structure": name,
            "type_structure": kind,
            "departement": dept,
            "code_postal": _postal_code(rng, dept),
            "commune": info.chief_town,
            "adresse": f"{rng.randint(1, 120)} {rng.choice(_STREETS)}",
            "contact_nom": contact,
            "contact_email": f"{handle}@structure{number}.exemple.org",
            "contact_telephone": "0{} {:02d} {:02d} {:02d} {:02d}".format(
                rng.randint(1, 5), *(rng.randint(0, 99) for _ in range(4))),
            "nb_enfants": children,
            "acces_internet": "oui" if internet else "non",
            "priorite": _pick(rng, (("urgente", 10), ("haute", 25), ("normale", 65))),
            "date_demande": asked_on,
            "portables": laptops - split, "fixes": desktops,
            "tablettes": tablets, "box_4g": boxes,
        }
        rows.append(base)
        if split:
            # A second request of the same structure, a week later.
            rows.append(dict(base, portables=split, fixes=0, tablettes=0, box_4g=0,
                             date_demande=asked_on and asked_on + dt.timedelta(days=7)))
    return rows


_STOCK_DEPTS = ("75", "92", "69", "13", "31", "33", "59", "44", "67", "35", "34", "06")


def _zone_departements(zone_text: str) -> list[str]:
    from ..validation.partners import zone

    parsed, _ = zone(zone_text)
    if parsed is None or parsed.national:
        return sorted(departements())
    return sorted(code for code in departements() if parsed.covers(code))


def _shipping(rng: random.Random, regional: bool) -> tuple[str, str]:
    """(partner, département of the stock): the national partner from the big cities' depots,
    or a regional one from a depot inside its own zone."""
    if not regional or rng.random() < 0.55:
        dept = rng.choice(_STOCK_DEPTS) if rng.random() < 0.8 else rng.choice(
            sorted(departements()))
        return PARTNERS[0][0], dept
    name, zone_text, _, _ = rng.choice(PARTNERS[1:])
    return name, rng.choice(_zone_departements(zone_text))


def donation_rows(lots: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed + 1)
    rows: list[dict[str, Any]] = []
    for number in range(1, lots + 1):
        roll = rng.random()
        partner, dept = _shipping(rng, regional=rng.random() < 0.6)
        row: dict[str, Any] = {"id_don": f"D2020-{number:05d}", "departement": dept,
                               "disponible_le": (_START + dt.timedelta(days=rng.randint(-10, 45))
                                                 if rng.random() > 0.1 else None)}
        if roll < 0.08:
            donor_type = rng.choice(("fondation", "entreprise", "particulier"))
            donor = (_person(rng)[0] if donor_type == "particulier"
                     else rng.choice(_FOUNDATIONS if donor_type == "fondation" else _COMPANIES))
            row.update(donateur=donor, type_donateur=donor_type, departement=None,
                       disponible_le=None,
                       montant_eur=round(rng.choice((50, 200, 1000, 5000, 20000)) *
                                         rng.uniform(0.5, 2), 2))
        elif roll < 0.13:
            row.update(donateur=_OPERATOR, type_donateur="entreprise", materiel="box_4g",
                       quantite=rng.randint(20, 200), etat="neuf", partenaire=partner)
        elif roll < 0.50:
            row.update(donateur=rng.choice(_COMPANIES), type_donateur="entreprise",
                       materiel=rng.choice(("portable", "portable", "portable", "fixe",
                                            "tablette")),
                       quantite=rng.randint(5, 120), etat=rng.choice(("neuf", "reconditionne")),
                       partenaire=partner)
        elif roll < 0.78:
            row.update(donateur=rng.choice(_REFURBISHERS), type_donateur="reconditionneur",
                       materiel=rng.choice(("portable", "portable", "fixe")),
                       quantite=rng.randint(5, 80), etat="reconditionne", partenaire=partner)
        elif roll < 0.88:
            row.update(donateur=rng.choice((*_FOUNDATIONS, "Association Cœurs Connectés")),
                       type_donateur=rng.choice(("fondation", "association")),
                       materiel=rng.choice(("tablette", "portable")),
                       quantite=rng.randint(10, 60), etat="neuf", partenaire=PARTNERS[0][0])
        elif roll < 0.93:
            row.update(donateur=f"Conseil départemental {departements()[dept].name}",
                       type_donateur="collectivite", materiel="tablette",
                       quantite=rng.randint(10, 50), etat="neuf")
        else:
            row.update(donateur=_person(rng)[0], type_donateur="particulier",
                       materiel=rng.choice(("portable", "tablette")),
                       quantite=rng.randint(1, 3), etat="reconditionne")
        rows.append(row)
    return rows


def partner_rows() -> list[dict[str, Any]]:
    return [dict(zip(PARTNER_COLUMNS, p, strict=True)) for p in PARTNERS]


def plant_needs_errors(rows: list[dict[str, Any]], seed: int) -> None:
    """The mistakes seen in real request sheets, each at a fixed, seed-chosen row."""
    rng = random.Random(seed + 2)
    mistakes: list[tuple[str, Any]] = [
        ("departement", "100"), ("departement", "Bouches du Rone"),
        ("date_demande", "04/25/2020"), ("portables", "-2"), ("tablettes", "1,5"),
        ("portables", "deux"), ("priorite", "urgnte"), ("acces_internet", "peut-être"),
        ("contact_email", "contact@"), ("contact_telephone", "12 34"), ("nom_structure", None),
        ("portables", 1500), ("code_postal", "13001"), ("adresse", None),
        ("date_demande", "31/02/2020"),
    ]
    picks = rng.sample(range(1, len(rows)), k=min(len(mistakes) + 2, len(rows) - 1))
    for index, (column, value) in zip(picks, mistakes, strict=False):
        rows[index][column] = value
    if len(picks) > len(mistakes) + 1:
        rows[picks[-2]].update(portables=0, fixes=0, tablettes=0, box_4g=0)
        twin = dict(rows[picks[-1]])
        twin["departement"] = "2B" if twin["departement"] != "2B" else "2A"
        rows.append(twin)


def plant_donation_errors(rows: list[dict[str, Any]], seed: int) -> None:
    rng = random.Random(seed + 3)
    equipment = [i for i, r in enumerate(rows) if r.get("materiel")]
    picks = rng.sample(equipment, k=min(6, len(equipment)))
    mistakes: list[dict[str, Any]] = [
        {"materiel": "tablete"}, {"quantite": 0}, {"departement": None},
        {"partenaire": "Transports Martin"}, {"disponible_le": "31/02/2020"},
        {"materiel": None, "quantite": None},
    ]
    for index, change in zip(picks, mistakes, strict=False):
        rows[index].update(change)
    if len(rows) > 2:
        rows.append(dict(rows[1]))  # the same lot typed twice


def _cell(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def write_xlsx(path: Path, sheet: str, columns: Sequence[str],
               rows: Iterable[dict[str, Any]]) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    header = []
    for name in columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in rows:
        values = []
        for name in columns:
            value = row.get(name)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=dt.datetime.combine(value, dt.time()))
                cell.number_format = "DD/MM/YYYY"
                values.append(cell)
            else:
                values.append(_cell(value))
        ws.append(values)
    write_atomically(path, book.save)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]],
              title: str | None = None) -> None:
    """A French Excel export: Windows-1252, ``;``, day-first dates, CRLF."""
    def save(target: str) -> None:
        with Path(target).open("w", encoding="cp1252", errors="replace", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            if title:
                writer.writerow([title] + [""] * (len(columns) - 1))
                writer.writerow([""] * len(columns))
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_csv_value(row.get(name)) for name in columns])
    write_atomically(path, save)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return value


def write_sample(out: Path, structures: int = 300, lots: int = 150, seed: int = 2020,
                 fmt: SampleFormat = "xlsx", with_errors: bool = False,
                 lang: Lang = "fr") -> list[Path]:
    """Write needs, donations and partners files into ``out`` (absent or empty: SPEC §1),
    all of them or none; return their paths."""
    needs = needs_rows(structures, seed)
    donations = donation_rows(lots, seed)
    suffix = "_erreurs" if with_errors else ""
    if with_errors:
        plant_needs_errors(needs, seed)
        plant_donation_errors(donations, seed)
    files = [
        (f"besoins{suffix}", "besoins", NEEDS_COLUMNS, needs,
         "Recensement des besoins des structures ASE"),
        (f"dons{suffix}", "dons", DONATION_COLUMNS, donations, "Dons reçus"),
        ("partenaires", "partenaires", PARTNER_COLUMNS, partner_rows(), None),
    ]
    target = output_folder(out, out, lang)
    written = []
    with staged_folder(target, lang) as staging:
        for stem, sheet, columns, rows, title in files:
            name = f"{stem}.{fmt}"
            if fmt == "csv":
                write_csv(staging / name, columns, rows, title if with_errors else None)
            else:
                write_xlsx(staging / name, sheet, columns, rows)
            written.append(target / name)
    return written
