"""Headers of a needs file that name a device in words of their own (SPEC §2).

A coordinator's sheet often counts devices under headers no alias foresees: "Qté portables",
"Nb PC portables", "Tablettes (nombre)". ``device_column`` reads such a header as the one
quantity column it names; ``quantity_guess`` says which quantity columns an unrecognised
header probably means, for the suggestion in a message. Both drop the words that only say
"how many" and leave alone a header about something else than a number of devices (a
comment, a model, a date...).
"""

from __future__ import annotations

from functools import cache

from .file_columns import QUANTITY_COLUMNS
from .textnorm import alias_key

# Words that say "how many" of a device.
_QUANTITY_WORDS = frozenset(
    {
        "nb",
        "nbr",
        "nbre",
        "nombre",
        "qte",
        "qt",
        "quantite",
        "quantity",
        "qty",
        "number",
        "count",
        "combien",
    }
)
# Words dropped before the device is looked up: those that say "how many", and the other
# words a header or a form's question wraps a device in.
_FILLERS = _QUANTITY_WORDS | frozenset(
    {
        "of",
        "de",
        "d",
        "des",
        "du",
        "en",
        "souhaite",
        "demande",
        "requested",
        "wanted",
        "needed",
        "besoin",
        "need",
        "a",
        "livrer",
        "x",
        # the words of a form's question: "Nombre de tablettes souhaitées", "Combien
        # d'ordinateurs portables vous faudrait-il ?", "Number of 4G boxes requested"
        "souhaitee",
        "demandee",
        "souhaitez",
        "vou",
        "il",
        "faudrait",
        "faut",
        "votre",
        "structure",
        "pour",
        "enfant",
        "how",
        "many",
        "do",
        "you",
        "want",
        "would",
        "like",
        "the",
        "for",
        "your",
        "children",
    }
)
# Words that make a header about a device something other than a number of it.
_NOT_QUANTITY = frozenset(
    alias_key(word)  # « accès » is « acce » there
    for word in {
        "commentaire",
        "comment",
        "remarque",
        "note",
        "observation",
        "precision",
        "detail",
        "description",
        "modele",
        "model",
        "marque",
        "brand",
        "serie",
        "serial",
        "etat",
        "condition",
        "state",
        "date",
        "adresse",
        "address",
        "type",
        "usage",
        "motif",
        "raison",
        "reason",
        "systeme",
        "os",
        "logiciel",
        "software",
        "telephone",
        "tel",
        "phone",
        "mail",
        "email",
        "contact",
        "acces",
        "internet",
        "connexion",
        "wifi",
        "prix",
        "price",
        "cout",
        "montant",
        "valeur",
        "value",
        "age",
        "annee",
        "year",
        "id",
        "identifiant",
        "reference",
    }
)
_DEVICES: dict[str, tuple[str, ...]] = {
    "portables": (
        "portable",
        "pc portable",
        "ordinateur portable",
        "ordi portable",
        "laptop",
        "notebook",
        "portable pc",
    ),
    "fixes": (
        "fixe",
        "pc fixe",
        "ordinateur fixe",
        "ordi fixe",
        "poste fixe",
        "desktop",
        "tour",
        "pc de bureau",
        "ordinateur de bureau",
        "unite centrale",
    ),
    "tablettes": ("tablette", "tablet", "ipad", "tablette tactile"),
    "box_4g": (
        "box 4g",
        "box",
        "routeur 4g",
        "routeur",
        "cle 4g",
        "4g",
        "modem 4g",
        "4g box",
        "box internet 4g",
        "4g router",
        "router 4g",
        "4g boxe",
        "boxe 4g",
    ),
}
# A word naming a device, and the columns it points to (a computer may be either kind,
# unless another word says which).
_COMPUTER = ("ordinateur", "ordi", "pc", "computer")
_DEVICE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("portable", "laptop", "notebook"), ("portables",)),
    **dict.fromkeys(("fixe", "desktop", "tour", "bureau"), ("fixes",)),
    **dict.fromkeys(("tablette", "tablet", "ipad"), ("tablettes",)),
    **dict.fromkeys(("box", "4g", "routeur", "router", "modem", "dongle", "hotspot"), ("box_4g",)),
    **dict.fromkeys(_COMPUTER, ("portables", "fixes")),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in alias_key(text).split() if w not in _FILLERS)


_PHRASES = {_words(phrase): column for column, phrases in _DEVICES.items() for phrase in phrases}


@cache
def device_column(text: str) -> str | None:
    return _PHRASES.get(_words(text))


@cache
def quantity_guess(text: str) -> tuple[tuple[str, ...], bool]:
    """The quantity columns an unrecognised header probably means, when it names a device
    and nothing says it is about something else than a number of them (a comment, a model,
    a date...), and whether it names several devices (``True``) rather than a computer
    that may be either kind; ``((), False)`` otherwise."""
    words = alias_key(text).split()
    specific = {c for w in words if w not in _COMPUTER for c in _DEVICE_WORDS.get(w, ())}
    guessed = specific or {c for w in words for c in _DEVICE_WORDS.get(w, ())}
    if not guessed or (
        _NOT_QUANTITY.intersection(words) and not _QUANTITY_WORDS.intersection(words)
    ):
        return (), False
    return tuple(c for c in QUANTITY_COLUMNS if c in guessed), len(specific) > 1
