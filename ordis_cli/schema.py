"""The columns of each kind of file (SPEC §2), with their French and English aliases.

Header matching ignores case, accents, spaces, punctuation and a trailing ``s``
(``textnorm.header_key``), so each alias below stands for many spellings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .models import Kind
from .textnorm import alias_key, header_key


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {header_key(self.name), *(header_key(a) for a in self.aliases)}


QUANTITY_COLUMNS = ("portables", "fixes", "tablettes", "box_4g")

NEEDS = (
    Column("id_structure", True, ("id", "identifiant structure", "identifiant", "finess",
                                  "numero finess", "n finess", "structure id", "code structure")),
    Column("nom_structure", True, ("nom", "nom de la structure", "structure", "etablissement",
                                   "structure name", "name")),
    Column("type_structure", False, ("type", "type de structure", "categorie", "structure type")),
    Column("departement", True, ("dept", "dep", "dpt", "department", "code departement",
                                 "n departement", "departement code")),
    Column("code_postal", False, ("cp", "code postal", "postal code", "postcode", "zip",
                                  "zip code")),
    Column("commune", False, ("ville", "city", "town", "localite")),
    Column("adresse", False, ("address", "adresse postale", "adresse de livraison", "rue",
                              "street", "delivery address")),
    Column("contact_nom", False, ("contact", "nom du contact", "nom contact", "referent",
                                  "contact name")),
    Column("contact_email", False, ("email", "e-mail", "mail", "courriel", "adresse mail",
                                    "adresse e-mail", "contact mail")),
    Column("contact_telephone", False, ("telephone", "tel", "phone", "contact tel",
                                        "contact phone", "numero de telephone")),
    Column("nb_enfants", False, ("nombre d enfants", "nombre enfants", "enfants",
                                 "nb d enfants", "children", "number of children")),
    Column("acces_internet", False, ("internet", "acces a internet", "connexion internet",
                                     "internet access")),
    Column("priorite", False, ("priority", "urgence")),
    Column("date_demande", False, ("date de la demande", "date de demande", "date",
                                   "request date", "requested on")),
    Column("portables", False, ("ordinateurs portables", "pc portables", "laptops",
                                "nb portables")),
    Column("fixes", False, ("ordinateurs fixes", "pc fixes", "postes fixes", "desktops",
                            "nb fixes")),
    Column("tablettes", False, ("tablets", "nb tablettes")),
    Column("box_4g", False, ("box 4g", "boxes 4g", "box", "routeurs 4g", "4g", "4g box",
                             "4g boxes", "nb box 4g")),
)

DONATIONS = (
    Column("id_don", True, ("id", "identifiant", "id lot", "lot", "numero de lot", "donation id",
                            "lot id")),
    Column("donateur", True, ("donor", "donneur", "nom du donateur", "entreprise", "donor name")),
    Column("type_donateur", False, ("type", "type de donateur", "donor type", "categorie")),
    Column("materiel", False, ("equipement", "type de materiel", "equipment", "device",
                               "device type", "article")),
    Column("quantite", False, ("qte", "qty", "quantity", "nombre", "nb", "unites")),
    Column("etat", False, ("condition", "state", "neuf ou reconditionne")),
    Column("departement", False, ("dept", "dep", "dpt", "department", "departement de stockage",
                                  "code departement", "lieu de stockage")),
    Column("partenaire", False, ("partner", "logisticien", "partenaire logistique",
                                 "logistics partner", "transporteur")),
    Column("disponible_le", False, ("disponible", "date de disponibilite", "disponibilite",
                                    "available", "available from", "available on")),
    Column("montant_eur", False, ("montant", "montant en euros", "don financier", "amount",
                                  "amount eur", "euros")),
)

PARTNERS = (
    Column("partenaire", True, ("partner", "nom", "name", "logisticien")),
    Column("zone", True, ("zones", "zone de livraison", "territoire", "area", "regions",
                          "coverage")),
    Column("contact_email", False, ("email", "e-mail", "mail", "courriel")),
    Column("capacite", False, ("capacity", "capacite par envoi", "max", "maximum")),
)

# The dispatch workbook as a partner sends it back (SPEC §4), in French or English.
DELIVERIES = (
    Column("id_envoi", True, ("shipment id", "shipment", "envoi", "n envoi")),
    Column("id_don", False, ("lot id", "donation id")),
    Column("donateur", False, ("donor",)),
    Column("materiel", False, ("equipment", "device")),
    Column("quantite", True, ("quantity", "qty", "quantite expediee", "shipped")),
    Column("id_structure", False, ("structure id",)),
    Column("nom_structure", False, ("structure name", "structure")),
    Column("adresse", False, ("address",)),
    Column("code_postal", False, ("postal code", "cp")),
    Column("commune", False, ("town", "city")),
    Column("departement", False, ("department", "dept")),
    Column("contact_nom", False, ("contact name", "contact")),
    Column("contact_telephone", False, ("contact phone", "telephone", "phone")),
    Column("contact_email", False, ("contact email", "email")),
    Column("livre_le", True, ("delivered on", "date de livraison", "livraison", "delivery date")),
    Column("quantite_livree", False, ("delivered quantity", "quantity delivered",
                                      "qte livree", "delivered")),
    Column("commentaire", False, ("comment", "comments", "remarque", "notes")),
    Column("partenaire", False, ("partner",)),
    Column("tour", False, ("round",)),
    Column("distance_km", False, ("distance",)),
    Column("motif", False, ("reason",)),
)

SCHEMAS: dict[Kind, tuple[Column, ...]] = {
    Kind.NEEDS: NEEDS,
    Kind.DONATIONS: DONATIONS,
    Kind.PARTNERS: PARTNERS,
    Kind.DELIVERIES: DELIVERIES,
}


@cache
def key_map(kind: Kind) -> dict[str, str]:
    """Header key -> canonical column name, for one kind."""
    mapping: dict[str, str] = {}
    for column in SCHEMAS[kind]:
        for key in column.header_keys():
            mapping.setdefault(key, column.name)
    return mapping


def required(kind: Kind) -> tuple[str, ...]:
    return tuple(c.name for c in SCHEMAS[kind] if c.required)


def aliases_text(kind: Kind, name: str) -> str:
    column = next(c for c in SCHEMAS[kind] if c.name == name)
    return ", ".join((column.name, *column.aliases[:4]))


def column_for(kind: Kind, text: str) -> str | None:
    """The column a header stands for in a file of ``kind``: its aliases first, then, in a
    needs file, a device named with words of quantity ("Qté portables", "Nb PC portables",
    "Tablettes (nombre)", "Nombre d'ordinateurs portables souhaités")."""
    found = key_map(kind).get(header_key(text))
    if found is None and kind is Kind.NEEDS:
        return _device_phrase(text)
    return found


# Words that only say "how many" of a device, dropped before the device is looked up.
_FILLERS = frozenset({
    "nb", "nbr", "nbre", "nombre", "qte", "qt", "quantite", "quantity", "qty", "number",
    "count", "combien", "of", "de", "d", "des", "du", "en", "souhaite", "demande",
    "requested", "wanted", "needed", "besoin", "need", "a", "livrer", "x",
})
_QUANTITY_WORDS = frozenset({"nb", "nbr", "nbre", "nombre", "qte", "qt", "quantite", "quantity",
                             "qty", "number", "count", "combien"})
# Words that make a header about a device something other than a number of it.
_NOT_QUANTITY = frozenset({
    "commentaire", "comment", "remarque", "note", "observation", "precision", "detail",
    "description", "modele", "model", "marque", "brand", "serie", "serial", "etat",
    "condition", "state", "date", "adresse", "address", "type", "usage", "motif", "raison",
    "reason", "systeme", "os", "logiciel", "software", "telephone", "tel", "phone", "mail",
    "email", "contact", "acces", "internet", "connexion", "wifi", "prix", "price", "cout",
    "montant", "valeur", "value", "age", "annee", "year", "id", "identifiant", "reference",
})
_DEVICES: dict[str, tuple[str, ...]] = {
    "portables": ("portable", "pc portable", "ordinateur portable", "ordi portable", "laptop",
                  "notebook", "portable pc"),
    "fixes": ("fixe", "pc fixe", "ordinateur fixe", "ordi fixe", "poste fixe", "desktop",
              "tour", "pc de bureau", "ordinateur de bureau", "unite centrale"),
    "tablettes": ("tablette", "tablet", "ipad", "tablette tactile"),
    "box_4g": ("box 4g", "box", "routeur 4g", "routeur", "cle 4g", "4g", "modem 4g", "4g box",
               "box internet 4g", "4g router", "router 4g"),
}
# A word naming a device, and the columns it points to (a computer may be either kind,
# unless another word says which).
_COMPUTER = ("ordinateur", "ordi", "pc", "computer")
_DEVICE_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("portable", "laptop", "notebook"), ("portables",)),
    **dict.fromkeys(("fixe", "desktop", "tour", "bureau"), ("fixes",)),
    **dict.fromkeys(("tablette", "tablet", "ipad"), ("tablettes",)),
    **dict.fromkeys(("box", "4g", "routeur", "router", "modem", "dongle", "hotspot"),
                    ("box_4g",)),
    **dict.fromkeys(_COMPUTER, ("portables", "fixes")),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in alias_key(text).split() if w not in _FILLERS)


_PHRASES = {_words(phrase): column for column, phrases in _DEVICES.items()
            for phrase in phrases}


@cache
def _device_phrase(text: str) -> str | None:
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
    if not guessed or (_NOT_QUANTITY.intersection(words)
                       and not _QUANTITY_WORDS.intersection(words)):
        return (), False
    return tuple(c for c in QUANTITY_COLUMNS if c in guessed), len(specific) > 1
