"""Column headers of the workbooks ordis writes, in French (the contract) and English."""

from __future__ import annotations

from ..messages import Lang

DISPATCH = ("id_envoi", "id_don", "donateur", "materiel", "quantite", "id_structure",
            "nom_structure", "adresse", "code_postal", "commune", "departement", "contact_nom",
            "contact_telephone", "contact_email", "livre_le", "quantite_livree", "commentaire")
ALLOCATION_EXTRA = ("partenaire", "tour", "distance_km", "motif")
UNMET = ("id_structure", "nom_structure", "departement", "materiel", "quantite", "raison")
LEFTOVER = ("id_don", "donateur", "departement", "materiel", "quantite")
TOTALS = ("region", "portable", "fixe", "tablette", "box_4g", "total_alloue", "non_couvert")

_ENGLISH = {
    "id_envoi": "shipment_id", "id_don": "lot_id", "donateur": "donor", "materiel": "equipment",
    "quantite": "quantity", "id_structure": "structure_id", "nom_structure": "structure_name",
    "adresse": "address", "code_postal": "postal_code", "commune": "town",
    "departement": "department", "contact_nom": "contact_name",
    "contact_telephone": "contact_phone", "contact_email": "contact_email",
    "livre_le": "delivered_on", "quantite_livree": "delivered_quantity",
    "commentaire": "comment", "partenaire": "partner", "tour": "round",
    "distance_km": "distance_km", "motif": "reason", "raison": "reason", "region": "region",
    "total_alloue": "total_allocated", "non_couvert": "unmet",
}


def headers(columns: tuple[str, ...], lang: Lang) -> list[str]:
    return [(_ENGLISH.get(c, c) if lang == "en" else c) for c in columns]


# Sheet names: French as SPEC §4 fixes them, English with --lang en; import reads both.
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "a_lire": ("a_lire", "read_me"),
    "expeditions": ("expeditions", "shipments"),
    "besoins_non_couverts": ("besoins_non_couverts", "unmet_needs"),
    "stock_restant": ("stock_restant", "stock_left"),
    "totaux": ("totaux", "totals"),
}


def _in(pair: tuple[str, str], lang: Lang) -> str:
    """The French or English one of a (French, English) pair."""
    return pair[1] if lang == "en" else pair[0]


def sheet_name(name: str, lang: Lang) -> str:
    """The sheet ``name`` (its French name) in ``lang``."""
    return _in(SHEET_NAMES[name], lang)


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
    return _in(READ_ME_LABELS[key], lang)
