"""The columns of each kind of file (SPEC §2), with their French and English aliases.

One table per kind of file: the needs and donations files coordinators keep, the partners
file, and the dispatch workbook a partner sends back. Header matching ignores case, accents,
spaces, punctuation and a trailing ``s`` (``textnorm.header_key``), so each alias below
stands for many spellings; ``schema`` looks headers up in these tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from .textnorm import header_key


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def header_keys(self) -> set[str]:
        return {header_key(self.name), *(header_key(a) for a in self.aliases)}


QUANTITY_COLUMNS = ("portables", "fixes", "tablettes", "box_4g")
# A web form's timestamp column: read as the request's date (``WEAK_HEADERS``).
_FORM_TIMESTAMPS = (
    "horodateur",
    "horodatage",
    "timestamp",
    "date de soumission",
    "submit date utc",
    "submitted at",
)

NEEDS = (
    Column(
        "id_structure",
        True,
        (
            "id",
            "identifiant structure",
            "identifiant",
            "finess",
            "numero finess",
            "n finess",
            "structure id",
            "code structure",
            "n de finess",
            "no finess",
            "finess number",
            "identifiant de la structure",
        ),
    ),
    Column(
        "nom_structure",
        True,
        (
            "nom",
            "nom de la structure",
            "structure",
            "etablissement",
            "structure name",
            "name",
            "nom de l etablissement",
            "nom etablissement",
            "nom structure",
            "nom de votre structure",
            "nom de votre etablissement",
            "establishment name",
            "organisation name",
        ),
    ),
    Column("type_structure", False, ("type", "type de structure", "categorie", "structure type")),
    Column(
        "departement",
        True,
        (
            "dept",
            "dep",
            "dpt",
            "department",
            "code departement",
            "n departement",
            "departement code",
        ),
    ),
    Column(
        "code_postal",
        False,
        (
            "cp",
            "code postal",
            "postal code",
            "postcode",
            "zip",
            "zip code",
            "code postal de livraison",
        ),
    ),
    Column("commune", False, ("ville", "city", "town", "localite", "ville de livraison")),
    Column(
        "adresse",
        False,
        ("address", "adresse postale", "adresse de livraison", "rue", "street", "delivery address"),
    ),
    Column(
        "contact_nom",
        False,
        (
            "contact",
            "nom du contact",
            "nom contact",
            "referent",
            "contact name",
            "nom du referent",
            "nom referent",
            "referent nom",
            "personne a contacter",
            "nom de la personne a contacter",
        ),
    ),
    Column(
        "contact_email",
        False,
        (
            "email",
            "e-mail",
            "mail",
            "courriel",
            "adresse mail",
            "adresse e-mail",
            "contact mail",
            "email du referent",
            "adresse electronique",
            "mail du referent",
            "email address",
        ),
    ),
    Column(
        "contact_telephone",
        False,
        (
            "telephone",
            "tel",
            "phone",
            "contact tel",
            "contact phone",
            "numero de telephone",
            "telephone du referent",
            "tel du referent",
            "phone number",
        ),
    ),
    Column(
        "nb_enfants",
        False,
        (
            "nombre d enfants",
            "nombre enfants",
            "enfants",
            "nb d enfants",
            "children",
            "number of children",
            "nombre d enfants accueillis",
            "enfants accueillis",
            "nb enfants accueillis",
        ),
    ),
    Column(
        "acces_internet",
        False,
        (
            "internet",
            "acces a internet",
            "connexion internet",
            "internet access",
            "acces internet",
            "les enfants ont ils acces a internet",
            "do the children have internet access",
        ),
    ),
    Column("priorite", False, ("priority", "urgence", "niveau d urgence", "niveau de priorite")),
    Column(
        "date_demande",
        False,
        (
            "date de la demande",
            "date de demande",
            "date",
            "request date",
            "requested on",
            *_FORM_TIMESTAMPS,
        ),
    ),
    Column(
        "portables", False, ("ordinateurs portables", "pc portables", "laptops", "nb portables")
    ),
    Column(
        "fixes", False, ("ordinateurs fixes", "pc fixes", "postes fixes", "desktops", "nb fixes")
    ),
    Column("tablettes", False, ("tablets", "nb tablettes")),
    Column(
        "box_4g",
        False,
        ("box 4g", "boxes 4g", "box", "routeurs 4g", "4g", "4g box", "4g boxes", "nb box 4g"),
    ),
)

DONATIONS = (
    Column(
        "id_don",
        True,
        (
            "id",
            "identifiant",
            "id lot",
            "lot",
            "numero de lot",
            "donation id",
            "lot id",
            "n lot",
            "n de lot",
            "no lot",
            "num lot",
            "numero lot",
            "reference du lot",
            "ref lot",
            "lot number",
        ),
    ),
    Column(
        "donateur",
        True,
        (
            "donor",
            "donneur",
            "nom du donateur",
            "entreprise",
            "donor name",
            "nom de l entreprise",
            "donateur nom",
        ),
    ),
    Column("type_donateur", False, ("type", "type de donateur", "donor type", "categorie")),
    Column(
        "materiel",
        False,
        ("equipement", "type de materiel", "equipment", "device", "device type", "article"),
    ),
    Column(
        "quantite",
        False,
        (
            "qte",
            "qty",
            "quantity",
            "nombre",
            "nb",
            "unites",
            "nombre d unites",
            "nb unites",
            "qte donnee",
            "quantite donnee",
            "number of units",
        ),
    ),
    Column("etat", False, ("condition", "state", "neuf ou reconditionne")),
    Column(
        "departement",
        False,
        (
            "dept",
            "dep",
            "dpt",
            "department",
            "departement de stockage",
            "code departement",
            "lieu de stockage",
        ),
    ),
    Column(
        "partenaire",
        False,
        ("partner", "logisticien", "partenaire logistique", "logistics partner", "transporteur"),
    ),
    Column(
        "adresse_retrait",
        False,
        ("adresse de retrait", "lieu de retrait", "pickup address", "collection address"),
    ),
    Column(
        "contact_retrait", False, ("contact de retrait", "pickup contact", "collection contact")
    ),
    Column(
        "disponible_le",
        False,
        (
            "disponible",
            "date de disponibilite",
            "disponibilite",
            "available",
            "available from",
            "available on",
        ),
    ),
    Column(
        "montant_eur",
        False,
        ("montant", "montant en euros", "don financier", "amount", "amount eur", "euros"),
    ),
)

PARTNERS = (
    Column(
        "partenaire",
        True,
        ("partner", "nom", "name", "logisticien", "nom du partenaire", "partner name"),
    ),
    Column(
        "zone",
        True,
        (
            "zones",
            "zone de livraison",
            "territoire",
            "area",
            "regions",
            "coverage",
            "zone d intervention",
            "zone couverte",
        ),
    ),
    Column("contact_email", False, ("email", "e-mail", "mail", "courriel")),
    Column("capacite", False, ("capacity", "capacite par envoi", "max", "maximum")),
)

# The dispatch workbook as a partner sends it back (SPEC §4), in French or English.
DELIVERIES = (
    Column("id_envoi", True, ("shipment id", "shipment", "envoi", "n envoi", "n d envoi")),
    Column("id_don", False, ("lot id", "donation id", "lot")),
    Column("donateur", False, ("donor",)),
    Column("materiel", False, ("equipment", "device")),
    Column(
        "quantite", True, ("quantity", "qty", "quantite expediee", "shipped", "qte", "qte expediee")
    ),
    Column("id_structure", False, ("structure id", "n de structure")),
    Column("nom_structure", False, ("structure name", "structure")),
    Column("adresse", False, ("address",)),
    Column("code_postal", False, ("postal code", "cp")),
    Column("commune", False, ("town", "city")),
    Column("departement", False, ("department", "dept")),
    Column("contact_nom", False, ("contact name", "contact")),
    Column("contact_telephone", False, ("contact phone", "telephone", "phone")),
    Column("contact_email", False, ("contact email", "email")),
    Column("livre_le", True, ("delivered on", "date de livraison", "livraison", "delivery date")),
    Column(
        "quantite_livree",
        False,
        ("delivered quantity", "quantity delivered", "qte livree", "delivered"),
    ),
    Column("commentaire", False, ("comment", "comments", "remarque", "notes")),
    # a line closed short: perdu / hors service, the units not delivered are written off
    Column(
        "ecart",
        False,
        ("gap", "shortfall", "motif ecart", "motif de l ecart", "ecart constate", "lost or broken"),
    ),
    Column("partenaire", False, ("partner",)),
    Column("tour", False, ("round",)),
    Column("distance_km", False, ("distance",)),
    Column("motif", False, ("reason",)),
    # where the partner collects the lot: shown in its workbook, read back and ignored
    Column("etat", False, ("condition",)),
    Column("adresse_retrait", False, ("adresse de retrait", "pickup address")),
    Column("contact_retrait", False, ("pickup contact",)),
)


# Headers that stand for a column only for want of a better one: a web form's timestamp is
# the request's date unless the sheet also has a column that says so ("Date de la demande").
WEAK_HEADERS = frozenset(_FORM_TIMESTAMPS)
