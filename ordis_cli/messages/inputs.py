"""Problems of names (partners, donors, donor types) and of rows or columns that must never
be silently dropped (quantity headers, totals rows, hidden rows, merged cells)."""

MESSAGES: dict[str, tuple[str, str]] = {
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
        "reports. Expected company, foundation, association, private, refurbisher, local "
        "authority or state.",
    ),
    "private-lot-no-partner": (
        "Lot « {value} » d'un particulier, sans partenaire : aucun partenaire ne couvre son "
        "département, et un particulier ne reçoit jamais l'adresse d'une structure. Lot laissé "
        "de côté : indiquez un partenaire dans « partenaire » ou ajoutez un partenaire national.",
        "Lot “{value}” of a private donor, with no partner: no partner covers its department, "
        "and a private person never receives a structure's address. Lot left out: name a "
        "partner in “partenaire” or add a national partner.",
    ),
    "no-donor-type-column": (
        "Pas de colonne « type_donateur » : tous les donateurs sont traités comme des "
        "particuliers, jamais nommés dans les rapports. Ajoutez la colonne (entreprise, "
        "fondation, association, particulier…) pour remercier les organisations par leur nom.",
        "No donor type column (“type_donateur” or “donor type”): every donor is treated as a "
        "private person, never named in the reports. Add the column (company, foundation, "
        "association, private…) to thank organisations by name.",
    ),
    # --- inputs never silently dropped (SPEC §2: quantity headers, totals, layout) ---
    "unmapped-quantity-column": (
        "Colonne {col} « {value} » : elle semble donner un nombre de matériels mais ne "
        "correspond à aucune colonne connue ; ignorée, ses demandes seraient perdues. {advice}",
        "Column {col} “{value}”: it seems to give a number of devices but matches no known "
        "column; ignored, its requests would be lost. {advice}",
    ),
    "advice-rename-one": (
        "Elle désigne sans doute {suggestion} : renommez l'en-tête ainsi, ou associez-le "
        "à cette colonne avec --columns.",
        "It probably means {suggestion}: rename the header so, or map it to that column with "
        "--columns.",
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
        "A donations file gives one lot per row: the device in “equipment” (laptop, desktop, "
        "tablet, 4G box) and the number in “quantity”.",
    ),
    "missing-quantity-column": (
        "Aucune colonne de quantité dans l'en-tête (ligne {row}) : au moins une des colonnes "
        "portables, fixes, tablettes, box_4g est attendue, sinon aucune demande ne peut être lue.",
        "No quantity column in the header (row {row}): at least one of laptops, desktops, "
        "tablets, 4G boxes is expected, otherwise no request can be read.",
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
}
