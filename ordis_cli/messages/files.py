"""Files that cannot be used at all, and the reading limits (exit 2)."""

MESSAGES: dict[str, tuple[str, str]] = {
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
        "La feuille « {sheet} » va jusqu'à la ligne {rows} ; la limite est de 1 000 000 lignes "
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
        "endommagé, ou très grand (un classeur d'un million de lignes l'est) : exportez-le en "
        "CSV depuis votre tableur (lu avec bien moins de mémoire), ou découpez-le.",
        "Unreadable file: reading it needed more than {limit} MB of memory. It is damaged, or "
        "very large (a workbook of a million rows is): export it as CSV from your spreadsheet "
        "(read with far less memory), or split it.",
    ),
    "sample-xlsx-too-large": (
        "Un échantillon de {structures} structures en classeur .xlsx serait trop grand pour "
        "qu'ordis le relise : un tel classeur demande plus de 1 Go de mémoire à lire (au plus "
        "{most} structures en .xlsx). Écrivez-le en CSV : --file-format csv.",
        "A sample of {structures} structures as an .xlsx workbook would be too large for ordis "
        "to read back: such a workbook needs more than 1 GB of memory to read (at most {most} "
        "structures as .xlsx). Write it as CSV: --file-format csv.",
    ),
    "parser-timeout": (
        "Fichier illisible : sa lecture n'a pas abouti en {seconds}. Il est "
        "probablement endommagé : enregistrez-en une copie depuis votre tableur, ou "
        "exportez-le en CSV.",
        "Unreadable file: reading it did not finish within {seconds}. It is probably "
        "damaged: save a copy from your spreadsheet, or export it as CSV.",
    ),
    # --- options and installation (exit 2) ---
    "bad-policy": (
        "politique d'allocation invalide ({detail}). Attendu : scope, cap, share, method, "
        "date, [substitutions], [coordination] comme le montre le README.",
        "invalid allocation policy ({detail}). Expected: scope, cap, share, method, date, "
        "[substitutions], [coordination] as the README shows.",
    ),
    "hint-policy-options": ("option invalide ({detail}).", "invalid option ({detail})."),
    # what is wrong with a value of the policy (pydantic says it in English)
    "hint-policy-value": ("{name} : {fault}", "{name}: {fault}"),
    "hint-policy-where": ("{name} ({path}, ligne {line})", "{name} ({path}, line {line})"),
    "hint-policy-unknown-key": ("clé inconnue", "unknown key"),
    "hint-policy-whole-number": (
        "un nombre entier est attendu, pas « {value} »",
        "a whole number is expected, not “{value}”",
    ),
    "hint-policy-at-least": (
        "au moins {limit} est attendu, pas « {value} »",
        "at least {limit} is expected, not “{value}”",
    ),
    "hint-policy-one-of": (
        "valeurs possibles : {choices}, pas « {value} »",
        "possible values: {choices}, not “{value}”",
    ),
    "hint-policy-date": (
        "une date est attendue (2020-04-20), pas « {value} »",
        "a date is expected (2020-04-20), not “{value}”",
    ),
    "hint-policy-text": (
        "un texte est attendu, pas « {value} »",
        "a text is expected, not “{value}”",
    ),
    "hint-policy-list": (
        'une liste est attendue (["portable", "tablette"]), pas « {value} »',
        'a list is expected (["laptop", "tablet"]), not “{value}”',
    ),
    "hint-policy-table": (
        "une table est attendue, pas « {value} »",
        "a table is expected, not “{value}”",
    ),
    "hint-policy-self-substitution": (
        "« {device} » ne peut pas se remplacer lui-même",
        "“{device}” cannot stand in for itself",
    ),
    "hint-policy-twice-substituted": (
        "« {first} » et « {again} » sont le même matériel : une seule liste par matériel",
        "“{first}” and “{again}” are the same device: one list per device",
    ),
    "hint-policy-invalid": (
        "« {value} » n'est pas une valeur valide",
        "“{value}” is not a valid value",
    ),
    # the system's reasons (os.strerror is English): system_reasons.py
    "hint-os-not-found": ("fichier ou dossier introuvable", "no such file or folder"),
    "hint-os-denied": ("permission refusée", "permission denied"),
    "hint-os-not-permitted": ("opération non permise", "operation not permitted"),
    "hint-os-disk-full": ("plus de place sur le disque", "no space left on the disk"),
    "hint-os-quota": ("quota de disque dépassé", "disk quota exceeded"),
    "hint-os-read-only": ("disque en lecture seule", "read-only disk"),
    "hint-os-not-a-folder": (
        "un élément du chemin n'est pas un dossier",
        "a part of the path is not a folder",
    ),
    "hint-os-is-a-folder": ("c'est un dossier", "it is a folder"),
    "hint-os-exists": ("existe déjà", "already exists"),
    "hint-os-name-too-long": ("nom trop long", "name too long"),
    "hint-os-input-output": (
        "erreur de lecture ou d'écriture du disque",
        "disk input/output error",
    ),
    "hint-os-too-many-open": ("trop de fichiers ouverts", "too many open files"),
    "hint-os-links": ("trop de liens symboliques", "too many symbolic links"),
    "hint-os-busy": ("fichier occupé", "file busy"),
    "hint-os-other": ("erreur système {code}", "system error {code}"),
    "hint-no-such-file": ("{path} : fichier introuvable", "{path}: file not found"),
    "hint-unreadable-file": ("{path} : fichier illisible", "{path}: the file cannot be read"),
    "bad-day-given": (
        "« {value} » n'est pas une date : écrivez-la 2020-04-20 ou 20/04/2020.",
        "“{value}” is not a date: write it 2020-04-20 or 20/04/2020.",
    ),
    "bad-report-format": (
        "formats possibles : {formats} (séparés par des virgules), pas « {value} »",
        "possible formats: {formats} (separated by commas), not “{value}”",
    ),
    "no-templates": (
        "modèles de rapport introuvables (dossier templates/) : réinstallez ordis ou indiquez "
        "ORDIS_TEMPLATES.",
        "report templates not found (templates/ folder): reinstall ordis or set ORDIS_TEMPLATES.",
    ),
    "annotate-over-input": (
        "--annotate {target} écraserait un fichier d'entrée : choisissez un autre nom.",
        "--annotate {target} would overwrite an input file: choose another name.",
    ),
    # --- --columns FILE.toml (exit 2) ---
    "columns-file-missing": (
        "--columns {path} : fichier de correspondance introuvable ou illisible. Attendu : un "
        "fichier TOML avec une table par type de fichier ([besoins], [dons]…).",
        "--columns {path}: mapping file not found or unreadable. Expected: a TOML file with "
        "one table per kind of file ([besoins], [dons]…).",
    ),
    "columns-bad-toml": (
        "--columns {path}, ligne {line} : ce n'est pas du TOML valide ({detail}). Attendu, par "
        'exemple : "Nom de votre structure" = "nom_structure" sous [besoins].',
        "--columns {path}, line {line}: this is not valid TOML ({detail}). Expected, for "
        'example: "Name of your home" = "nom_structure" under [besoins].',
    ),
    # where a TOML file (the policy, --columns) breaks the syntax (tomllib says it in English)
    "hint-toml-at": ("colonne {column} : {fault}", "column {column}: {fault}"),
    "hint-toml-at-end": ("à la fin du fichier : {fault}", "at the end of the file: {fault}"),
    "hint-toml-value": (
        'valeur non reconnue (un texte s\'écrit entre guillemets : "national")',
        'value not recognised (text is written in quotes: "national")',
    ),
    "hint-toml-unfinished": (
        "une valeur manque, ou une liste n'est pas refermée",
        "a value is missing, or a list is not closed",
    ),
    "hint-toml-equals": ("« = » attendu après le nom", "“=” expected after the name"),
    "hint-toml-table-name": (
        "« {bracket} » attendu à la fin du nom de la table",
        "“{bracket}” expected at the end of the table's name",
    ),
    "hint-toml-list": ("liste non refermée : « ] » manque", "list not closed: “]” is missing"),
    "hint-toml-inline-table": (
        "table non refermée : l'accolade fermante manque",
        "table not closed: the closing brace is missing",
    ),
    "hint-toml-string": (
        "texte non refermé : un guillemet manque",
        "text not closed: a quotation mark is missing",
    ),
    "hint-toml-twice": ("ce nom est déjà donné plus haut", "this name is already given above"),
    "hint-toml-statement": (
        "ligne non reconnue : « nom = valeur » ou « [table] » attendu (un nom accentué "
        "s'écrit entre guillemets)",
        "line not recognised: “name = value” or “[table]” expected (a name with accents is "
        "written in quotes)",
    ),
    "hint-toml-line-end": (
        "la fin de la ligne n'est pas comprise : une valeur par ligne, un texte entre guillemets",
        "the end of the line is not understood: one value a line, text in quotes",
    ),
    "hint-toml-escape": (
        "« \\u » suivi d'un code de caractère invalide : écrivez le caractère lui-même",
        "“\\u” followed by an invalid character code: write the character itself",
    ),
    "hint-toml-backslash": (
        "« \\ » dans un texte : doublez-le, ou mettez le texte entre apostrophes",
        "“\\” in a text: double it, or put the text in single quotes",
    ),
    "hint-toml-date": (
        "date non valide (écrivez-la 2020-04-20)",
        "invalid date (write it 2020-04-20)",
    ),
    "hint-toml-character": ("caractère non permis ici", "character not allowed here"),
    "hint-toml-other": ("syntaxe non reconnue", "syntax not recognised"),
    "hint-toml-not-utf8": (
        "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8",
        "the file is not UTF-8: save it as UTF-8",
    ),
    "columns-unknown-kind": (
        "--columns {path}, ligne {line} : type de fichier « {value} » inconnu. Attendu : "
        "{kinds} (ou needs, donations, partners, deliveries).",
        "--columns {path}, line {line}: unknown kind of file “{value}”. Expected: {kinds} "
        "(or needs, donations, partners, deliveries).",
    ),
    "columns-not-table": (
        "--columns {path}, ligne {line} : « {value} » doit être une table ([{value}]) "
        "d'intitulés et de colonnes.",
        "--columns {path}, line {line}: “{value}” must be a table ([{value}]) of headers and "
        "columns.",
    ),
    "columns-nested-table": (
        "--columns {path}, ligne {line} : [{value}] : une table dans [{kind}] n'est pas "
        'attendue ; chaque ligne de [{kind}] s\'écrit "Intitulé du fichier" = "colonne".',
        "--columns {path}, line {line}: [{value}]: a table inside [{kind}] is not expected; "
        'each line of [{kind}] is written "Header in the file" = "column".',
    ),
    "columns-unknown-column": (
        "--columns {path}, ligne {line} : « {header} » = « {value} » : colonne inconnue "
        "pour [{kind}]. Colonnes possibles : {columns}.",
        "--columns {path}, line {line}: “{header}” = “{value}”: unknown column for "
        "[{kind}]. Possible columns: {columns}.",
    ),
    "columns-empty-header": (
        "--columns {path}, ligne {line} : un intitulé vide (sans lettre ni chiffre) ne peut "
        "pas désigner « {column} ».",
        "--columns {path}, line {line}: an empty header (no letter or digit) cannot stand for "
        "“{column}”.",
    ),
}
