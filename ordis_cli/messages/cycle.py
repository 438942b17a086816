"""The weekly cycle after a run: the lines still to deliver (``deliveries pending``).

Each entry: stable key (the problem code where it names a problem) -> (French, English).
"""

MESSAGES: dict[str, tuple[str, str]] = {
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
        "En attente de livraison au {date} : {lines}, {units}, chez {partners}.",
        "Waiting for delivery as of {date}: {lines}, {units}, with {partners}.",
    ),
    "pending-partner": (
        "{partner} : {lines}, {units}, la plus ancienne envoyée il y a {days} jours",
        "{partner}: {lines}, {units}, the oldest shipped {days} days ago",
    ),
    "pending-older": (" (envoyées il y a plus de {days} jours)",
                      " (shipped more than {days} days ago)"),
    "pending-written": ("Liste de relance écrite : {path}", "Chasing list written: {path}"),
    "pending-columns": (
        "id_envoi|envoyé le|âge (j)|matériel|qté|id_structure|dépt|commentaire",
        "shipment|shipped on|age (d)|device|qty|structure|dept|comment",
    ),
}
