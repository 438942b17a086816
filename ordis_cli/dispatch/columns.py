"""Column headers of the workbooks ordis writes, in French (the contract) and English."""

from __future__ import annotations

from ..messages import Lang

DISPATCH = (
    "id_envoi",
    "id_don",
    "donateur",
    "materiel",
    "quantite",
    "id_structure",
    "nom_structure",
    "adresse",
    "code_postal",
    "commune",
    "departement",
    "contact_nom",
    "contact_telephone",
    "contact_email",
    "livre_le",
    "quantite_livree",
    "ecart",
    "commentaire",
)
# The four columns a partner fills in, and what ``ecart`` may say (SPEC §4, §5).
TO_FILL = ("livre_le", "quantite_livree", "ecart", "commentaire")
GAP_VALUES: dict[str, tuple[str, str]] = {
    "perdu": ("perdu", "lost"),
    "hors service": ("hors service", "out of order"),
}
# Where and how a partner collects the lot (SPEC §4): shown after the lot in its workbook,
# not part of the contract columns.
PICKUP = ("etat", "adresse_retrait", "contact_retrait")
PARTNER = DISPATCH[:5] + PICKUP + DISPATCH[5:]
ALLOCATION_EXTRA = ("partenaire", "tour", "distance_km", "motif")
UNMET = ("id_structure", "nom_structure", "departement", "materiel", "quantite", "raison")
LEFTOVER = (
    "id_don",
    "donateur",
    "departement",
    "materiel",
    "quantite",
    "partenaire",
    "disponible_le",
)
# How to reach a structure served: the last columns of its row on the sheet ``structures``.
STRUCTURE_CONTACT = (
    "contact_nom",
    "contact_telephone",
    "contact_email",
    "adresse",
    "code_postal",
    "commune",
)
STRUCTURES = (
    "id_structure",
    "nom_structure",
    "departement",
    "portable",
    "fixe",
    "tablette",
    "box_4g",
    "total",
    "partenaires",
    *STRUCTURE_CONTACT,
)
TOTALS = ("region", "portable", "fixe", "tablette", "box_4g", "total_alloue", "non_couvert")
# SPEC §4 fairness by level and région: structures requesting, served, the lowest and the
# median share of its request a structure got (0–1), units per child
FAIRNESS = (
    "priorite",
    "region",
    "structures_demandeuses",
    "structures_servies",
    "part_minimale",
    "part_mediane",
    "unites_par_enfant",
)

_ENGLISH = {
    "id_envoi": "shipment_id",
    "id_don": "lot_id",
    "donateur": "donor",
    "materiel": "equipment",
    "quantite": "quantity",
    "id_structure": "structure_id",
    "nom_structure": "structure_name",
    "adresse": "address",
    "code_postal": "postal_code",
    "commune": "town",
    "departement": "department",
    "contact_nom": "contact_name",
    "contact_telephone": "contact_phone",
    "contact_email": "contact_email",
    "livre_le": "delivered_on",
    "quantite_livree": "delivered_quantity",
    "commentaire": "comment",
    "partenaire": "partner",
    "tour": "round",
    "distance_km": "distance_km",
    "motif": "reason",
    "raison": "reason",
    "region": "region",
    "total_alloue": "total_allocated",
    "non_couvert": "unmet",
    "ecart": "gap",
    "etat": "condition",
    "adresse_retrait": "pickup_address",
    "contact_retrait": "pickup_contact",
    "disponible_le": "available_on",
    "partenaires": "partners",
    "priorite": "priority",
    "structures_demandeuses": "structures_requesting",
    "structures_servies": "structures_served",
    "part_minimale": "min_fill",
    "part_mediane": "median_fill",
    "unites_par_enfant": "units_per_child",
    # units of a type (sheets ``structures`` and ``totaux``)
    "portable": "laptops",
    "fixe": "desktops",
    "tablette": "tablets",
    "box_4g": "4g_boxes",
}

# A partner's workbook shows plain words; each folds (``textnorm.header_key``) to its column
# or to one of its aliases in ``file_columns.DELIVERIES``, so import reads it back.
_PLAIN: dict[str, tuple[str, str]] = {
    "id_envoi": ("N° d'envoi", "Shipment id"),
    "id_don": ("Lot", "Lot id"),
    "donateur": ("Donateur", "Donor"),
    "materiel": ("Matériel", "Equipment"),
    "quantite": ("Quantité", "Quantity"),
    "etat": ("État", "Condition"),
    "adresse_retrait": ("Adresse de retrait", "Pickup address"),
    "contact_retrait": ("Contact retrait", "Pickup contact"),
    "id_structure": ("N° de structure", "Structure id"),
    "nom_structure": ("Structure", "Structure name"),
    "adresse": ("Adresse", "Address"),
    "code_postal": ("Code postal", "Postal code"),
    "commune": ("Commune", "Town"),
    "departement": ("Département", "Department"),
    "contact_nom": ("Contact", "Contact name"),
    "contact_telephone": ("Téléphone", "Phone"),
    "contact_email": ("E-mail", "Email"),
    "livre_le": ("Livré le", "Delivered on"),
    "quantite_livree": ("Quantité livrée", "Delivered quantity"),
    "ecart": ("Écart", "Gap"),
    "commentaire": ("Commentaire", "Comment"),
}


def plain_headers(columns: tuple[str, ...], lang: Lang) -> list[str]:
    """The headers of a partner's workbook, in plain words."""
    return [in_language(_PLAIN[c], lang) for c in columns]


def gap_values(lang: Lang) -> list[str]:
    return [in_language(pair, lang) for pair in GAP_VALUES.values()]


def headers(columns: tuple[str, ...], lang: Lang) -> list[str]:
    return [(_ENGLISH.get(c, c) if lang == "en" else c) for c in columns]


# Sheet names: French as SPEC §4 fixes them, English with --lang en; import reads both.
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "a_lire": ("a_lire", "read_me"),
    "expeditions": ("expeditions", "shipments"),
    "besoins_non_couverts": ("besoins_non_couverts", "unmet_needs"),
    "stock_restant": ("stock_restant", "stock_left"),
    "totaux": ("totaux", "totals"),
    "structures": ("structures", "structures"),
    "equite": ("equite", "fairness"),
}


def in_language(pair: tuple[str, str], lang: Lang) -> str:
    """The French or English one of a (French, English) pair."""
    return pair[1] if lang == "en" else pair[0]


def sheet_name(name: str, lang: Lang) -> str:
    """The sheet ``name`` (its French name) in ``lang``."""
    return in_language(SHEET_NAMES[name], lang)


# The first sheet of a dispatch workbook (SPEC §4): who it is for, which run, which ledger.
# Import finds it by either name, and the ledger identity by its label, in either language.
READ_ME_SHEETS = SHEET_NAMES["a_lire"]
READ_ME_LABELS: dict[str, tuple[str, str]] = {
    "partner": ("Partenaire", "Partner"),
    "run": ("Allocation n°", "Run"),
    "run_date": ("Date de l'allocation", "Run date"),
    "ledger_id": ("Identifiant du registre", "Ledger identity"),
}


def read_me_label(key: str, lang: Lang) -> str:
    return in_language(READ_ME_LABELS[key], lang)
