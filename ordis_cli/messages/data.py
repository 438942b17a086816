"""Problems in the data of a file, names, and what is never dropped without a word."""

MESSAGES: dict[str, tuple[str, str]] = {
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
        "Colonne obligatoire « {column} » absente de l'en-tête{where}. Intitulés acceptés : "
        "{aliases}, ou votre propre intitulé avec --columns (voir le README).",
        "Required column “{column}” is missing from the header{where}. Accepted headers: "
        "{aliases}, or your own header with --columns (see the README).",
    ),
    "unknown-column": (
        "Colonne « {value} » non reconnue : elle est ignorée (si elle désigne une colonne "
        "d'ordis, associez-la avec --columns).",
        "Column “{value}” is not recognised: it is ignored (if it stands for a column of "
        "ordis, map it with --columns).",
    ),
    "unnamed-column-values": (
        "La colonne {where} n'a pas d'en-tête mais contient des valeurs (ici « {value} ») : "
        "elles sont ignorées. Donnez-lui un en-tête ou, dans un fichier CSV, vérifiez qu'une "
        "valeur de la ligne ne contient pas le séparateur (« ; ») qui l'aurait coupée en deux.",
        "Column {where} has no header but holds values (here “{value}”): they are ignored. "
        "Give it a header or, in a CSV file, check that a value of the row does not hold the "
        "delimiter (“;”), which would have cut it in two.",
    ),
    "duplicate-column": (
        "La colonne « {value} » désigne aussi « {field} », lue en {first} : seule celle-ci "
        "est prise en compte.",
        "Column “{value}” also means “{field}”, read in {first}: only that one is used.",
    ),
    "duplicate-quantity-column": (
        "La colonne « {value} » donne aussi des quantités « {field} », déjà lues en {first} : "
        "ordis ne sait pas s'il faut les additionner ou n'en garder qu'une. Réunissez-les en "
        "une seule colonne, ou renommez celle qui ne doit pas compter.",
        "Column “{value}” also gives “{field}” quantities, already read in {first}: ordis "
        "cannot tell whether to add them up or keep one. Merge them into one column, or rename "
        "the one that must not count.",
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
        "Unknown department “{value}”: expected a code 01 to 95, 2A, 2B, 971 to 976 or a "
        "department name.{hint}",
    ),
    "departement-from-postal-code": (
        "« {value} » ressemble à un code postal : lu comme le département {found} ({name}). "
        "Écrivez {found} dans « {column} » et le code postal dans « {h[code_postal]} ».",
        "“{value}” looks like a postal code: read as department {found} ({name}). Write "
        "{found} in “{column}” and the postal code in “{h[code_postal]}”.",
    ),
    "date-without-year": (
        "Date « {value} » sans année dans « {column} » : ajoutez l'année, par exemple {example}.",
        "Date “{value}” without a year in “{column}”: add the year, e.g. {example}.",
    ),
    "finess-key": (
        "« {value} » a la forme d'un numéro FINESS mais sa clé (dernier chiffre) est fausse : "
        "attendu {expected}, soit {corrected}. Vérifiez le numéro sur finess.sante.gouv.fr "
        "(une faute de frappe fait deux structures d'une seule).",
        "“{value}” looks like a FINESS number but its key (last digit) is wrong: expected "
        "{expected}, i.e. {corrected}. Check the number on finess.sante.gouv.fr (a typo makes "
        "two structures of one).",
    ),
    "finess-departement": (
        "Le numéro FINESS « {value} » commence par {prefix}, mais la structure est dans le "
        "département {departement} : un numéro FINESS commence par son département "
        "(attendu {expected}). Vérifiez le numéro ou le département.",
        "FINESS number “{value}” starts with {prefix}, but the structure is in department "
        "{departement}: a FINESS number starts with its department (expected {expected}). "
        "Check the number or the department.",
    ),
    "bad-postal-code": (
        "Code postal « {value} » invalide : 5 chiffres attendus (ex. 69003).",
        "Invalid postal code “{value}”: 5 digits expected (e.g. 69003).",
    ),
    "postal-code-mismatch": (
        "Le code postal {value} est dans le département {found}, pas dans le {expected} indiqué "
        "en « {h[departement]} » : vérifiez l'adresse.",
        "Postal code {value} is in department {found}, not in {expected} given in "
        "“{h[departement]}”: check the address.",
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
        "Unknown priority “{value}”: expected urgent, high or normal (empty = normal).{hint}",
    ),
    "unknown-structure-type": (
        "Type de structure « {value} » inconnu : attendu MECS, foyer de l'enfance, lieu de vie, "
        "placement familial, pouponnière ou autre. Compté comme « autre ».{hint}",
        "Unknown structure type “{value}”: expected MECS (children's home), foyer de "
        "l'enfance (emergency shelter), lieu de vie (small care home), placement familial "
        "(foster care), pouponnière (nursery) or other. Counted as “other”.{hint}",
    ),
    "unknown-donor-type": (
        "Type de donateur « {value} » inconnu : attendu entreprise, fondation, association, "
        "particulier, reconditionneur, collectivite ou etat. D'ici là, ce donateur est traité "
        "comme un particulier : jamais nommé dans les rapports.{hint}",
        "Unknown donor type “{value}”: expected company, foundation, association, private, "
        "refurbisher, local authority or state. Until then this donor is treated as a private "
        "person: never named in the reports.{hint}",
    ),
    "unknown-material": (
        "Matériel « {value} » inconnu : attendu portable, fixe, tablette ou box_4g.{hint}",
        "Unknown equipment “{value}”: expected laptop, desktop, tablet or 4G box.{hint}",
    ),
    "unknown-state": (
        "État « {value} » inconnu : attendu neuf ou reconditionne. Ignoré.{hint}",
        "Unknown condition “{value}”: expected new or refurbished. Ignored.{hint}",
    ),
    "no-request": (
        "Aucun équipement demandé : au moins une des colonnes portables, fixes, tablettes, "
        "box_4g doit être supérieure à 0.",
        "No equipment requested: at least one of laptops, desktops, tablets, 4G boxes must be "
        "above 0.",
    ),
    "conflicting-structure": (
        "La structure « {value} » est déjà déclarée ligne {first_row} avec le département {other}, "
        "ici {this} : une structure n'a qu'un département. Corrigez l'une des deux lignes.",
        "Structure “{value}” is already declared on row {first_row} with department {other}, here "
        "{this}: a structure has one department. Fix one of the two rows.",
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
        "Zone : « {part} » n'est ni national, ni une région (nom, code comme R53 ou abréviation "
        "comme IDF), ni un département (code ou nom), ni outre-mer. Séparez les parties par "
        "« ; ».{hint}",
        "Zone: “{part}” is neither national, nor a region (name, code such as R53 or "
        "abbreviation such as IDF), nor a department (code or name), nor overseas "
        "(outre-mer). Separate the parts with “;”.{hint}",
    ),
    "zone-region-code": (
        "Zone : {part} lu comme département ({read_as}), car un nombre seul est un "
        "département. Si c'est la région qui est voulue, écrivez {other} ou son nom.",
        "Zone: {part} read as a department ({read_as}), since a bare number is a "
        "department. If the region is meant, write {other} or its name.",
    ),
    "zone-former-region": (
        "Zone : {part}, région d'avant 2016, lue comme ses départements ({read_as}). Pour "
        "toute la région d'aujourd'hui, écrivez son nom ({now}).",
        "Zone: {part}, a region of before 2016, read as its departments ({read_as}). For the "
        "whole of today's region, write its name ({now}).",
    ),
    "unknown-partner": (
        "Le partenaire « {value} » n'est pas dans le fichier des partenaires : il sera considéré "
        "comme livrant dans toute la France, sans limite de capacité.{hint}",
        "Partner “{value}” is not in the partners file: it will be taken to deliver anywhere "
        "in France, with no capacity limit.{hint}",
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
        "Invalid value “{value}” in “{column}”: {why}; a whole number, zero or more, is expected.",
    ),
    "future-date": (
        "Date de livraison {value} postérieure à aujourd'hui ({today}) : une livraison ne peut "
        "pas être datée dans le futur.",
        "Delivery date {value} is after today ({today}): a delivery cannot be dated in the future.",
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
        "Quantité livrée indiquée sans date de livraison : remplissez « {h[livre_le]} ».",
        "Delivered quantity given without a delivery date: fill in “{h[livre_le]}”.",
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
        " There is no department {value}.",
    ),
    "hint-chief-town": (
        " {town} est le chef-lieu du département {found} ({name}) : écrivez {found}.",
        " {town} is the chief town of department {found} ({name}): write {found}.",
    ),
    "hint-chief-town-or": (
        " {town} est le chef-lieu du département {found} ({name}), et une commune du "
        "département {other} ({other_name}) : écrivez le numéro du sien, {found} ou {other}.",
        " {town} is the chief town of department {found} ({name}), and a town in department "
        "{other} ({other_name}): write the number of the right one, {found} or {other}.",
    ),
    "hint-corsica": (
        " La Corse compte deux départements : écrivez 2A pour la Corse-du-Sud ou 2B pour la "
        "Haute-Corse.",
        " Corsica is two departments: write 2A for Corse-du-Sud or 2B for Haute-Corse.",
    ),
    "hint-zone-abbreviations": (
        " Abréviations de régions connues : IDF, CVL, BFC, HDF, PDL, NAQ, OCC, AURA (ou ARA), "
        "PACA ; outre-mer (ou DOM) pour 971 à 976. Sinon écrivez le nom de la région.",
        " Known region abbreviations: IDF, CVL, BFC, HDF, PDL, NAQ, OCC, AURA (or ARA), PACA; "
        "overseas (or outre-mer, DOM) for 971 to 976. Otherwise write the region's name.",
    ),
    "address-part-adresse": ("adresse", "address"),
    "address-part-code_postal": ("code postal", "postal code"),
    "address-part-commune": ("commune", "town"),
    "kind-mismatch": (
        "Ce fichier ressemble à un fichier de {found} (en-tête ligne {row}), pas de {given} : "
        "{advice}.",
        "This file looks like {found} (header on row {row}), not {given}: {advice}.",
    ),
    "mapped-header-absent": (
        "L'intitulé « {value} » de {mapping} n'est pas dans l'en-tête (ligne {row}) : sa "
        "correspondance est sans effet pour ce fichier. Vérifiez l'orthographe de la question "
        "ou retirez-la du fichier de correspondance.",
        "Header “{value}” of {mapping} is not in the header (row {row}): its mapping does "
        "nothing for this file. Check how the question is spelt or remove it from the "
        "mapping file.",
    ),
    "rows-header": (" (ligne {row})", " (row {row})"),
    "advice-kind-allocate": ("donnez-le avec {option}", "give it with {option}"),
    "advice-kind-import": (
        "c'est un classeur d'expéditions retourné : importez-le avec ordis deliveries import",
        "it is a returned dispatch workbook: import it with ordis deliveries import",
    ),
    "advice-kind-deliveries": (
        "seuls les classeurs d'expéditions remplis par un partenaire s'importent ici ; "
        "donnez ce fichier à ordis allocate ou vérifiez-le avec ordis validate",
        "only dispatch workbooks filled in by a partner are imported here; give this file to "
        "ordis allocate or check it with ordis validate",
    ),
    "advice-kind-validate": (
        "indiquez --kind {kind} ou retirez --kind",
        "give --kind {kind} or leave --kind out",
    ),
    "word-kind-besoins": ("besoins", "needs"),
    "word-kind-dons": ("dons", "donations"),
    "word-kind-partenaires": ("partenaires", "partners"),
    "word-kind-livraisons": ("livraisons", "deliveries"),
    "rows-details-hint": (
        "(+n) : n autres cellules ont le même problème ; --details les liste toutes, "
        "--format json et --annotate aussi.",
        "(+n): n more cells have the same problem; --details lists them all, as do --format "
        "json and --annotate.",
    ),
    "rows-validate-hint": (
        "(+n) : n autres cellules ont le même problème ; ordis validate --details les liste "
        "toutes.",
        "(+n): n more cells have the same problem; ordis validate --details lists them all.",
    ),
}
