"""Allocation: why a line was made or a need unmet, what ordis writes, and the input files
against what the ledger knows."""

MESSAGES: dict[str, tuple[str, str]] = {
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
    "round-departement": ("département", "department"),
    "round-region": ("région", "region"),
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
        "no partner delivers this department with the stock left",
    ),
    "reason-partner-capacity": (
        "partenaires à pleine capacité pour cet envoi",
        "partners at full capacity for this run",
    ),
    # --- writing outputs (SPEC §1: what ordis writes; exit 2) ---
    "out-not-empty": (
        "ce dossier existe et n'est pas vide : ordis n'écrit jamais dans un dossier qui contient "
        "déjà des fichiers. Choisissez un dossier neuf avec {option}{free}.",
        "this folder exists and is not empty: ordis never writes into a folder that already "
        "holds files. Choose a new folder with {option}{free}.",
    ),
    "hint-free-name": (
        ", ou omettez {option} pour un nom libre",
        ", or leave {option} out for a free name",
    ),
    "out-is-a-file": (
        "c'est un fichier, pas un dossier : ordis ne le remplace pas. Choisissez un autre "
        "chemin pour {option}.",
        "this is a file, not a folder: ordis does not replace it. Choose another path for "
        "{option}.",
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
        "the folder meant to hold it does not exist ({detail}). Create it or choose another path.",
    ),
    "write-not-a-folder": (
        "un fichier porte le nom d'un dossier attendu sur ce chemin ({detail}). Choisissez un "
        "autre chemin.",
        "a file stands where a folder is expected on this path ({detail}). Choose another path.",
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
    # the values of a column a person reads in a workbook or a summary: French writes the
    # files' own codes (SPEC §2), English its words, which the readers accept back
    "value-priorite-urgente": ("urgente", "urgent"),
    "value-priorite-haute": ("haute", "high"),
    "value-priorite-normale": ("normale", "normal"),
    "value-etat-neuf": ("neuf", "new"),
    "value-etat-reconditionne": ("reconditionne", "refurbished"),
    "value-plan-glouton-demande": ("glouton-demande", "greedy-demand"),
    "value-plan-glouton-equitable": ("glouton-equitable", "greedy-equitable"),
    "value-plan-optimal": ("optimal", "optimal"),
    "value-type_structure-autre": ("autre", "other"),
    "value-type_donateur-entreprise": ("entreprise", "company"),
    "value-type_donateur-fondation": ("fondation", "foundation"),
    "value-type_donateur-association": ("association", "association"),
    "value-type_donateur-particulier": ("particulier", "private"),
    "value-type_donateur-reconditionneur": ("reconditionneur", "refurbisher"),
    "value-type_donateur-collectivite": ("collectivite", "local authority"),
    "value-type_donateur-etat": ("etat", "state"),
}
