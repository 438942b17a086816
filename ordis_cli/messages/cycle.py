"""The weekly cycle after a run: the lines still to deliver (``deliveries pending``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a week's needs and lots in several files, read as one list (SPEC §2) ---
    "lot-in-two-files": (
        "Le lot « {value} » est déjà dans {first_file} (ligne {first_row}) : les fichiers de "
        "dons sont lus comme une seule liste, un lot ne doit y figurer qu'une fois. Retirez "
        "l'une des deux lignes, ou donnez-lui un autre id_don s'il s'agit d'un autre lot.",
        "Lot “{value}” is already in {first_file} (row {first_row}): the donations files are "
        "read as one list, where a lot appears once. Remove one of the two rows, or give it "
        "another id_don if it is another lot.",
    ),
    "structure-in-two-files": (
        "La structure « {structure} » est dans {first_file} (ligne {first_row}) avec le "
        "département {other}, ici {value} : une structure n'a qu'un département. Corrigez "
        "l'un des deux fichiers.",
        "Structure “{structure}” is in {first_file} (row {first_row}) with department "
        "{other}, here {value}: a structure has one department. Fix one of the two files.",
    ),
    "unknown-partner-filter": (
        "--partner « {value} » : aucun envoi de ce partenaire dans le registre. Partenaires "
        "du registre : {known}.",
        "--partner “{value}”: no shipment of that partner in the ledger. Partners in the "
        "ledger: {known}.",
    ),
    "bad-older-than": (
        "--older-than {value} : un nombre de jours, entier et positif ou nul, est attendu "
        "(par exemple --older-than 7).",
        "--older-than {value}: a whole number of days, zero or more, is expected (for "
        "example --older-than 7).",
    ),
    "pending-none": (
        "Rien en attente de livraison au {date}{which}.",
        "Nothing waiting for delivery as of {date}{which}.",
    ),
    "pending-title": (
        "En attente de livraison au {date}{which} : {lines}, {units}, chez {partners}.",
        "Waiting for delivery as of {date}{which}: {lines}, {units}, with {partners}.",
    ),
    "pending-partner": (
        "{partner} : {lines}, {units}, la plus ancienne envoyée il y a {days}",
        "{partner}: {lines}, {units}, the oldest shipped {days} ago",
    ),
    "pending-older": (
        " (envoyées il y a plus de {days})",
        " (shipped more than {days} ago)",
    ),
    "pending-written": ("Liste de relance écrite : {path}", "Chasing list written: {path}"),
    "pending-columns": (
        "id_envoi|envoyé le|âge (j)|matériel|qté|id_structure|dépt|commentaire",
        "shipment|shipped on|age (d)|device|qty|structure|dept|comment",
    ),
}
