"""Sentences of the dispatch workbooks and e-mails: the ``a_lire`` sheet, the mixed reasons
of an unmet need."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sheet-continued": (
        "Le tableau « {sheet} » de {file} dépasse la dernière ligne d'un tableur "
        "(1 048 576) : il continue sur les feuilles « {sheet}_2 », « {sheet}_3 »… ; aucune "
        "ligne n'est perdue.",
        "Table “{sheet}” of {file} goes past a spreadsheet's last row (1,048,576): it goes "
        "on in sheets “{sheet}_2”, “{sheet}_3”…; no row is lost.",
    ),
    # what the cells a partner fills in accept (Excel's data validation)
    "read-me-input-date": ("Date de livraison (jj/mm/aaaa)", "Delivery date (dd/mm/yyyy)"),
    "read-me-error-date": (
        "Une date est attendue, par exemple 15/04/2020.",
        "A date is expected, for example 15/04/2020.",
    ),
    "read-me-error-units": (
        "Un nombre entier d'unités est attendu.",
        "A whole number of units is expected.",
    ),
    "read-me-error-gap": ("Laisser vide, ou : {choices}.", "Leave empty, or: {choices}."),
    "read-me-contact-label": ("Contact de la coordination", "Coordination contact"),
    "read-me-contact-none": (
        "la coordination qui vous a envoyé ce fichier",
        "the coordination that sent you this file",
    ),
    "read-me-gap-label": ("Écart", "Gap"),
    "read-me-gap": (
        "Si vous livrez moins que la quantité expédiée, indiquez la quantité livrée dans "
        "« {quantity} ». Sans rien dans « {gap} », les unités manquantes reviennent au stock "
        "et la structure les redemande à la prochaine allocation. Écrivez « {lost} » ou "
        "« {broken} » dans « {gap} » si elles sont perdues ou hors d'usage : elles sont alors "
        "retirées du stock (la liste déroulante propose ces deux mots).",
        "If you deliver less than the quantity shipped, put the quantity delivered in "
        "“{quantity}”. With nothing in “{gap}”, the missing units go back to the stock and "
        "the structure asks for them again at the next allocation. Write “{lost}” or "
        "“{broken}” in “{gap}” if they are lost or unusable: they are then written off (the "
        "drop-down list offers these two words).",
    ),
    "read-me-collect-label": ("Retrait des lots", "Collecting the lots"),
    "read-me-collect": (
        "Chaque ligne dit, quand le donateur l'a indiqué, l'état du lot (« {state} »), où le "
        "retirer (« {address} ») et qui appeler (« {contact} »).",
        "Each line says, when the donor gave it, the lot's condition (“{state}”), where to "
        "collect it (“{address}”) and whom to call (“{contact}”).",
    ),
    "reason-mixed": ("en partie pour chaque raison : {parts}", "partly for each reason: {parts}"),
    "reason-part-later": (
        "{units} plus tard (lot pas encore disponible, dès le {date})",
        "{units} later (lot not yet available, from {date})",
    ),
    "reason-part-elsewhere": ("{units} : {why}", "{units}: {why}"),
    "reason-part-no-stock": ("{units} faute de stock", "{units} for lack of stock"),
}
