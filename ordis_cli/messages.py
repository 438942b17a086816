"""Every sentence ordis says to a person, in French (default) and English.

``say(key, lang, **fields)`` formats one. Keys are the stable problem codes where the
sentence describes a problem. The language comes from ``--lang`` or ``ORDIS_LANG``.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")

_M: dict[str, tuple[str, str]] = {
    # --- files that cannot be used at all (exit 2) ---
    "file-not-found": (
        "Fichier introuvable. Vérifiez le chemin et le nom du fichier.",
        "File not found. Check the path and the file name.",
    ),
    "not-a-file": (
        "Ce chemin est un dossier, pas un fichier.",
        "This path is a folder, not a file.",
    ),
    "empty-file": (
        "Le fichier est vide (0 octet). Exportez de nouveau le tableau depuis votre tableur.",
        "The file is empty (0 bytes). Export the table again from your spreadsheet.",
    ),
    "pdf-file": (
        "Ce fichier est un PDF, pas un tableur. Demandez le fichier Excel, LibreOffice ou CSV "
        "d'origine.",
        "This file is a PDF, not a spreadsheet. Ask for the original Excel, LibreOffice or CSV "
        "file.",
    ),
    "image-file": (
        "Ce fichier est une image ({format}), pas un tableur. Demandez le fichier Excel, "
        "LibreOffice ou CSV d'origine.",
        "This file is a picture ({format}), not a spreadsheet. Ask for the original Excel, "
        "LibreOffice or CSV file.",
    ),
    "html-file": (
        "Ce fichier est une page web (HTML) enregistrée sous un nom de tableur. Ouvrez-le dans "
        "votre tableur puis « Enregistrer sous » au format .xlsx, ou exportez-le en CSV.",
        "This file is a web page (HTML) saved under a spreadsheet's name. Open it in your "
        "spreadsheet and use “Save as” .xlsx, or export it as CSV.",
    ),
    "encrypted-file": (
        "Le classeur est protégé par un mot de passe : ordis ne peut pas le lire. Ouvrez-le, "
        "retirez le mot de passe (Fichier > Informations > Protéger le classeur) et enregistrez "
        "une copie.",
        "The workbook is password-protected: ordis cannot read it. Open it, remove the password "
        "(File > Info > Protect Workbook) and save a copy.",
    ),
    "corrupted-file": (
        "Le fichier est endommagé ou incomplet ({detail}). Téléchargez-le ou exportez-le de "
        "nouveau.",
        "The file is damaged or incomplete ({detail}). Download or export it again.",
    ),
    "unsupported-file": (
        "Format de fichier non reconnu ({detail}). Formats acceptés : .xlsx, .xlsm, .xls, .ods, "
        ".csv, .txt.",
        "Unrecognised file format ({detail}). Accepted: .xlsx, .xlsm, .xls, .ods, .csv, .txt.",
    ),
    "archive-too-large": (
        "Le classeur se décompresse en {size} Mo, au-delà de la limite de {limit} Mo : refusé "
        "par prudence. Enregistrez seulement les feuilles utiles dans un nouveau classeur.",
        "The workbook unpacks to {size} MB, above the {limit} MB limit: refused as a "
        "precaution. Save only the sheets you need in a new workbook.",
    ),
    "archive-ratio": (
        "La partie « {member} » du classeur se décompresse {ratio} fois plus grosse qu'elle "
        "n'est stockée (maximum 100) : fichier suspect, refusé. Enregistrez une copie propre "
        "depuis votre tableur.",
        "The part “{member}” of the workbook unpacks {ratio} times larger than stored "
        "(maximum 100): suspicious file, refused. Save a clean copy from your spreadsheet.",
    ),
    "xml-entities": (
        "Le classeur contient des déclarations d'entités XML (partie « {member} »), un procédé "
        "utilisé pour attaquer les logiciels : refusé. Enregistrez une copie propre depuis "
        "votre tableur.",
        "The workbook holds XML entity declarations (part “{member}”), a technique used to "
        "attack software: refused. Save a clean copy from your spreadsheet.",
    ),
    "too-many-rows": (
        "La feuille « {sheet} » va jusqu'à la ligne {rows} ; la limite est de 1 000 000 lignes "
        "de données. Découpez le fichier ou supprimez les lignes vides en fin de feuille.",
        "Sheet “{sheet}” reaches row {rows}; the limit is 1,000,000 data rows. Split the file "
        "or delete the empty rows at the end of the sheet.",
    ),
    "too-many-columns": (
        "La feuille « {sheet} » va jusqu'à la colonne {column} ; la limite est de 200 colonnes. "
        "Supprimez les colonnes inutiles.",
        "Sheet “{sheet}” reaches column {column}; the limit is 200 columns. Delete the columns "
        "you do not need.",
    ),
    "sheet-not-found": (
        "Aucune feuille visible nommée « {sheet} ». Feuilles du classeur : {sheets}.",
        "No sheet named “{sheet}”. Sheets in the workbook: {sheets}.",
    ),
    "no-sheet": (
        "Le classeur n'a aucune feuille de calcul visible.",
        "The workbook has no visible worksheet.",
    ),
    "binary-text": (
        "Ce fichier n'est pas du texte (octets nuls) : ce n'est pas un CSV. Formats acceptés : "
        ".xlsx, .xlsm, .xls, .ods, .csv, .txt.",
        "This file is not text (NUL bytes): it is not a CSV. Accepted: .xlsx, .xlsm, .xls, "
        ".ods, .csv, .txt.",
    ),
    "unreadable-file": (
        "Le fichier ne peut pas être ouvert : {detail}.",
        "The file cannot be opened: {detail}.",
    ),
    # --- problems in the data ---
    "unknown-kind": (
        "Type de fichier non reconnu : aucune des 20 premières lignes ne ressemble à un en-tête "
        "de besoins (id_structure, nom_structure, departement…), de dons (id_don, donateur, "
        "materiel…), de partenaires (partenaire, zone) ou de livraisons (id_envoi, livre_le…). "
        "Corrigez l'en-tête ou indiquez --kind.",
        "Unrecognised file: none of the first 20 rows looks like a header of needs "
        "(id_structure, nom_structure, departement…), donations (id_don, donateur, materiel…), "
        "partners (partenaire, zone) or deliveries (id_envoi, livre_le…). Fix the header or use "
        "--kind.",
    ),
    "missing-column": (
        "Colonne obligatoire « {column} » absente de l'en-tête (ligne {row}). Intitulés acceptés "
        ": {aliases}.",
        "Required column “{column}” is missing from the header (row {row}). Accepted headers: "
        "{aliases}.",
    ),
    "unknown-column": (
        "Colonne « {value} » non reconnue : elle est ignorée.",
        "Column “{value}” is not recognised: it is ignored.",
    ),
    "duplicate-column": (
        "La colonne « {value} » désigne aussi « {field} », déjà lue en {first} : seule la "
        "première est prise en compte.",
        "Column “{value}” also means “{field}”, already read in {first}: only the first one "
        "is used.",
    ),
    "no-data": (
        "L'en-tête est ligne {row} mais aucune ligne de données ne suit.",
        "The header is on row {row} but no data row follows.",
    ),
    "missing-value": (
        "« {column} » est vide : une valeur est obligatoire.",
        "“{column}” is empty: a value is required.",
    ),
    "bad-quantity": (
        "Quantité « {value} » invalide dans « {column} » : {why} ; attendu {expected}.",
        "Invalid quantity “{value}” in “{column}”: {why}; expected {expected}.",
    ),
    "bad-capacity": (
        "Capacité « {value} » invalide : {why} ; un nombre entier d'unités supérieur à 0 est "
        "attendu.",
        "Invalid capacity “{value}”: {why}; a whole number of units above 0 is expected.",
    ),
    "large-quantity": (
        "Quantité {value} dans « {column} » : plus de {limit} sur une seule ligne, c'est "
        "inhabituel. Vérifiez qu'il ne s'agit pas d'une faute de frappe.",
        "Quantity {value} in “{column}”: more than {limit} on one row is unusual. Check it is "
        "not a typo.",
    ),
    "bad-date": (
        "Date « {value} » non reconnue dans « {column} » : attendu jj/mm/aaaa (ex. 15/04/2020) "
        "ou aaaa-mm-jj.{hint}",
        "Unrecognised date “{value}” in “{column}”: expected dd/mm/yyyy (e.g. 15/04/2020) or "
        "yyyy-mm-dd.{hint}",
    ),
    "unknown-departement": (
        "Département « {value} » inconnu : attendu un code 01 à 95, 2A, 2B, 971 à 976 ou un nom "
        "de département.{hint}",
        "Unknown département “{value}”: expected a code 01 to 95, 2A, 2B, 971 to 976 or a "
        "département name.{hint}",
    ),
    "bad-postal-code": (
        "Code postal « {value} » invalide : 5 chiffres attendus (ex. 69003).",
        "Invalid postal code “{value}”: 5 digits expected (e.g. 69003).",
    ),
    "postal-code-mismatch": (
        "Le code postal {value} est dans le département {found}, pas dans le {expected} indiqué "
        "en « departement » : vérifiez l'adresse.",
        "Postal code {value} is in département {found}, not in {expected} given in "
        "“departement”: check the address.",
    ),
    "missing-address": (
        "Adresse de livraison incomplète, il manque : {missing}. Le partenaire ne pourra pas "
        "livrer sans elle.",
        "Incomplete delivery address, missing: {missing}. The partner cannot deliver without it.",
    ),
    "bad-email": (
        "Adresse e-mail « {value} » invalide : attendu nom@domaine.fr.",
        "Invalid e-mail address “{value}”: expected name@domain.org.",
    ),
    "bad-phone": (
        "Numéro de téléphone « {value} » non reconnu : attendu 10 chiffres (ex. 01 23 45 67 89) "
        "ou +33 suivi de 9 chiffres.",
        "Unrecognised phone number “{value}”: expected 10 digits (e.g. 01 23 45 67 89) or +33 "
        "and 9 digits.",
    ),
    "bad-boolean": (
        "Réponse « {value} » non reconnue dans « {column} » : attendu oui ou non.",
        "Unrecognised answer “{value}” in “{column}”: expected yes or no.",
    ),
    "bad-priority": (
        "Priorité « {value} » inconnue : attendu urgente, haute ou normale (vide = normale).{hint}",
        "Unknown priority “{value}”: expected urgente, haute or normale (empty = normale).{hint}",
    ),
    "unknown-structure-type": (
        "Type de structure « {value} » inconnu : attendu MECS, foyer de l'enfance, lieu de vie, "
        "placement familial, pouponnière ou autre. Compté comme « autre ».{hint}",
        "Unknown structure type “{value}”: expected MECS, foyer de l'enfance, lieu de vie, "
        "placement familial, pouponnière or autre. Counted as “autre”.{hint}",
    ),
    "unknown-donor-type": (
        "Type de donateur « {value} » inconnu : attendu entreprise, fondation, association, "
        "particulier, reconditionneur, collectivite ou etat.{hint}",
        "Unknown donor type “{value}”: expected entreprise, fondation, association, "
        "particulier, reconditionneur, collectivite or etat.{hint}",
    ),
    "unknown-material": (
        "Matériel « {value} » inconnu : attendu portable, fixe, tablette ou box_4g.{hint}",
        "Unknown equipment “{value}”: expected portable, fixe, tablette or box_4g.{hint}",
    ),
    "unknown-state": (
        "État « {value} » inconnu : attendu neuf ou reconditionne. Ignoré.{hint}",
        "Unknown condition “{value}”: expected neuf or reconditionne. Ignored.{hint}",
    ),
    "no-request": (
        "Aucun équipement demandé : au moins une des colonnes portables, fixes, tablettes, "
        "box_4g doit être supérieure à 0.",
        "No equipment requested: at least one of portables, fixes, tablettes, box_4g must be "
        "above 0.",
    ),
    "conflicting-structure": (
        "La structure « {value} » est déjà déclarée ligne {first_row} avec le département {other}, "
        "ici {this} : une structure n'a qu'un département. Corrigez l'une des deux lignes.",
        "Structure “{value}” is already declared on row {first_row} with département {other}, here "
        "{this}: a structure has one département. Fix one of the two rows.",
    ),
    "duplicate-id": (
        "Identifiant « {value} » déjà utilisé ligne {first_row} : chaque ligne doit avoir un "
        "« {column} » unique.",
        "Identifier “{value}” already used on row {first_row}: each row needs a unique “{column}”.",
    ),
    "missing-quantity": (
        "Matériel « {value} » sans quantité : indiquez le nombre d'unités du lot.",
        "Equipment “{value}” without a quantity: give the number of units in the lot.",
    ),
    "no-material": (
        "Ni matériel ni montant : un lot est soit du matériel (materiel et quantite), soit un "
        "don financier (montant_eur).",
        "Neither equipment nor amount: a lot is either equipment (materiel and quantite) or a "
        "financial gift (montant_eur).",
    ),
    "bad-amount": (
        "Montant « {value} » invalide : un nombre positif d'euros est attendu (ex. 1 500,00).",
        "Invalid amount “{value}”: a positive number of euros is expected (e.g. 1,500.00).",
    ),
    "bad-zone": (
        "Zone « {value} » inconnue : attendu national, une région (nom ou code comme R53) ou un "
        "département (code ou nom), séparés par « ; ».{hint}",
        "Unknown zone “{value}”: expected national, a région (name or code such as R53) or a "
        "département (code or name), separated by “;”.{hint}",
    ),
    "unknown-partner": (
        "Le partenaire « {value} » n'est pas dans le fichier des partenaires : il sera considéré "
        "comme livrant dans toute la France, sans limite de capacité.",
        "Partner “{value}” is not in the partners file: it will be taken to deliver anywhere "
        "in France, with no capacity limit.",
    ),
    "suggest-4g-box": (
        "Pas d'accès à internet et aucune box 4G demandée : sans connexion, les ordinateurs "
        "serviront peu. Pensez à demander une box 4G.",
        "No internet access and no 4G box requested: without a connection the computers will be "
        "of little use. Consider asking for a 4G box.",
    ),
    "bad-number": (
        "Valeur « {value} » invalide dans « {column} » : {why} ; un nombre entier positif ou nul "
        "est attendu.",
        "Invalid value “{value}” in “{column}”: {why}; a whole number, zero or more, is "
        "expected.",
    ),
    "future-date": (
        "Date de livraison {value} postérieure à aujourd'hui ({today}) : une livraison ne peut "
        "pas être datée dans le futur.",
        "Delivery date {value} is after today ({today}): a delivery cannot be dated in the "
        "future.",
    ),
    "delivered-above-shipped": (
        "Quantité livrée {value} supérieure à la quantité expédiée ({shipped}).",
        "Delivered quantity {value} is above the shipped quantity ({shipped}).",
    ),
    "unknown-shipment": (
        "Envoi « {value} » inconnu du registre : vérifiez l'identifiant (il figure dans le "
        "classeur d'envoi d'origine) ou le registre utilisé (--ledger).",
        "Shipment “{value}” is unknown to the ledger: check the identifier (it is in the "
        "original dispatch workbook) or the ledger used (--ledger).",
    ),
    "ignored-row": (
        "Ligne sans identifiant d'envoi ni livraison (« {value} ») : considérée comme une note "
        "et ignorée.",
        "Row with neither a shipment identifier nor a delivery (“{value}”): taken as a note "
        "and ignored.",
    ),
    "shipment-cancelled": (
        "L'envoi « {value} » appartient à l'allocation n° {run}, annulée : ses unités ont pu "
        "être attribuées ailleurs. Vérifiez avec la coordination.",
        "Shipment “{value}” belongs to run {run}, which was cancelled: its units may have "
        "gone elsewhere. Check with the coordination.",
    ),
    "delivery-without-date": (
        "Quantité livrée indiquée sans date de livraison : remplissez « livre_le ».",
        "Delivered quantity given without a delivery date: fill in “livre_le”.",
    ),
    # --- allocation: why a line was made, why a need is not met ---
    "motif": (
        "priorité {priority}{internet}, tour {round}, {distance} km",
        "priority {priority}{internet}, round {round}, {distance} km",
    ),
    "motif-substitution": (
        "priorité {priority}{internet}, {device} à la place de {need}, {distance} km",
        "priority {priority}{internet}, {device} instead of {need}, {distance} km",
    ),
    "motif-no-internet": (", sans internet", ", no internet"),
    "round-departement": ("département", "département"),
    "round-region": ("région", "région"),
    "round-national": ("national", "national"),
    "reason-cap": (
        "plafond de {cap} par matériel et par envoi (--cap)",
        "cap of {cap} per type per run (--cap)",
    ),
    "reason-no-stock": ("plus de stock de ce matériel", "no stock of this type left"),
    "reason-not-yet-available": (
        "stock disponible seulement après la date de l'envoi",
        "stock available only after the run's date",
    ),
    "reason-out-of-scope": (
        "stock restant hors de portée (--scope {scope})",
        "stock left out of reach (--scope {scope})",
    ),
    "reason-partner-zone": (
        "aucun partenaire ne livre ce département avec le stock restant",
        "no partner delivers this département with the stock left",
    ),
    "reason-partner-capacity": (
        "partenaires à pleine capacité pour cet envoi",
        "partners at full capacity for this run",
    ),
    # --- writing outputs (SPEC §1: what ordis writes; exit 2) ---
    "out-not-empty": (
        "ce dossier existe et n'est pas vide : ordis n'écrit jamais dans un dossier qui contient "
        "déjà des fichiers. Choisissez un dossier neuf avec --out, ou omettez --out pour un "
        "nom libre.",
        "this folder exists and is not empty: ordis never writes into a folder that already "
        "holds files. Choose a new folder with --out, or leave --out out for a free name.",
    ),
    "out-is-a-file": (
        "c'est un fichier, pas un dossier : ordis ne le remplace pas. Choisissez un autre --out.",
        "this is a file, not a folder: ordis does not replace it. Choose another --out.",
    ),
    "write-disk-full": (
        "écriture impossible, le disque est plein ({detail}). Rien n'a été écrit ; libérez de "
        "la place puis relancez.",
        "cannot write, the disk is full ({detail}). Nothing was written; free some space and "
        "run again.",
    ),
    "write-denied": (
        "écriture refusée ({detail}) : le dossier est en lecture seule ou vous n'avez pas les "
        "droits. Choisissez un autre dossier.",
        "writing refused ({detail}): the folder is read-only or you lack the rights. Choose "
        "another folder.",
    ),
    "write-no-parent": (
        "le dossier qui doit le contenir n'existe pas ({detail}). Créez-le ou choisissez un "
        "autre chemin.",
        "the folder meant to hold it does not exist ({detail}). Create it or choose another "
        "path.",
    ),
    "write-not-a-folder": (
        "un fichier porte le nom d'un dossier attendu sur ce chemin ({detail}). Choisissez un "
        "autre chemin.",
        "a file stands where a folder is expected on this path ({detail}). Choose another "
        "path.",
    ),
    "write-exists": (
        "existe déjà : ordis ne remplace pas un fichier qu'il n'a pas créé. Choisissez un autre "
        "nom.{detail}",
        "already exists: ordis does not replace a file it did not create. Choose another "
        "name.{detail}",
    ),
    "write-is-a-folder": (
        "c'est un dossier, un fichier était attendu.{detail}",
        "this is a folder, a file was expected.{detail}",
    ),
    "write-failed": (
        "écriture impossible ({detail}). Rien n'a été écrit.",
        "cannot write ({detail}). Nothing was written.",
    ),
    # --- pieces of sentences ---
    "why-negative": ("nombre négatif", "negative number"),
    "why-fraction": ("nombre à virgule", "not a whole number"),
    "why-not-number": ("ce n'est pas un nombre", "not a number"),
    "why-zero": ("zéro", "zero"),
    "expect-whole": ("un nombre entier positif ou nul", "a whole number, zero or more"),
    "expect-positive": ("un nombre entier supérieur à 0", "a whole number above 0"),
    "hint-did-you-mean": (" Vouliez-vous dire « {suggestion} » ?", " Did you mean “{suggestion}”?"),
    "hint-month-first": (
        " Le mois semble écrit avant le jour (format américain) : écrivez le jour d'abord.",
        " The month seems to come before the day (US format): write the day first.",
    ),
    "hint-no-such-departement": (
        " Le département {value} n'existe pas.",
        " There is no département {value}.",
    ),
    "address-part-adresse": ("adresse", "address"),
    "address-part-code_postal": ("code postal", "postal code"),
    "address-part-commune": ("commune", "town"),
}


def default_lang() -> Lang:
    env = os.environ.get("ORDIS_LANG", "fr").strip().lower()
    return "en" if env.startswith("en") else "fr"


def say(key: str, lang: Lang = "fr", **fields: object) -> str:
    """The sentence ``key`` in ``lang``, with ``fields`` filled in."""
    french, english = _M[key]
    template = english if lang == "en" else french
    return template.format(**fields) if fields else template


def has(key: str) -> bool:
    return key in _M
