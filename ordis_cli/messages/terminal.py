"""What the terminal says around a command's work: progress steps, summaries, confirmations,
usage refusals of an option's value, the internal error.

Each entry: key (``term-…``, not a problem code) -> (French, English).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- progress steps (shown on a terminal, one line replaced by the next) ---
    "term-step-reading": (
        "Lecture et vérification des fichiers…",
        "Reading and checking the files…",
    ),
    "term-repeat-the-option": (
        "Une option prend une valeur : pour plusieurs fichiers, répétez-la (--needs "
        "semaine1.xlsx --needs semaine2.xlsx).",
        "An option takes one value: for several files, repeat it (--needs week1.xlsx --needs "
        "week2.xlsx).",
    ),
    "term-step-allocating": ("Allocation…", "Allocating…"),
    "term-step-writing": ("Écriture des classeurs…", "Writing the workbooks…"),
    "term-step-data": ("Fichiers d'exemple…", "Sample files…"),
    "term-step-validate": ("Vérification…", "Checking…"),
    "term-step-returns": (
        "Les partenaires remplissent leurs classeurs…",
        "Partners fill in their workbooks…",
    ),
    "term-step-importing": ("Import des livraisons…", "Importing deliveries…"),
    "term-step-report": ("Rapport…", "Report…"),
    "term-step-figures": ("Calcul des chiffres…", "Computing the figures…"),
    # --- ordis allocate: the summary table ---
    "term-alloc-title": ("Allocation n° {run}", "Run {run}"),
    "term-alloc-dry": (
        "Simulation (--dry-run) : rien n'est écrit ni enregistré",
        "Dry run: nothing written or recorded",
    ),
    "term-alloc-region": ("Région", "Region"),
    "term-alloc-total": ("Total", "Total"),
    "term-alloc-unmet": ("Non couvert", "Unmet"),
    "term-alloc-leftover": ("Stock restant", "Stock left"),
    "term-alloc-files": ("Fichiers :", "Files:"),
    "term-alloc-nothing": (
        "Rien de nouveau à allouer : les besoins couverts par les allocations précédentes ne "
        "sont pas servis deux fois.",
        "Nothing new to allocate: needs covered by earlier runs are not served twice.",
    ),
    "term-alloc-retired": (
        "Retirés (--retire-missing) : {structures}, {lots}.",
        "Retired (--retire-missing): {structures}, {lots}.",
    ),
    "term-alloc-workbook": ("tableau de l'allocation", "allocation workbook"),
    # --- refused option values (usage errors, exit 2) ---
    "term-data-sheet": ("donnees", "data"),
    "term-output-lost": (
        "la sortie de la commande n'a pas pu être écrite ({reason}) : seul ce qu'elle "
        "affichait est perdu, ce qu'elle avait déjà enregistré ou écrit est fait. Vérifiez "
        "avec « ordis runs list » avant de la relancer.",
        "the command's output could not be written ({reason}): only what it showed is lost; "
        "what it had already recorded or written is done. Check with “ordis runs list” "
        "before running it again.",
    ),
    "term-negative-number": (
        "« {value} » se lit comme une option : un numéro d'allocation s'écrit sans signe moins "
        "(ordis runs list les donne).",
        "“{value}” reads as an option: a run number is written without a minus sign (ordis "
        "runs list gives them).",
    ),
    "term-bad-substitute": (
        "« {value} » : attendu TYPE=TYPE[,TYPE], par exemple fixe=portable (types : portable, "
        "fixe, tablette, box_4g)",
        "“{value}”: expected TYPE=TYPE[,TYPE], for example desktop=laptop (types: laptop, "
        "desktop, tablet, 4G box)",
    ),
    "term-bad-kind": (
        "attendu besoins, dons, partenaires ou livraisons (needs, donations, partners, deliveries)",
        "expected needs, donations, partners or deliveries (besoins, dons, partenaires, "
        "livraisons)",
    ),
    "term-bad-file-format": ("xlsx ou csv", "xlsx or csv"),
    # --- a validation report in the terminal (validate, allocate, deliveries import) ---
    "term-report-heads": ("Cellule(s)|Gravité|Message", "Cell(s)|Severity|Message"),
    "term-report-error": ("erreur", "error"),
    "term-report-warning": ("avert.", "warning"),
    "term-report-where": (", feuille « {sheet} »", ", sheet “{sheet}”"),
    "term-report-colon": (" :", ":"),
    "term-report-unknown": ("type inconnu", "unknown kind"),
    "term-report-unreadable": ("illisible", "unreadable"),
    "term-report-more": (
        "… et {n} de plus : voir --format json ou --annotate.",
        "… and {n} more: see --format json or --annotate.",
    ),
    "term-report-ok": ("Aucun problème.", "No problem found."),
    "term-report-all-valid": ("✔ {files}", "✔ {files}"),
    "term-report-bad": ("✘ {bad} sur {files} avec des erreurs", "✘ {bad} of {files} with errors"),
    # counted words: "singular|plural" (``counting.counted_as``)
    "term-count-rows": ("ligne|lignes", "row|rows"),
    "term-count-errors": ("erreur|erreurs", "error|errors"),
    "term-count-warnings": ("avertissement|avertissements", "warning|warnings"),
    "term-count-files": ("fichier|fichiers", "file|files"),
    "term-count-valid": ("fichier valide|fichiers valides", "valid file|valid files"),
    # --- ordis deliveries import ---
    "term-imported": (
        "{path} : {new}, {updated}, {unchanged}, {pending} en attente{kept}.",
        "{path}: {new}, {updated}, {unchanged}, {pending} pending{kept}.",
    ),
    "term-imported-kept": (
        " (dont {kept} avec un commentaire conservé)",
        " ({kept} with a comment kept)",
    ),
    "term-nothing-recorded": (
        "Rien n'a été enregistré pour ce fichier.",
        "Nothing was recorded for this file.",
    ),
    # --- ordis runs show / cancel ---
    "term-runs-heads": (
        "N°|Créée le|Date d'envoi|Statut|Lignes|Unités|Livrées",
        "Run|Created|Run date|Status|Lines|Units|Delivered",
    ),
    "term-runs-partner-heads": (
        "Partenaire|Matériel|Lignes|Unités|Livrées",
        "Partner|Equipment|Lines|Units|Delivered",
    ),
    "term-role-besoins": ("besoins", "needs"),
    "term-role-dons": ("dons", "donations"),
    "term-role-partenaires": ("partenaires", "partners"),
    "term-status-active": ("active", "active"),
    "term-status-cancelled": ("annulée", "cancelled"),
    "term-status-writing": ("en écriture", "being written"),
    "term-count-units": ("unité|unités", "unit|units"),
    "term-count-days": ("jour|jours", "day|days"),
    "term-count-seconds": ("seconde|secondes", "second|seconds"),
    "term-count-lines": ("ligne|lignes", "line|lines"),
    "term-count-delivered": ("livrée|livrées", "delivered|delivered"),
    "term-count-freed": ("unité libérée|unités libérées", "unit freed|units freed"),
    "term-count-kept": ("livrée conservée|livrées conservées", "delivered kept|delivered kept"),
    "term-count-undelivered": (
        "unité non livrée|unités non livrées",
        "unit not delivered|units not delivered",
    ),
    "term-count-shipment-lines": ("ligne d'envoi|lignes d'envoi", "shipment line|shipment lines"),
    "term-count-structures": ("structure|structures", "facility|facilities"),
    "term-count-lots": ("lot|lots", "lot|lots"),
    "term-count-new": ("nouvelle|nouvelles", "new|new"),
    "term-count-updated": ("modifiée|modifiées", "updated|updated"),
    "term-count-unchanged": ("inchangée|inchangées", "unchanged|unchanged"),
    "term-count-partners": ("partenaire|partenaires", "partner|partners"),
    "term-count-cancelled-lines": (
        "ligne annulée|lignes annulées",
        "line cancelled|lines cancelled",
    ),
    "term-run-heading": (
        "Allocation n° {run} — envoi du {date}, {status} : {units} en {lines}, {delivered}",
        "Run {run} — dated {date}, {status}: {units} in {lines}, {delivered}",
    ),
    "term-run-policy": ("politique : {policy}", "policy: {policy}"),
    "term-policy-scope": ("portée {value}", "scope {value}"),
    "term-policy-share": ("partage {value}", "share {value}"),
    "term-policy-method": ("méthode {value}", "method {value}"),
    "term-policy-cap": ("plafond {value}", "cap {value}"),
    "term-policy-none": ("aucun", "none"),
    "term-policy-substitution": ("{need} remplacé par {instead}", "{need} replaced by {instead}"),
    "term-policy-date": ("date {value}", "date {value}"),
    "term-policy-or": (" ou ", " or "),
    "term-run-would-cancel": (
        "Allocation n° {run} : son annulation libérerait {units}, {kept} ; rien n'a été "
        "changé (--dry-run).",
        "Run {run}: cancelling it would free {units}, {kept}; nothing was changed (--dry-run).",
    ),
    "term-run-cancelled": (
        "Allocation n° {run} annulée : {freed}, {kept}.",
        "Run {run} cancelled: {freed}, {kept}.",
    ),
    "term-run-confirm": (
        "Annuler l'allocation n° {run} et libérer {units} ? [o/N] ",
        "Cancel run {run} and free {units}? [y/N] ",
    ),
    "term-yes-words": ("o oui y yes", "y yes"),  # the answers that confirm, space-separated
    "term-unchanged": ("Rien n'a été changé.", "Nothing was changed."),
    # --- ordis shipments cancel ---
    "term-shipments-cancelled": (
        "{lines} ({ids}) ; unités libérées : {freed}.",
        "{lines} ({ids}); units freed: {freed}.",
    ),
    "term-device-count": ("{device} : {count}", "{device}: {count}"),
    # --- ordis ledger upgrade ---
    "term-ledger-current": (
        "Registre {ledger} déjà au format {now} : rien à faire, il n'a pas été modifié.",
        "Ledger {ledger} already in format {now}: nothing to do, it was not changed.",
    ),
    "term-ledger-undone": (
        "Registre {ledger} au format {now} : l'écriture interrompue a été annulée. Il est tel "
        "que la dernière commande terminée l'a laissé.",
        "Ledger {ledger} in format {now}: the interrupted write was undone. It is as the last "
        "command that finished left it.",
    ),
    "term-ledger-upgraded": (
        "Registre {ledger} mis à jour du format {found} au format {now}. Copie du registre "
        "d'avant : {backup}",
        "Ledger {ledger} upgraded from format {found} to format {now}. Copy of the ledger as "
        "it was: {backup}",
    ),
    "term-ledger-upgraded-in-place": (
        "Registre {ledger} mis à jour du format {found} au format {now}, en une transaction "
        "(PostgreSQL : gardez vos sauvegardes pg_dump habituelles).",
        "Ledger {ledger} upgraded from format {found} to format {now}, in one transaction "
        "(PostgreSQL: keep your usual pg_dump backups).",
    ),
    "term-ledger-copied": (
        "Registre {source} copié dans {target} et vérifié (mêmes lignes, mêmes chiffres du "
        "rapport). Allocations : {runs} ; lignes d'envoi : {shipments} ; besoins : {needs} ; "
        "lots et dons : {lots}.",
        "Ledger {source} copied into {target} and checked (same rows, same report figures). "
        "Runs: {runs}; shipment lines: {shipments}; needs: {needs}; lots and gifts: {lots}.",
    ),
    # --- ordis demo ---
    "term-demo-heads": ("Fichier|Ce que c'est|Commande", "File|What it is|Command"),
    "term-demo-open": ("Ouvrez la page de synthèse : {path}", "Open the summary page: {path}"),
    "term-demo-where": (
        "Les commandes de la dernière colonne se lancent dans le dossier : cd {path}",
        "The commands of the last column run from the folder: cd {path}",
    ),
    # --- ordis demo: the tour of what was written ---
    "term-demo-data": (
        "les fichiers d'exemple : besoins, dons, partenaires",
        "the sample files: needs, donations, partners",
    ),
    "term-demo-dispatch": (
        "{count} classeurs d'envoi, un par partenaire, et allocation.xlsx",
        "{count} dispatch workbooks, one per partner, and allocation.xlsx",
    ),
    "term-demo-ledger": (
        "le registre : allocation, envois, livraisons",
        "the ledger: run, shipments, deliveries",
    ),
    "term-demo-returns": (
        "les classeurs remplis par les partenaires",
        "the workbooks as partners filled them in",
    ),
    "term-demo-rapport.md": ("le rapport pour l'équipe (Markdown)", "the team's report (Markdown)"),
    "term-demo-communique.md": ("le projet de communiqué de presse", "the press-release draft"),
    "term-demo-rapport.html": (
        "la page de synthèse avec ses graphiques (HTML autonome)",
        "the summary page with its charts (self-contained HTML)",
    ),
    "term-demo-rapport.xlsx": ("les chiffres et graphiques Excel", "the figures and Excel charts"),
    "term-demo-rapport.json": ("les chiffres en JSON", "the figures as JSON"),
    # --- words put in other sentences: what is wrong in a file, written files' names ---
    "term-xml-file": ("fichier XML", "XML"),
    "term-archive-method": (
        "méthode de compression non prise en charge",
        "unsupported compression method",
    ),
    "term-archive-encrypted": ("partie chiffrée", "encrypted part"),
    "term-archive-data": ("données compressées endommagées", "damaged compressed data"),
    "term-archive-damaged": ("archive endommagée", "damaged archive"),
    "term-archive-truncated": ("archive tronquée", "truncated archive"),
    "term-problems-sheet": ("problemes", "problems"),
    "term-annotated-suffix": ("_annote.xlsx", "_annotated.xlsx"),
    # --- the report: amounts, shares, lists, the week's letter on the curve ---
    "term-money": ("{amount}\u00a0€", "€{amount}"),
    "term-percent": ("{value}\u00a0%", "{value}%"),
    "term-and": (" et ", " and "),
    "term-week-letter": ("S", "W"),
    # --- every command ---
    "term-aborted": ("Abandon.", "Aborted!"),
    "term-internal-error": (
        "Erreur interne d'ordis ({kind}). Relancez avec --debug et signalez-la.",
        "ordis internal error ({kind}). Run again with --debug and report it.",
    ),
}
