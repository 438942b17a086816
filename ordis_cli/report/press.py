"""The pieces of the press texts, right in every week of the operation and in both languages:
headlines that speak of what is on its way before anything is delivered, numbers agreeing with
their nouns, régions with their article, donor types in plain words, the dateline, the
logistics partners (organisations only) with what each delivered, and the press contact.

The sentences around these pieces are in the templates (``communique.md.j2``…)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..messages import Lang
from ..messages.counting import counted, is_singular, number
from .figures import PRIVATE_SHIPPER, Details, Figures, press_round
from .words import MONTHS_EN, MONTHS_FR

# How each of the 18 régions is introduced in French: "en Bretagne", "dans le Grand Est"…
REGION_IN_FR: dict[str, str] = {
    "Auvergne-Rhône-Alpes": "en",
    "Bourgogne-Franche-Comté": "en",
    "Bretagne": "en",
    "Centre-Val de Loire": "en",
    "Corse": "en",
    "Grand Est": "dans le",
    "Hauts-de-France": "dans les",
    "Île-de-France": "en",
    "Normandie": "en",
    "Nouvelle-Aquitaine": "en",
    "Occitanie": "en",
    "Pays de la Loire": "dans les",
    "Provence-Alpes-Côte d'Azur": "en",
    "Guadeloupe": "en",
    "Martinique": "en",
    "Guyane": "en",
    "La Réunion": "à",
    "Mayotte": "à",
}

# (French singular, French plural, English singular, English plural)
DEVICE_NOUNS: dict[str, tuple[str, str, str, str]] = {
    "portable": ("ordinateur portable", "ordinateurs portables", "laptop", "laptops"),
    "fixe": ("ordinateur fixe", "ordinateurs fixes", "desktop computer", "desktop computers"),
    "tablette": ("tablette", "tablettes", "tablet", "tablets"),
    "box_4g": ("box 4G", "box 4G", "4G box", "4G boxes"),
}

# Donor types as a press text names them (plural, lowercase), in the order they are thanked.
DONOR_TYPES: dict[str, tuple[str, str]] = {
    "entreprise": ("entreprises", "companies"),
    "fondation": ("fondations", "foundations"),
    "association": ("associations", "charities"),
    "reconditionneur": ("reconditionneurs solidaires", "computer refurbishers"),
    "collectivite": ("collectivités locales", "local authorities"),
    "etat": ("services de l'État", "government services"),
}

PARTNERS_NAMED = 6  # the press text names this many partners, then "and n others"


def in_region(region: str, lang: Lang) -> str:
    """A région with its article: "en Île-de-France", "dans les Hauts-de-France",
    "à La Réunion"; "in …" in English."""
    if lang == "en":
        return f"in {region}"
    return f"{REGION_IN_FR.get(region, 'en')} {region}"


def join(items: Sequence[str], lang: Lang) -> str:
    """Items joined: "a, b et c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" et " if lang == "fr" else " and ") + items[-1]


def count(value: int, lang: Lang, fr: tuple[str, str], en: tuple[str, str]) -> str:
    return counted(value, lang, fr, en)


def counted_forms(value: int, forms: str, lang: Lang) -> str:
    """``value`` with a word kept as "singular|plural": "1 donateur particulier"."""
    singular, many = forms.split("|")
    return counted(value, lang, (singular, many), (singular, many))


def word(value: int | str, forms: str, lang: Lang) -> str:
    """The form of a word kept as "singular|plural" that agrees with ``value``."""
    singular, many = forms.split("|")
    return many if plural(value, lang) else singular


def devices(value: int, lang: Lang, fr: str = "équipement", en: str = "device") -> str:
    """Counted devices: "1 équipement", "2 équipements", "1,983 devices"."""
    return counted(value, lang, (fr, fr + "s"), (en, en + "s"))


def plural(value: int | str, lang: Lang) -> bool:
    """Whether a count (or "< 3") takes the plural."""
    return isinstance(value, str) or not is_singular(value, lang)


def structures(value: int | str, lang: Lang) -> str:
    """Counted structures: "1 structure", "moins de 3 structures", "283 homes"."""
    if isinstance(value, str):  # "< 3" said in words in a sentence
        shown = ("moins de " if lang == "fr" else "fewer than ") + value.lstrip("< ")
    else:
        shown = number(value, lang)
    word = ("structures" if plural(value, lang) else "structure") if lang == "fr" else None
    if word is None:
        word = "homes" if plural(value, lang) else "home"
    return f"{shown} {word}"


def by_device(units: dict[str, int], lang: Lang) -> str:
    """Units by type, the types with units only: "1 967 ordinateurs portables, 240
    ordinateurs fixes et 1 tablette"."""
    parts = []
    for device, value in units.items():
        if value:
            fr_one, fr_many, en_one, en_many = DEVICE_NOUNS[device]
            parts.append(counted(value, lang, (fr_one, fr_many), (en_one, en_many)))
    return join(parts, lang)


def date_text(day: dt.date, lang: Lang) -> str:
    if lang == "fr":
        return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def dateline(day: dt.date, city: str | None, lang: Lang) -> str:
    """The dateline: "Paris, le 15 mai 2020 —" / "Paris, 15 May 2020 —"; the date alone
    without a city."""
    when = date_text(day, lang)
    if not city:
        return f"{when[0].upper()}{when[1:]} —" if lang == "en" else f"Le {when} —"
    return f"{city}, le {when} —" if lang == "fr" else f"{city}, {when} —"


