"""Fictional donors, lots and logistics partners, for ``ordis sample``.

Companies, refurbishers, foundations, an operator's 4G boxes, local authorities and private
donors give lots of equipment or money; each lot is stored in a département where its
partner can take it (the national partner from the big cities' depots, a regional one inside
its own zone). Every choice comes from a ``random.Random`` of the seed. ``PARTNERS`` is the
partners file as written; ``plant_donation_errors`` puts in the mistakes seen in real
donation sheets.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..models import Kind
from ..schema import column_names
from ..territory import departements
from .structures import START_DAY, fictional_person

PARTNERS = (
    ("Relais Numérique Solidaire", "national", "envois@relais-numerique.exemple.org", 5000),
    (
        "Logistique Solidaire Ouest",
        "Bretagne; Pays de la Loire; Normandie",
        "contact@lso.exemple.org",
        800,
    ),
    (
        "Sud Solidaire Transports",
        "Occitanie; Provence-Alpes-Côte d'Azur; Corse",
        "planning@sst.exemple.org",
        600,
    ),
    ("Coursiers du Nord-Est", "Hauts-de-France; Grand Est", "bonjour@cne.exemple.org", 500),
    ("Outre-mer Connect", "971; 972; 973; 974; 976", "logistique@omc.exemple.org", 200),
)

_COMPANIES = (
    "Groupe Héliade",
    "Altarys Conseil",
    "Banque Coopérative du Levant",
    "Nexora",
    "Assurances Mutuelles Orion",
    "Cabinet Vauban & Associés",
    "Transports Aubrac",
    "Éditions du Pont-Neuf",
    "Sogémap Industrie",
    "Datavia Services",
)
_REFURBISHERS = (
    "Atelier du Réemploi",
    "Reboot Solidaire",
    "Recyclerie Numérique du Rhône",
    "Ordi Seconde Vie",
    "Le Labo Circulaire",
)
_FOUNDATIONS = (
    "Fondation Horizon Jeunesse",
    "Fondation Lumière d'Avenir",
    "Fonds de dotation Passerelles",
)
_OPERATOR = "Horizon Mobile (opérateur)"


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
        dept = (
            rng.choice(_STOCK_DEPTS) if rng.random() < 0.8 else rng.choice(sorted(departements()))
        )
        return PARTNERS[0][0], dept
    name, zone_text, _, _ = rng.choice(PARTNERS[1:])
    return name, rng.choice(_zone_departements(zone_text))


def donation_rows(lots: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed + 1)
    rows: list[dict[str, Any]] = []
    for number in range(1, lots + 1):
        roll = rng.random()
        partner, dept = _shipping(rng, regional=rng.random() < 0.6)
        row: dict[str, Any] = {
            "id_don": f"D2020-{number:05d}",
            "departement": dept,
            "disponible_le": (
                START_DAY + dt.timedelta(days=rng.randint(-10, 45)) if rng.random() > 0.1 else None
            ),
        }
        if roll < 0.08:
            donor_type = rng.choice(("fondation", "entreprise", "particulier"))
            donor = (
                fictional_person(rng)[0]
                if donor_type == "particulier"
                else rng.choice(_FOUNDATIONS if donor_type == "fondation" else _COMPANIES)
            )
            row.update(
                donateur=donor,
                type_donateur=donor_type,
                departement=None,
                disponible_le=None,
                montant_eur=round(
                    rng.choice((50, 200, 1000, 5000, 20000)) * rng.uniform(0.5, 2), 2
                ),
            )
        elif roll < 0.13:
            row.update(
                donateur=_OPERATOR,
                type_donateur="entreprise",
                materiel="box_4g",
                quantite=rng.randint(20, 200),
                etat="neuf",
                partenaire=partner,
            )
        elif roll < 0.50:
            row.update(
                donateur=rng.choice(_COMPANIES),
                type_donateur="entreprise",
                materiel=rng.choice(("portable", "portable", "portable", "fixe", "tablette")),
                quantite=rng.randint(5, 120),
                etat=rng.choice(("neuf", "reconditionne")),
                partenaire=partner,
            )
        elif roll < 0.78:
            row.update(
                donateur=rng.choice(_REFURBISHERS),
                type_donateur="reconditionneur",
                materiel=rng.choice(("portable", "portable", "fixe")),
                quantite=rng.randint(5, 80),
                etat="reconditionne",
                partenaire=partner,
            )
        elif roll < 0.88:
            row.update(
                donateur=rng.choice((*_FOUNDATIONS, "Association Cœurs Connectés")),
                type_donateur=rng.choice(("fondation", "association")),
                materiel=rng.choice(("tablette", "portable")),
                quantite=rng.randint(10, 60),
                etat="neuf",
                partenaire=PARTNERS[0][0],
            )
        elif roll < 0.93:
            row.update(
                donateur=f"Conseil départemental {departements()[dept].name}",
                type_donateur="collectivite",
                materiel="tablette",
                quantite=rng.randint(10, 50),
                etat="neuf",
            )
        else:
            row.update(
                donateur=fictional_person(rng)[0],
                type_donateur="particulier",
                materiel=rng.choice(("portable", "tablette")),
                quantite=rng.randint(1, 3),
                etat="reconditionne",
            )
        rows.append(row)
    return rows


# The partners' capacities above suit the default sample (150 lots); a larger operation has
# proportionally larger partners, or nearly all its stock would wait for lack of transport.
DEFAULT_LOTS = 150


def partner_rows(lots: int = DEFAULT_LOTS) -> list[dict[str, Any]]:
    scale = max(1, round(lots / DEFAULT_LOTS))
    return [
        dict(zip(column_names(Kind.PARTNERS), (*p[:3], p[3] * scale), strict=True))
        for p in PARTNERS
    ]


def plant_donation_errors(rows: list[dict[str, Any]], seed: int) -> None:
    rng = random.Random(seed + 3)
    equipment = [i for i, r in enumerate(rows) if r.get("materiel")]
    picks = rng.sample(equipment, k=min(6, len(equipment)))
    mistakes: list[dict[str, Any]] = [
        {"materiel": "tablete"},
        {"quantite": 0},
        {"departement": None},
        {"partenaire": "Transports Martin"},
        {"disponible_le": "31/02/2020"},
        {"materiel": None, "quantite": None},
    ]
    for index, change in zip(picks, mistakes, strict=False):
        rows[index].update(change)
    if len(rows) > 2:
        rows.append(dict(rows[1]))  # the same lot typed twice
