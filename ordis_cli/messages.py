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
        "particulier, reconditionneur, collectivite ou etat. D'ici là, ce donateur est traité "
        "comme un particulier : jamais nommé dans les rapports.{hint}",
        "Unknown donor type “{value}”: expected entreprise, fondation, association, "
        "particulier, reconditionneur, collectivite or etat. Until then this donor is treated "
        "as a private person: never named in the reports.{hint}",
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
    # --- allocate against what the ledger knows (SPEC §5) ---
    "missing-known-structure": (
        "Structure « {id} » connue du registre mais absente de ce fichier, alors qu'il lui "
        "reste à recevoir {left}. Le fichier des besoins doit être la liste complète : "
        "ajoutez-la, ou relancez avec --retire-missing pour la retirer.",
        "Structure “{id}” is known to the ledger but missing from this file, though it still "
        "awaits {left}. The needs file must be the complete list: add it back, or run again "
        "with --retire-missing to retire it.",
    ),
    "retired-structure": (
        "Structure « {id} » absente de ce fichier : retirée (--retire-missing) ; ce qui lui "
        "restait à recevoir ({left}) sort des chiffres.",
        "Structure “{id}” missing from this file: retired (--retire-missing); what it still "
        "awaited ({left}) leaves the figures.",
    ),
    "missing-known-lot": (
        "Lot « {id} » connu du registre mais absent de ce fichier, alors qu'il reste {left}. "
        "Le fichier des dons doit être la liste complète : ajoutez-le, ou relancez avec "
        "--retire-missing pour le retirer.",
        "Lot “{id}” is known to the ledger but missing from this file, though {left} remain. "
        "The donations file must be the complete list: add it back, or run again with "
        "--retire-missing to retire it.",
    ),
    "retired-lot": (
        "Lot « {id} » absent de ce fichier : retiré (--retire-missing) ; ce qu'il restait "
        "({left}) sort des chiffres.",
        "Lot “{id}” missing from this file: retired (--retire-missing); what remained ({left}) "
        "leaves the figures.",
    ),
    "request-below-shipped": (
        "La structure « {id} » demande maintenant {asked} {device} mais en a déjà reçu {shipped} "
        "des allocations précédentes : rien de plus ne lui sera envoyé. Vérifiez sa demande.",
        "Structure “{id}” now asks for {asked} {device} but was already shipped {shipped} by "
        "earlier runs: nothing more will be sent to it. Check its request.",
    ),
    "recovered-run": (
        "L'allocation n° {run} avait été interrompue avant que ses classeurs soient en place : "
        "elle est annulée (ses unités sont de nouveau disponibles) et son dossier temporaire "
        "supprimé.",
        "Run {run} had been interrupted before its workbooks were in place: it is cancelled "
        "(its units are free again) and its temporary folder removed.",
    ),
    "device-portable-one": ("portable", "laptop"),
    "device-portable-many": ("portables", "laptops"),
    "device-fixe-one": ("poste fixe", "desktop"),
    "device-fixe-many": ("postes fixes", "desktops"),
    "device-tablette-one": ("tablette", "tablet"),
    "device-tablette-many": ("tablettes", "tablets"),
    "device-box_4g-one": ("box 4G", "4G box"),
    "device-box_4g-many": ("box 4G", "4G boxes"),
    # --- deliveries import: returned lines checked against the ledger (issue 7) ---
    "shipment-mismatch": (
        "« {column} » vaut « {value} » mais le registre indique « {expected} » pour l'envoi "
        "{shipment} : cette ligne ne correspond pas à cet envoi (identifiants échangés, ligne "
        "copiée d'un autre classeur ?). Recopiez la ligne depuis le classeur d'envoi d'origine.",
        "“{column}” holds “{value}” but the ledger has “{expected}” for shipment {shipment}: "
        "this line does not match that shipment (ids swapped, a line copied from another "
        "workbook?). Copy the line again from the original dispatch workbook.",
    ),
    "other-partner": (
        "L'envoi « {value} » est confié à un autre partenaire ({shipper}), pas à {partner} à "
        "qui ce classeur est destiné : ligne copiée d'un autre classeur ? Retirez-la ou "
        "vérifiez avec la coordination.",
        "Shipment “{value}” is entrusted to another partner ({shipper}), not to {partner} for "
        "whom this workbook was written: a line copied from another workbook? Remove it or "
        "check with the coordination.",
    ),
    "delivery-before-run": (
        "Date de livraison {value} antérieure à l'allocation n° {run} du {run_date} qui a "
        "expédié cette ligne : une livraison ne peut pas précéder son envoi. Corrigez la date "
        "(jj/mm/aaaa).",
        "Delivery date {value} is before run {run} of {run_date} that shipped this line: a "
        "delivery cannot come before its shipment. Fix the date (dd/mm/yyyy).",
    ),
    "shipment-run-unfinished": (
        "L'envoi « {value} » appartient à l'allocation n° {run}, qui n'a pas été menée à son "
        "terme (classeurs en cours d'écriture ou abandonnés) : il ne peut pas recevoir de "
        "livraison. Vérifiez avec la coordination.",
        "Shipment “{value}” belongs to run {run}, which was not completed (workbooks still "
        "being written or abandoned): it cannot take a delivery. Check with the coordination.",
    ),
    "other-ledger": (
        "Ce classeur vient d'un autre registre (identifiant « {value} ») que celui utilisé "
        "ici ({ledger}, identifiant {ledger_id}) : rien n'a été enregistré. Indiquez avec "
        "--ledger (ou ORDIS_LEDGER) le registre qui a produit ce classeur.",
        "This workbook comes from another ledger (identity “{value}”) than the one used here "
        "({ledger}, identity {ledger_id}): nothing was recorded. Give with --ledger (or "
        "ORDIS_LEDGER) the ledger that wrote this workbook.",
    ),
    "no-ledger-identity": (
        "Pas de feuille « a_lire » portant l'identifiant du registre (lignes recopiées dans un "
        "autre fichier, CSV ?) : ordis ne peut pas vérifier que ce classeur vient de ce "
        "registre. Chaque ligne est tout de même vérifiée contre le registre.",
        "No “a_lire” sheet holding the ledger identity (lines copied into another file, a "
        "CSV?): ordis cannot check that this workbook comes from this ledger. Every line is "
        "still checked against the ledger.",
    ),
    "read-me-title": (
        "Classeur d'envoi ordis : à lire d'abord",
        "ordis dispatch workbook: read me first",
    ),
    "read-me-fill-label": ("À remplir", "To fill in"),
    "read-me-fill": (
        "Dans la feuille « expeditions », pour chaque ligne livrée : « {date} » (date de "
        "livraison, jj/mm/aaaa), « {quantity} » si vous avez livré moins que la quantité "
        "expédiée, et « {comment} » pour ce que la coordination doit savoir (un commentaire "
        "sur une ligne pas encore livrée est aussi conservé).",
        "In the “expeditions” sheet, for each line delivered: “{date}” (the delivery date, "
        "dd/mm/yyyy), “{quantity}” if you delivered less than the quantity shipped, and "
        "“{comment}” for anything the coordination should know (a comment on a line not yet "
        "delivered is kept too).",
    ),
    "read-me-return-label": ("Renvoi", "Sending it back"),
    "read-me-return": (
        "Renvoyez ce fichier à la coordination sans rien y changer d'autre : ni les lignes, ni "
        "les identifiants, ni cette feuille. À l'import, ordis vérifie chaque ligne et "
        "l'identifiant du registre ci-dessus ; un fichier dont une ligne ne correspond pas est "
        "refusé en entier.",
        "Send this file back to the coordination with nothing else changed: not the lines, "
        "not the identifiers, not this sheet. On import ordis checks every line and the ledger "
        "identity above; a file with a line that does not match is refused whole.",
    ),
    # --- the ledger: opening, checking, using it (exit 2; the path is printed before) ---
    "no-ledger": (
        "registre introuvable. Il est créé par « ordis allocate » ; indiquez-le avec --ledger "
        "ou ORDIS_LEDGER.",
        "ledger not found. “ordis allocate” creates it; give it with --ledger or "
        "ORDIS_LEDGER.",
    ),
    "ledger-is-folder": (
        "c'est un dossier, pas un registre. Indiquez le fichier du registre (par exemple "
        "ordis.db) avec --ledger.",
        "this is a folder, not a ledger. Give the ledger's file (e.g. ordis.db) with --ledger.",
    ),
    "ledger-empty-file": (
        "fichier vide (0 octet) : ce n'est pas un registre ordis, il est laissé tel quel. "
        "Indiquez le bon fichier avec --ledger, ou un chemin qui n'existe pas encore pour "
        "qu'« ordis allocate » y crée un registre.",
        "empty file (0 bytes): this is not an ordis ledger, it is left as it is. Give the "
        "right file with --ledger, or a path that does not exist yet for “ordis allocate” to "
        "create a ledger there.",
    ),
    "ledger-not-sqlite": (
        "ce fichier n'est pas une base SQLite, donc pas un registre ordis ; il est laissé tel "
        "quel. Vérifiez le chemin donné à --ledger.",
        "this file is not an SQLite database, so not an ordis ledger; it is left as it is. "
        "Check the path given to --ledger.",
    ),
    "ledger-foreign": (
        "cette base SQLite n'est pas un registre ordis (pas de table meta avec le format du "
        "registre) ; ordis n'y touche pas. Vérifiez le chemin donné à --ledger.",
        "this SQLite database is not an ordis ledger (no meta table holding the ledger's "
        "format); ordis leaves it alone. Check the path given to --ledger.",
    ),
    "ledger-version": (
        "registre au format {found}, cette version d'ordis lit le format {expected}. Utilisez "
        "la version d'ordis qui l'a écrit, ou un ordis plus récent s'il vient d'une version "
        "plus récente ; le registre n'a pas été modifié.",
        "ledger in format {found}, this version of ordis reads format {expected}. Use the "
        "version of ordis that wrote it, or a newer ordis if it comes from a newer version; "
        "the ledger was not changed.",
    ),
    "ledger-missing-table": (
        "registre incomplet : la table « {table} » manque (supprimée ou renommée à la main ?). "
        "Restaurez une sauvegarde du registre ; il n'a pas été modifié.",
        "incomplete ledger: the table “{table}” is missing (dropped or renamed by hand?). "
        "Restore a backup of the ledger; it was not changed.",
    ),
    "ledger-missing-column": (
        "registre incomplet : la colonne « {column} » manque dans la table « {table} » "
        "(modifiée à la main ?). Restaurez une sauvegarde du registre ; il n'a pas été modifié.",
        "incomplete ledger: the column “{column}” is missing from the table “{table}” "
        "(edited by hand?). Restore a backup of the ledger; it was not changed.",
    ),
    "ledger-damaged": (
        "registre endommagé ({detail}). Restaurez une sauvegarde du registre ; ordis ne l'a "
        "pas modifié.",
        "damaged ledger ({detail}). Restore a backup of the ledger; ordis did not change it.",
    ),
    "ledger-bad-value": (
        "registre modifié à la main ou endommagé : table « {table} », ligne {row}, colonne "
        "« {column} », valeur « {value} » ; attendu : {expected}. Corrigez cette valeur ou "
        "restaurez une sauvegarde ; le registre n'a pas été modifié.",
        "ledger edited by hand or damaged: table “{table}”, row {row}, column “{column}”, "
        "value “{value}”; expected: {expected}. Correct this value or restore a backup; the "
        "ledger was not changed.",
    ),
    "ledger-busy": (
        "registre occupé : une autre commande ordis est en train d'y écrire. Réessayez dans "
        "un moment.",
        "ledger busy: another ordis command is writing to it. Try again in a moment.",
    ),
    "ledger-read-only": (
        "registre en lecture seule (le fichier ou son dossier) : cette commande doit y écrire. "
        "Donnez-vous le droit d'écriture ou travaillez sur une copie.",
        "read-only ledger (the file or its folder): this command has to write to it. Give "
        "yourself write access or work on a copy.",
    ),
    "ledger-unopenable": (
        "impossible d'ouvrir le registre ({detail}). Vérifiez le chemin et vos droits sur le "
        "fichier et son dossier.",
        "cannot open the ledger ({detail}). Check the path and your rights on the file and "
        "its folder.",
    ),
    "ledger-disk-full": (
        "écriture impossible dans le registre, le disque est plein. Rien n'a été enregistré ; "
        "libérez de la place puis relancez.",
        "cannot write to the ledger, the disk is full. Nothing was recorded; free some space "
        "and run again.",
    ),
    "ledger-expect-device": ("portable, fixe, tablette ou box_4g", "portable, fixe, tablette "
                             "or box_4g"),
    "ledger-expect-count": ("un nombre entier positif ou nul", "a whole number, zero or more"),
    "ledger-expect-positive": ("un nombre entier supérieur à 0", "a whole number above 0"),
    "ledger-expect-number": ("un nombre positif ou nul", "a number, zero or more"),
    "ledger-expect-date": ("une date AAAA-MM-JJ", "a date YYYY-MM-DD"),
    "ledger-expect-text": ("un texte", "a text"),
    "ledger-expect-status": ("active ou cancelled", "active or cancelled"),
    "ledger-expect-run": ("le numéro d'une allocation du registre",
                          "the number of a run in the ledger"),
    "ledger-expect-departement": ("un code de département (01 à 95, 2A, 2B, 971 à 974, 976)",
                                  "a département code (01 to 95, 2A, 2B, 971 to 974, 976)"),
    "ledger-expect-flag": ("0, 1 ou vide", "0, 1 or empty"),
    # --- partner and donor names, donor types (SPEC §2, §6) ---
    "bad-name": (
        "« {value} » dans « {column} » n'est pas un nom : il ne contient ni lettre ni chiffre. "
        "Écrivez le nom de l'organisation ou de la personne.",
        "“{value}” in “{column}” is not a name: it holds no letter or digit. Write the name of "
        "the organisation or person.",
    ),
    "missing-donor-type": (
        "Type de donateur vide : ce donateur est traité comme un particulier, jamais nommé dans "
        "les rapports. Attendu entreprise, fondation, association, particulier, "
        "reconditionneur, collectivite ou etat.",
        "Donor type empty: this donor is treated as a private person, never named in the "
        "reports. Expected entreprise, fondation, association, particulier, reconditionneur, "
        "collectivite or etat.",
    ),
    "private-lot-no-partner": (
        "Lot « {value} » d'un particulier, sans partenaire : aucun partenaire ne couvre son "
        "département, et un particulier ne reçoit jamais l'adresse d'une structure. Lot laissé "
        "de côté : indiquez un partenaire dans « partenaire » ou ajoutez un partenaire national.",
        "Lot “{value}” of a private donor, with no partner: no partner covers its département, "
        "and a private person never receives a structure's address. Lot left out: name a "
        "partner in “partenaire” or add a national partner.",
    ),
    "no-donor-type-column": (
        "Pas de colonne « type_donateur » : tous les donateurs sont traités comme des "
        "particuliers, jamais nommés dans les rapports. Ajoutez la colonne (entreprise, "
        "fondation, association, particulier…) pour remercier les organisations par leur nom.",
        "No “type_donateur” column: every donor is treated as a private person, never named "
        "in the reports. Add the column (entreprise, fondation, association, particulier…) to "
        "thank organisations by name.",
    ),
    # --- inputs never silently dropped (SPEC §2: quantity headers, totals, layout) ---
    "unmapped-quantity-column": (
        "Colonne {col} « {value} » : elle semble donner un nombre de matériels mais ne "
        "correspond à aucune colonne connue ; ignorée, ses demandes seraient perdues. {advice}",
        "Column {col} “{value}”: it seems to give a number of devices but matches no known "
        "column; ignored, its requests would be lost. {advice}",
    ),
    "advice-rename-one": (
        "Elle désigne sans doute {suggestion} : renommez l'en-tête ainsi.",
        "It probably means {suggestion}: rename the header so.",
    ),
    "advice-rename-either": (
        "Elle désigne sans doute {suggestion} : renommez l'en-tête selon le matériel demandé.",
        "It probably means {suggestion}: rename the header after the device requested.",
    ),
    "advice-split": (
        "Elle mélange plusieurs matériels : faites une colonne par matériel ({suggestion}).",
        "It mixes several devices: make one column per device ({suggestion}).",
    ),
    "advice-one-lot-per-row": (
        "Un fichier de dons donne un lot par ligne : le matériel dans « materiel » (portable, "
        "fixe, tablette, box_4g) et le nombre dans « quantite ».",
        "A donations file gives one lot per row: the device in “materiel” (portable, fixe, "
        "tablette, box_4g) and the number in “quantite”.",
    ),
    "missing-quantity-column": (
        "Aucune colonne de quantité dans l'en-tête (ligne {row}) : au moins une des colonnes "
        "portables, fixes, tablettes, box_4g est attendue, sinon aucune demande ne peut être lue.",
        "No quantity column in the header (row {row}): at least one of portables, fixes, "
        "tablettes, box_4g is expected, otherwise no request can be read.",
    ),
    "totals-row": (
        "Ligne de total « {value} » sans identifiant : ignorée, elle ne compte pas comme une "
        "ligne de données.",
        "Totals row “{value}” without an identifier: skipped, it does not count as a data row.",
    ),
    "hidden-rows": (
        "Lignes masquées dans le classeur (à la main ou par un filtre), lues comme les autres : "
        "{rows}. Affichez-les pour vérifier qu'elles doivent compter, ou supprimez-les.",
        "Rows hidden in the workbook (by hand or by a filter), read like the others: {rows}. "
        "Show them to check they should count, or delete them.",
    ),
    "hint-merged-cell": (
        " Cette cellule fait partie d'une fusion {ref} : la valeur est dans {anchor} et ne "
        "compte que pour la ligne {row}.",
        " This cell is part of the merged cells {ref}: the value is in {anchor} and counts for "
        "row {row} only.",
    ),
    "rows-one": ("ligne {rows}", "row {rows}"),
    "rows-many": ("lignes {rows}", "rows {rows}"),
    "rows-range": ("{first} à {last}", "{first} to {last}"),
    "rows-more": (" … ({count} lignes en tout)", " … ({count} rows in all)"),
    "quoted": ("« {text} »", "“{text}”"),
    "word-or": (" ou ", " or "),
    # --- reading: contained parsers and pre-scan limits (issue 7, items 6-7) ---
    "too-many-cells": (
        "La feuille « {sheet} » s'étend jusqu'à la cellule {cell} ({rows} lignes × {columns} "
        "colonnes), au-delà de {limit} cellules : refusée par prudence. Supprimez les cellules "
        "éloignées (Ctrl+Fin montre la dernière cellule utilisée) ou découpez le fichier.",
        "Sheet “{sheet}” reaches cell {cell} ({rows} rows × {columns} columns), beyond {limit} "
        "cells: refused as a precaution. Delete the far cells (Ctrl+End shows the last used "
        "cell) or split the file.",
    ),
    "too-many-sheets": (
        "Le classeur contient plus de {limit} feuilles : refusé par prudence. Enregistrez les "
        "feuilles utiles dans un nouveau classeur.",
        "The workbook holds more than {limit} sheets: refused as a precaution. Save the sheets "
        "you need in a new workbook.",
    ),
    "parser-crashed": (
        "Fichier illisible : la lecture du classeur s'est arrêtée net ({detail}). Il est "
        "probablement endommagé : ouvrez-le dans votre tableur et enregistrez-en une copie "
        "(.xlsx), ou exportez-le en CSV.",
        "Unreadable file: reading the workbook stopped abruptly ({detail}). It is probably "
        "damaged: open it in your spreadsheet and save a copy (.xlsx), or export it as CSV.",
    ),
    "parser-memory": (
        "Fichier illisible : sa lecture demandait plus de {limit} Mo de mémoire. Il est "
        "endommagé ou bien plus grand qu'il n'y paraît : enregistrez-en une copie depuis votre "
        "tableur, ou découpez-le.",
        "Unreadable file: reading it needed more than {limit} MB of memory. It is damaged or "
        "far larger than it looks: save a copy from your spreadsheet, or split it.",
    ),
    "parser-timeout": (
        "Fichier illisible : sa lecture n'a pas abouti en {seconds} secondes. Il est "
        "probablement endommagé : enregistrez-en une copie depuis votre tableur, ou "
        "exportez-le en CSV.",
        "Unreadable file: reading it did not finish within {seconds} seconds. It is probably "
        "damaged: save a copy from your spreadsheet, or export it as CSV.",
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