def headline(figures: Figures, lang: Lang) -> str:
    """The press headline. Computers delivered when there are some, else every device
    delivered; before any delivery, what is on its way; before any dispatch, the start."""
    delivered = sum(figures.delivered.values())
    computers = figures.delivered["portable"] + figures.delivered["fixe"]
    dispatched = sum(figures.dispatched.values())
    if delivered:
        value = computers or delivered
        rounded = press_round(value, lang)
        many = rounded != str(value) or not is_singular(value, lang)
        if lang == "fr":
            noun = ("ordinateur", "ordinateurs") if computers else ("équipement", "équipements")
            verb = "livrés" if many else "livré"
            text = f"{rounded} {noun[many]} {verb} aux enfants de l'Aide sociale à l'enfance"
        else:
            noun = ("computer", "computers") if computers else ("device", "devices")
            text = f"{rounded} {noun[many]} delivered to children in care"
    elif dispatched:
        rounded = press_round(dispatched, lang)
        many = rounded != str(dispatched) or not is_singular(dispatched, lang)
        if lang == "fr":
            word = "équipements" if many else "équipement"
            text = f"{rounded} {word} en route vers les enfants de l'Aide sociale à l'enfance"
        else:
            word = "devices" if many else "device"
            text = f"{rounded} {word} on {'their' if many else 'its'} way to children in care"
    else:
        text = (
            "Des ordinateurs pour les enfants de l'Aide sociale à l'enfance : l'opération "
            "se prépare"
            if lang == "fr"
            else "Computers for children in care: the operation is getting ready"
        )
    return text[0].upper() + text[1:]


def team_headline(figures: Figures, lang: Lang) -> str:
    """The report's bold first line: delivered to how many structures, or what is on its way."""
    delivered = sum(figures.delivered.values())
    dispatched = sum(figures.dispatched.values())
    if delivered:
        done = devices(delivered, lang)
        done += " livrés" if lang == "fr" and plural(delivered, lang) else ""
        done += " livré" if lang == "fr" and not plural(delivered, lang) else ""
        done += " delivered" if lang == "en" else ""
        where = structures(figures.structures_equipped, lang)
        return f"{done} à {where} de l'ASE" if lang == "fr" else f"{done} to {where} in care"
    if dispatched:
        on_way = devices(dispatched, lang)
        if lang == "fr":
            return f"{on_way} en route, aucune livraison confirmée pour l'instant"
        return (
            f"{on_way} on their way, no delivery confirmed yet"
            if dispatched != 1
            else (f"{on_way} on its way, no delivery confirmed yet")
        )
    return "Aucun envoi pour l'instant" if lang == "fr" else "Nothing dispatched yet"


def top_regions(figures: Figures, lang: Lang, key: str = "delivered") -> list[tuple[str, int]]:
    """The three régions with the most devices delivered (or dispatched), most first."""
    totals = [(name, sum(getattr(row, key).values())) for name, row in figures.by_region.items()]
    return sorted(((n, v) for n, v in totals if v), key=lambda item: (-item[1], item[0]))[:3]


def partners(details: Details, key: str) -> list[tuple[str, int]]:
    """Logistics partners (organisations only: donors who are people shipping their own lot
    are never named) with their units ``delivered`` or ``pending``, most first."""
    named = [
        (name, progress.get(key, 0))
        for name, progress in details.partner_progress.items()
        if name != PRIVATE_SHIPPER and progress.get(key, 0)
    ]
    return sorted(named, key=lambda item: (-item[1], item[0]))


def partner_list(details: Details, key: str, lang: Lang) -> str:
    """Partners and units: "Outre-mer Connect (412 équipements), Logi Nord (300)… et 3
    autres partenaires"."""
    rows = partners(details, key)
    shown = [
        f"{name} ({devices(units, lang) if index == 0 else number(units, lang)})"
        for index, (name, units) in enumerate(rows[:PARTNERS_NAMED])
    ]
    rest = len(rows) - PARTNERS_NAMED
    if rest > 0:
        shown.append(
            count(
                rest,
                lang,
                ("autre partenaire", "autres partenaires"),
                ("other partner", "other partners"),
            )
        )
    return join(shown, lang)


def donor_kinds(details: Details, lang: Lang) -> str:
    """The organisation donor types that gave, in plain words: "entreprises, fondations et
    collectivités locales"."""
    index = 0 if lang == "fr" else 1
    kinds = [
        words[index]
        for kind, words in DONOR_TYPES.items()
        if sum(details.by_donor_type.get(kind, {}).values())
    ]
    return join(kinds, lang)


def contact(coordination: Any, lang: Lang) -> str:
    """The contact line: "Contact presse : nom, email, téléphone", or "" when the policy
    gives none."""
    if coordination is None:
        return ""
    parts = [
        str(value).strip()
        for value in (
            getattr(coordination, "nom", None),
            getattr(coordination, "email", None),
            getattr(coordination, "telephone", None),
        )
        if value and str(value).strip()
    ]
    if not parts:
        return ""
    return ("Contact presse : " if lang == "fr" else "Press contact: ") + " — ".join(parts)
