"""The ledger and the import of partners' returns."""

MESSAGES: dict[str, tuple[str, str]] = {
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
        "No “read_me” (or “a_lire”) sheet holding the ledger identity (lines copied into "
        "another file, a CSV?): ordis cannot check that this workbook comes from this ledger. "
        "Every line is still checked against the ledger.",
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
        "In the “shipments” sheet, for each line delivered: “{date}” (the delivery date, "
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
        "ledger not found. “ordis allocate” creates it; give it with --ledger or ORDIS_LEDGER.",
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
        "cette base de données n'est pas un registre ordis (pas de table meta avec le format "
        "du registre) ; ordis n'y touche pas. Vérifiez ce que désigne --ledger.",
        "this database is not an ordis ledger (no meta table holding the ledger's format); "
        "ordis leaves it alone. Check what --ledger names.",
    ),
    "ledger-version": (
        "registre au format {found}, cette version d'ordis lit le format {expected}. Un "
        "registre d'un format antérieur se met à jour avec « ordis ledger upgrade » (une "
        "copie en est faite d'abord) ; un registre d'un format plus récent demande l'ordis "
        "qui l'a écrit. Le registre n'a pas été modifié.",
        "ledger in format {found}, this version of ordis reads format {expected}. A ledger of "
        "an earlier format is brought up to date with “ordis ledger upgrade” (a copy of it is "
        "made first); a ledger of a newer format needs the ordis that wrote it. The ledger "
        "was not changed.",
    ),
    "ledger-backup-failed": (
        "impossible de copier le registre avant sa mise à jour ({detail}) : rien n'a été "
        "changé. Libérez de la place ou donnez-vous le droit d'écrire dans son dossier, puis "
        "relancez « ordis ledger upgrade ».",
        "cannot copy the ledger before upgrading it ({detail}): nothing was changed. Free "
        "some space or get write access to its folder, then run “ordis ledger upgrade” again.",
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
    "ledger-interrupted": (
        "une écriture du registre a été interrompue (son journal « {journal} » est resté à "
        "côté) : ses chiffres ne sont pas sûrs tant qu'elle n'est pas annulée. Lancez « ordis "
        "ledger upgrade », qui l'annule sans rien perdre de ce qui était enregistré, puis "
        "recommencez. Ne supprimez pas ce journal : il sert à l'annuler.",
        "a write to the ledger was interrupted (its journal “{journal}” is still beside it): "
        "its figures cannot be trusted until that write is undone. Run “ordis ledger "
        "upgrade”, which undoes it without losing anything that was recorded, then try "
        "again. Do not delete that journal: it is what undoes the write.",
    ),
    "ledger-read-only": (
        "registre en lecture seule (le fichier ou son dossier) : cette commande doit y écrire. "
        "Donnez-vous le droit d'écriture ou travaillez sur une copie.",
        "read-only ledger (the file or its folder): this command has to write to it. Give "
        "yourself write access or work on a copy.",
    ),
    # --- a shared ledger on PostgreSQL (SPEC §7); the ledger's address, printed before
    # the message, never holds the password ---
    "ledger-pg-unreachable": (
        "serveur PostgreSQL injoignable ({detail}). Vérifiez que le serveur est "
        "démarré, et l'hôte et le port de l'adresse donnée à --ledger ou ORDIS_LEDGER.",
        "PostgreSQL server unreachable ({detail}). Check that the server is "
        "running, and the host and port of the address given to --ledger or ORDIS_LEDGER.",
    ),
    # libpq's and the server's reasons (in English there): ledger/pg_reasons.py
    "hint-pg-refused": ("connexion refusée", "connection refused"),
    "hint-pg-unknown-host": ("hôte inconnu", "unknown host"),
    "hint-pg-bad-port": ("numéro de port invalide", "invalid port number"),
    "hint-pg-timeout": ("délai de connexion dépassé", "connection timed out"),
    "hint-pg-no-route": ("réseau injoignable", "network unreachable"),
    "hint-pg-bad-address": ("adresse mal écrite", "address written wrong"),
    "hint-pg-rights": ("permission refusée", "permission denied"),
    "hint-pg-read-only": ("base en lecture seule", "read-only database"),
    "hint-pg-closed": ("le serveur a fermé la connexion", "the server closed the connection"),
    "hint-pg-too-many": ("trop de connexions au serveur", "too many connections to the server"),
    "hint-pg-said": ("PostgreSQL répond « {text} »", "PostgreSQL says “{text}”"),
    "ledger-pg-auth": (
        "le serveur PostgreSQL refuse la connexion : utilisateur ou mot de passe refusé. "
        "Le mot de passe se donne dans l'adresse, par PGPASSWORD ou dans ~/.pgpass ; "
        "ordis ne l'affiche jamais.",
        "the PostgreSQL server refuses the connection: user or password refused. The "
        "password is given in the address, by PGPASSWORD or in ~/.pgpass; ordis never "
        "prints it.",
    ),
    "ledger-pg-no-database": (
        "cette base n'existe pas sur le serveur PostgreSQL. Créez-la d'abord "
        "(createdb, voir « Un registre partagé pour une équipe » dans le README) : "
        "« ordis allocate » y crée ensuite le registre.",
        "this database does not exist on the PostgreSQL server. Create it first "
        "(createdb, see “A shared ledger for a team” in the README): “ordis allocate” then "
        "creates the ledger in it.",
    ),
    "ledger-pg-denied": (
        "droits insuffisants sur le registre PostgreSQL ({detail}) : rien n'a été "
        "enregistré. Demandez à l'administrateur de la base les droits de cette commande "
        "(README : « Un registre partagé pour une équipe »).",
        "not enough rights on the PostgreSQL ledger ({detail}): nothing was recorded. Ask "
        "the database's administrator for the rights this command needs (README: “A shared "
        "ledger for a team”).",
    ),
    "ledger-pg-failed": (
        "le serveur PostgreSQL a refusé l'opération ({detail}) : rien n'a été enregistré.",
        "the PostgreSQL server refused the operation ({detail}): nothing was recorded.",
    ),
    # --- ordis ledger copy SRC DST ---
    "ledger-copy-no-source": (
        "registre introuvable : la source de la copie (SRC) doit être un registre existant.",
        "ledger not found: the copy's source (SRC) must be an existing ledger.",
    ),
    "ledger-copy-target-used": (
        "la destination de la copie n'est pas neuve (un fichier ou un dossier existe à ce "
        "chemin, ou la base contient déjà des tables d'ordis) : ordis ne copie jamais "
        "par-dessus un registre. Donnez un chemin libre ou une base vide.",
        "the copy's destination is not new (a file or a folder exists at this path, or the "
        "database already holds ordis tables): ordis never copies over a ledger. Give a free "
        "path or an empty database.",
    ),
    "ledger-copy-mismatch": (
        "la copie relue diffère de l'original ({what}) : rien n'a été gardé, la destination "
        "est telle qu'avant. Signalez-le à l'équipe d'ordis.",
        "the copy, read back, differs from the original ({what}): nothing was kept, the "
        "destination is as it was. Report it to the ordis team.",
    ),
    # --- runs (runs show / cancel) ---
    "unknown-run": (
        "Aucune allocation n° {run} dans ce registre : « ordis runs list » les montre toutes.",
        "No run {run} in this ledger: “ordis runs list” shows them all.",
    ),
    "already-cancelled": (
        "L'allocation n° {run} est déjà annulée.",
        "Run {run} is already cancelled.",
    ),
    "run-writing": (
        "L'allocation n° {run} n'est pas terminée : ses classeurs sont en cours d'écriture, ou "
        "la commande a été interrompue. Relancez « ordis allocate » sur cet ordinateur : il la "
        "termine ou l'annule.",
        "Run {run} is not finished: its workbooks are being written, or the command was "
        "interrupted. Run “ordis allocate” again on this computer: it finishes or cancels it.",
    ),
    "run-delivered": (
        "L'allocation n° {run} est entièrement livrée : il n'y a rien à libérer, elle est "
        "conservée.",
        "Run {run} is fully delivered: there is nothing to free, it is kept.",
    ),
    "ledger-no-folder": (
        "le dossier {folder} n'existe pas : ordis ne crée pas de registre dans un dossier "
        "introuvable (un chemin mal tapé repartirait de zéro). Vérifiez --ledger ou "
        "ORDIS_LEDGER, ou créez d'abord le dossier.",
        "the folder {folder} does not exist: ordis does not create a ledger in a missing folder "
        "(a mistyped path would start again from zero). Check --ledger or ORDIS_LEDGER, or "
        "create the folder first.",
    ),
    "ledger-dangling-link": (
        "ce lien mène à {target}, qui n'existe pas : ordis n'y crée pas de registre. "
        "Vérifiez --ledger ou ORDIS_LEDGER, ou faites pointer le lien vers le registre.",
        "this link leads to {target}, which does not exist: ordis does not create a ledger "
        "there. Check --ledger or ORDIS_LEDGER, or point the link at the ledger.",
    ),
    "ledger-folder-is-file": (
        "{file} est un fichier, pas un dossier : le registre ne peut pas être créé dedans. "
        "Vérifiez --ledger ou ORDIS_LEDGER.",
        "{file} is a file, not a folder: the ledger cannot be created inside it. Check "
        "--ledger or ORDIS_LEDGER.",
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
    "ledger-expect-device": (
        "portable, fixe, tablette ou box_4g",
        "portable, fixe, tablette or box_4g",
    ),
    "ledger-expect-count": ("un nombre entier positif ou nul", "a whole number, zero or more"),
    "ledger-expect-positive": ("un nombre entier supérieur à 0", "a whole number above 0"),
    "ledger-expect-number": ("un nombre positif ou nul", "a number, zero or more"),
    "ledger-expect-date": ("une date AAAA-MM-JJ", "a date YYYY-MM-DD"),
    "ledger-expect-text": ("un texte", "a text"),
    "ledger-expect-status": ("active ou cancelled", "active or cancelled"),
    "ledger-expect-run": (
        "le numéro d'une allocation du registre",
        "the number of a run in the ledger",
    ),
    "ledger-expect-departement": (
        "un code de département (01 à 95, 2A, 2B, 971 à 974, 976)",
        "a department code (01 to 95, 2A, 2B, 971 to 974, 976)",
    ),
    "ledger-expect-flag": ("0, 1 ou vide", "0, 1 or empty"),
    "ledger-expect-gap": ("perdu, hors service ou vide", "perdu, hors service or empty"),
    # --- shortfalls and single lines cancelled (issue 9) ---
    "unknown-gap": (
        "Écart « {value} » non reconnu : indiquez « perdu » (unités perdues ou volées) ou "
        "« hors service » (unités cassées, hors d'usage), ou laissez vide si les unités non "
        "livrées retournent au stock.",
        "Gap “{value}” not recognised: write “lost” (units lost or stolen) or “out of "
        "order” (units broken, unusable), or leave it empty if the units not delivered go "
        "back to the stock.",
    ),
    "gap-without-date": (
        "Écart « {value} » sur une ligne sans date de livraison : indiquez dans « {column} » "
        "la date à laquelle la ligne a été close (jj/mm/aaaa), ou videz l'écart.",
        "Gap “{value}” on a line without a delivery date: write in “{column}” the date the "
        "line was closed (dd/mm/yyyy), or empty the gap.",
    ),
    "gap-without-shortfall": (
        "Écart « {value} » sur une ligne dont la quantité livrée n'est pas inférieure à la "
        "quantité expédiée ({shipped}) : indiquez dans « {column} » ce qui a vraiment été "
        "livré (0 si rien), ou videz l'écart.",
        "Gap “{value}” on a line whose delivered quantity is not below the quantity shipped "
        "({shipped}): write in “{column}” what was really delivered (0 if nothing), or empty "
        "the gap.",
    ),
    "shipment-line-cancelled": (
        "L'envoi « {value} » a été annulé ({when}, « ordis shipments cancel ») : ses unités "
        "ont pu être attribuées ailleurs, il ne prend plus de livraison. Vérifiez avec la "
        "coordination.",
        "Shipment “{value}” was cancelled ({when}, “ordis shipments cancel”): its units may "
        "have gone elsewhere, it takes no delivery any more. Check with the coordination.",
    ),
    "cancel-delivered": (
        "L'envoi « {value} » est déjà livré (le {when}) : une ligne livrée ne s'annule pas. "
        "Si des unités manquent, indiquez-le dans le classeur retourné (« Quantité livrée », "
        "« Écart ») et importez-le.",
        "Shipment “{value}” is already delivered (on {when}): a delivered line cannot be "
        "cancelled. If units are missing, say so in the returned workbook (“Delivered "
        "quantity”, “Gap”) and import it.",
    ),
    "cancel-run-cancelled": (
        "L'envoi « {value} » appartient à l'allocation n° {run}, déjà annulée : ses unités "
        "sont déjà libérées.",
        "Shipment “{value}” belongs to run {run}, already cancelled: its units are already free.",
    ),
    "cancel-already-cancelled": (
        "L'envoi « {value} » est déjà annulé ({when}).",
        "Shipment “{value}” is already cancelled ({when}).",
    ),
    "confirmation-needed": (
        "l'annulation de l'allocation n° {run} doit être confirmée : sans terminal pour la "
        "question, ajoutez --yes (ou --dry-run pour voir d'abord ce qui serait libéré). Rien "
        "n'a été changé.",
        "cancelling run {run} must be confirmed: with no terminal to ask, add --yes (or "
        "--dry-run to see first what would be freed). Nothing was changed.",
    ),
}
