"""Normalisers for cells that hold one of a closed list of words.

Yes or no (``boolean``), and the ``Choice`` lists: priority, type of structure, type of
donor, equipment and its state. Each value has French and English aliases, matched after
``textnorm.alias_key`` (case, accents and punctuation ignored); an unknown value gets the
closest known one as a suggestion. Like every normaliser (``values``) each returns
``(clean, fault)`` and is pure.
"""

from __future__ import annotations

from typing import Any

from ..models import DeviceType
from ..textnorm import alias_key, close_matches
from .cell_text import Fault, is_empty, text

# each answer as ``alias_key`` folds it (« sans » is « san » there)
_BOOLEANS = {
    alias_key(answer): value
    for answer, value in {
        "oui": True,
        "o": True,
        "yes": True,
        "y": True,
        "1": True,
        "x": True,
        "vrai": True,
        "true": True,
        "non": False,
        "n": False,
        "no": False,
        "0": False,
        "faux": False,
        "false": False,
        "aucun": False,
        "sans": False,
    }.items()
}


def boolean(raw: Any) -> tuple[bool | None, Fault]:
    if is_empty(raw):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    key = alias_key(text(raw) or "")
    if key in _BOOLEANS:
        return _BOOLEANS[key], None
    return None, ("bad-boolean", {})


# words that turn a value into its opposite (folded, as ``alias_key`` gives them)
_NEGATIONS = frozenset({"non", "not", "pas", "peu", "no", "san", "moin", "aucun", "aucune"})


class Choice:
    """A closed list of values, each with aliases; unknown values get a suggestion."""

    def __init__(self, fault: str, aliases: dict[str, tuple[str, ...]]) -> None:
        self.fault = fault
        self._keys: dict[str, str] = {}
        for value, names in aliases.items():
            for name in (value, *names):
                self._keys[alias_key(name)] = value

    def __call__(self, raw: Any) -> tuple[str | None, Fault]:
        if is_empty(raw):
            return None, None
        key = alias_key(text(raw) or "")
        if key in self._keys:
            return self._keys[key], None
        # « non urgent » is close to « urgent » but means the opposite: no suggestion then
        negated = not _NEGATIONS.isdisjoint(key.split())
        close = [] if negated else close_matches(key, self._keys, n=1, cutoff=0.7)
        fields = {"suggestion": self._keys[close[0]]} if close else {}
        return None, (self.fault, fields)


priority = Choice(
    "bad-priority",
    {
        "urgente": ("urgent", "tres urgent", "tres urgente", "prioritaire", "p1", "1"),
        "haute": ("high", "elevee", "haut", "importante", "p2", "2"),
        "normale": ("normal", "standard", "basse", "low", "moyenne", "p3", "3"),
    },
)

structure_type = Choice(
    "unknown-structure-type",
    {
        "MECS": (
            "maison d enfants a caractere social",
            "maison d enfant",
            "mecs",
            "children s home",
            "childrens home",
        ),
        "foyer de l'enfance": (
            "foyer",
            "foyer departemental de l enfance",
            "fde",
            "cde",
            "centre departemental de l enfance",
            "emergency shelter",
            "shelter",
        ),
        "lieu de vie": ("lieu de vie et d accueil", "lva", "lvs", "small care home"),
        "placement familial": (
            "assistant familial",
            "assistante familiale",
            "famille d accueil",
            "service de placement familial",
            "spf",
            "foster care",
            "foster family",
        ),
        "pouponnière": ("pouponniere", "nursery", "infant home"),
        "autre": ("other", "autres", "divers"),
    },
)

donor_type = Choice(
    "unknown-donor-type",
    {
        "entreprise": (
            "societe",
            "ste",
            "company",
            "business",
            "firm",
            "corporate",
            "sa",
            "sas",
            "sasu",
            "sarl",
            "eurl",
            "pme",
            "tpe",
            "eti",
            "groupe",
            "grand groupe",
            "entreprise privee",
            "mecenat d entreprise",
        ),
        "fondation": (
            "foundation",
            "fonds de dotation",
            "fondation d entreprise",
            "endowment fund",
            "fonds",
        ),
        "association": (
            "asso",
            "assoc",
            "association loi 1901",
            "ong",
            "ngo",
            "charity",
            "non profit",
            "nonprofit",
            "organisme caritatif",
            "club service",
        ),
        "particulier": (
            "particuliere",
            "un particulier",
            "une particuliere",
            "particulier prive",
            "personne physique",
            "personne privee",
            "personne",
            "individuel",
            "individuelle",
            "individu",
            "indiv",
            "individual",
            "private",
            "private individual",
            "private person",
            "private donor",
            "person",
            "prive",
            "privee",
            "donateur prive",
            "donatrice privee",
            "donateur particulier",
            "donatrice particuliere",
            "don de particulier",
            "don particulier",
            "citoyen",
            "citoyenne",
            "benevole",
        ),
        "reconditionneur": (
            "reconditionneur solidaire",
            "refurbisher",
            "atelier",
            "reconditionnement",
            "recycleur",
            "ressourcerie",
            "recyclerie",
            "atelier de reconditionnement",
        ),
        "collectivite": (
            "collectivite territoriale",
            "collectivite locale",
            "mairie",
            "commune",
            "ville",
            "departement",
            "region",
            "conseil departemental",
            "conseil general",
            "conseil regional",
            "metropole",
            "agglomeration",
            "communaute de commune",
            "intercommunalite",
            "local authority",
            "municipality",
            "council",
        ),
        "etat": (
            "ministere",
            "administration",
            "government",
            "state",
            "prefecture",
            "service de l etat",
            "etat francais",
        ),
    },
)

material = Choice(
    "unknown-material",
    {
        DeviceType.LAPTOP.value: (
            "ordinateur portable",
            "pc portable",
            "laptop",
            "notebook",
            "portable",
            "ultraportable",
            "chromebook",
            "macbook",
        ),
        DeviceType.DESKTOP.value: (
            "ordinateur fixe",
            "pc fixe",
            "poste fixe",
            "desktop",
            "unite centrale",
            "tour",
            "ordinateur de bureau",
            "pc de bureau",
        ),
        DeviceType.TABLET.value: ("tablet", "ipad", "tablette tactile", "tablette numerique"),
        DeviceType.BOX_4G.value: (
            "box",
            "box 4g",
            "routeur 4g",
            "cle 4g",
            "modem 4g",
            "4g",
            "hotspot",
            "hotspot 4g",
            "routeur",
            "clef 4g",
            "4g box",
            "4g router",
            "dongle 4g",
        ),
    },
)

state = Choice(
    "unknown-state",
    {
        "neuf": ("new", "neuve", "neufs"),
        "reconditionne": ("reconditionnee", "refurbished", "occasion", "used", "remis a neuf"),
    },
)
