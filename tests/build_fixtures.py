"""Builds the fixture files of tests/data. Run it from the repository root after changing it:

    python tests/build_fixtures.py

It needs, besides ordis' own dependencies, xlwt (legacy .xls) and odfpy (.ods); the files it
writes are committed, so the test suite does not need them. Every name, address and contact
below is fictional. The row numbers that the tests expect are noted beside the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import xlwt

from ordis_cli.dispatch.columns import DISPATCH

DATA = Path(__file__).parent / "data"

NEEDS_HEADER_FR = [
    "Identifiant structure",
    "Nom de la structure",
    "Type",
    "Département",
    "Code postal",
    "Commune",
    "Adresse",
    "Contact",
    "E-mail",
    "Téléphone",
    "Nombre d'enfants",
    "Accès internet",
    "Priorité",
    "Date de la demande",
    "Portables",
    "Fixes",
    "Tablettes",
    "Box 4G",
]

# Good needs rows; the xlsx keeps some cells as numbers and real dates on purpose. The
# first structure asks again in the last row.
TILLEULS: list[object] = [
    "010000001",
    "MECS Les Tilleuls",
    "MECS",
    1,
    1000,
    "Bourg-en-Bresse",
    "3 rue des Écoles",
    "Camille Martin",
    "camille.martin@tilleuls.exemple.org",
    "04 74 00 00 01",
    24,
    "oui",
    "urgente",
    dt.datetime(2020, 4, 2),
    6,
    0,
    2,
    0,
]
NEEDS_OK = [
    TILLEULS,
    [
        "2A0000002",
        "Foyer de l'enfance d'Ajaccio",
        "foyer de l'enfance",
        "2A",
        "20090",
        "Ajaccio",
        "12 cours Napoléon",
        "Nadia Benali",
        "n.benali@foyer-ajaccio.exemple.org",
        "0495000002",
        15,
        "non",
        "haute",
        43936,
        3,
        0,
        0,
        2,
    ],
    [
        "210000003",
        "Lieu de vie La Source",
        "lieu de vie",
        "Côte-d'Or",
        "21000",
        "Dijon",
        "8 chemin des Vignes",
        "Julien Roux",
        "",
        "03 80 00 00 03",
        8,
        "oui",
        "",
        "15/04/2020",
        "12,0",
        0,
        0,
        0,
    ],
    [
        "750000004",
        "Service de placement familial Paris Est",
        "placement familial",
        "75",
        "75011",
        "Paris",
        "40 boulevard Voltaire",
        "Sophie Garnier",
        "sgarnier@spf.exemple.org",
        "+33 1 40 00 00 04",
        30,
        "x",
        "normale",
        "2020-04-20",
        10,
        2,
        5,
        0,
    ],
    [
        "9740000005",
        "Pouponnière de Saint-Denis",
        "pouponnière",
        "974",
        "97400",
        "Saint-Denis",
        "5 rue de Paris",
        "Karim Diallo",
        "karim.diallo@poup974.exemple.org",
        "0262000005",
        12,
        "oui",
        "haute",
        dt.datetime(2020, 4, 10),
        0,
        0,
        4,
        0,
    ],
    # The same structure as the first row asking again: quantities add up.
    [*TILLEULS[:3], "01", "01000", *TILLEULS[5:13], dt.datetime(2020, 4, 9), 2, 0, 0, 0],
]


def _xlsx(path: Path, sheets: list[tuple[str, list[list[object]], str]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        ws = book.create_sheet(title)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    book.save(path)


def needs_ok() -> None:
    rows: list[list[object]] = [
        ["Recensement des besoins des structures — avril 2020"],
        [],
        NEEDS_HEADER_FR,
        *NEEDS_OK,
    ]
    # Row 3 is the header; data rows are 4..9. A hidden sheet holds a better-looking
    # header with rubbish below it: it must never be read.
    hidden = [
        NEEDS_HEADER_FR,
        ["X", "", "", "999", "", "", "", "", "", "", "", "", "", "", -1, 0, 0, 0],
    ]
    _xlsx(
        DATA / "besoins_ok.xlsx",
        [
            ("Notes", [["Fichier tenu par la coordination"], ["Ne pas diffuser"]], "visible"),
            ("Besoins", rows, "visible"),
            ("brouillon", hidden, "hidden"),
        ],
    )
    text_rows = [[_as_text(v) for v in row] for row in NEEDS_OK]
    # A French Excel export: Windows-1252, semicolons, a title row above the header.
    with (DATA / "besoins_export_excel.csv").open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Recensement des besoins"] + [""] * 17)
        writer.writerow(NEEDS_HEADER_FR)
        writer.writerows(text_rows)
        writer.writerow([""] * 18)  # an entirely empty row, skipped
    # English headers, UTF-8 with BOM, commas; the narrow no-break space as a separator.
    english = [
        "structure id",
        "structure name",
        "structure type",
        "department",
        "postcode",
        "city",
        "address",
        "contact name",
        "email",
        "phone",
        "number of children",
        "internet access",
        "priority",
        "request date",
        "laptops",
        "desktops",
        "tablets",
        "4G boxes",
    ]
    with (DATA / "needs_english.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=",")
        writer.writerow(english)
        for row in text_rows:
            writer.writerow(row)
        writer.writerow(
            [
                "130000006",
                "MECS Le Phare",
                "MECS",
                "13",
                "13008",
                "Marseille",
                "1 quai des Brumes",
                "Léa Perrin",
                "lea@phare.exemple.org",
                "0491000006",
                "1\u202f050",
                "yes",
                "high",
                "22/04/2020",
                "4",
                "0",
                "0",
                "0",
            ]
        )
    # Excel's "Unicode text": UTF-16 with tabs.
    with (DATA / "besoins_unicode.txt").open("w", encoding="utf-16", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\r\n")
        writer.writerow(NEEDS_HEADER_FR)
        writer.writerows(text_rows)
    # Legacy .xls and LibreOffice .ods.
    book = xlwt.Workbook()
    sheet = book.add_sheet("Besoins")
    for r, row in enumerate([NEEDS_HEADER_FR, *text_rows]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(DATA / "besoins.xls"))
    frame = pd.DataFrame(text_rows, columns=NEEDS_HEADER_FR)
    frame.to_excel(DATA / "besoins.ods", engine="odf", index=False, sheet_name="Besoins")


def _as_text(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value)


NEEDS_HEADER = [
    "id_structure",
    "nom_structure",
    "type_structure",
    "departement",
    "code_postal",
    "commune",
    "adresse",
    "contact_nom",
    "contact_email",
    "contact_telephone",
    "nb_enfants",
    "acces_internet",
    "priorite",
    "date_demande",
    "portables",
    "fixes",
    "tablettes",
    "box_4g",
    "remarques",
]


def _need(ident: str, **changes: str) -> list[str]:
    row = {
        "id_structure": ident,
        "nom_structure": f"Structure {ident}",
        "type_structure": "MECS",
        "departement": "69",
        "code_postal": "69003",
        "commune": "Lyon",
        "adresse": "1 rue Pasteur",
        "contact_nom": "Hugo Morel",
        "contact_email": "hugo@exemple.org",
        "contact_telephone": "0478000000",
        "nb_enfants": "10",
        "acces_internet": "oui",
        "priorite": "normale",
        "date_demande": "15/04/2020",
        "portables": "2",
        "fixes": "0",
        "tablettes": "0",
        "box_4g": "0",
        "remarques": "",
    }
    row.update(changes)
    return [row[c] for c in NEEDS_HEADER]


# Row numbers as seen in the spreadsheet: header on row 1, data from row 2.
NEEDS_ERRORS = [
    _need("S02"),  # 2: fine
    _need("S03", departement="100"),  # 3: unknown-departement
    _need("S04", departement="Bouches du Rone"),  # 4: suggestion 13
    _need("S05", portables="-2"),  # 5: bad-quantity negative
    _need("S06", portables="1,5"),  # 6: bad-quantity fraction
    _need("S07", portables="deux"),  # 7: bad-quantity text
    _need("S08", date_demande="04/25/2020"),  # 8: bad-date month first
    _need("S09", date_demande="31/02/2020"),  # 9: bad-date no such day
    _need("S10", contact_email="contact@"),  # 10: bad-email
    _need("S11", contact_telephone="12 34"),  # 11: bad-phone
    _need("S12", acces_internet="peut-être"),  # 12: bad-boolean
    _need("S13", priorite="urgnte"),  # 13: bad-priority
    _need("S14", type_structure="internat"),  # 14: unknown type
    _need("S15", portables="0"),  # 15: no-request
    _need("S16", nom_structure=""),  # 16: missing-value
    _need("S17", code_postal="13001"),  # 17: postal mismatch
    _need("S18", code_postal="690"),  # 18: bad-postal-code
    _need("S19", adresse=""),  # 19: missing-address
    _need("S20", acces_internet="non"),  # 20: suggest-4g-box
    _need("S21", portables="800"),  # 21: large-quantity
    _need("S02", departement="01", code_postal="01000"),  # 22: conflicting
    _need("S23", nb_enfants="-3"),  # 23: bad-number
    ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],  # 24: empty
    _need("", code_postal="1000", departement="1", commune="Bourg"),  # 25: missing id
]


def needs_errors() -> None:
    with (DATA / "besoins_erreurs.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(NEEDS_HEADER)
        writer.writerows(NEEDS_ERRORS)


# The donations file as a coordinator keeps it, written out rather than taken from
# file_columns.DONATIONS: the fixture pins its file, whatever columns ordis reads later
# (adresse_retrait and contact_retrait came after it).
DONATION_HEADER = [
    "id_don",
    "donateur",
    "type_donateur",
    "materiel",
    "quantite",
    "etat",
    "departement",
    "partenaire",
    "disponible_le",
    "montant_eur",
]


def donations() -> None:
    ok: list[list[object]] = [
        DONATION_HEADER,
        [
            "D1",
            "Groupe Héliade",
            "entreprise",
            "Ordinateur portable",
            40,
            "neuf",
            "92",
            "Relais Numérique Solidaire",
            dt.datetime(2020, 4, 6),
            None,
        ],
        [
            "D2",
            "Atelier du Réemploi",
            "reconditionneur",
            "PC fixe",
            12,
            "reconditionné",
            "69",
            "Logistique Solidaire Ouest",
            "20/04/2020",
            None,
        ],
        [
            "D3",
            "Horizon Mobile",
            "entreprise",
            "routeur 4G",
            100,
            "neuf",
            "75",
            "relais numerique solidaire",
            None,
            None,
        ],
        [
            "D4",
            "Fondation Horizon Jeunesse",
            "fondation",
            None,
            None,
            None,
            None,
            None,
            None,
            "15 000,50",
        ],
        ["D5", "Camille Lefèvre", "particulier", "iPad", 2, "reconditionne", 13, None, None, None],
    ]
    _xlsx(DATA / "dons_ok.xlsx", [("Dons", ok, "visible")])
    errors: list[list[object]] = [
        DONATION_HEADER,
        ["D1", "Groupe Héliade", "entreprise", "portable", 40, "neuf", "92", "", None, None],  # 2
        ["D1", "Groupe Héliade", "entreprise", "portable", 5, "neuf", "92", "", None, None],  # 3
        ["D3", "Nexora", "entreprise", "tablete", 10, "neuf", "75", "", None, None],  # 4
        ["D4", "Nexora", "entreprise", "portable", 0, "neuf", "75", "", None, None],  # 5
        ["D5", "Nexora", "entreprise", "portable", None, "neuf", "75", "", None, None],  # 6
        ["D6", "Nexora", "entreprise", "portable", 3, "neuf", None, "", None, None],  # 7
        ["D7", "Nexora", "entreprise", None, None, None, None, "", None, None],  # 8
        ["D8", "Nexora", "entreprise", None, None, None, None, "", None, "mille"],  # 9
        [
            "D9",
            "",
            "startup",
            "portable",
            3,
            "abîmé",
            "75",
            "Transports Martin",
            "31/02/2020",
            None,
        ],  # 10
    ]
    _xlsx(DATA / "dons_erreurs.xlsx", [("Dons", errors, "visible")])


def partners() -> None:
    rows = [
        ["partenaire", "zone", "contact_email", "capacite"],
        ["Relais Numérique Solidaire", "national", "envois@relais.exemple.org", "5000"],
        ["Logistique Solidaire Ouest", "Bretagne; Pays de la Loire, 69", "", "800"],
        ["Outre-mer Connect", "R01; R02; 973; La Réunion; Mayotte", "", ""],
    ]
    with (DATA / "partenaires_ok.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    bad = [
        ["Partenaire", "Zone de livraison", "E-mail", "Capacité"],
        ["Coursiers du Nord", "Hauts-de-Frence", "", "500"],  # 2: bad-zone, suggestion
        ["Coursiers du Nord", "59", "pas-un-email", "0"],  # 3: duplicate, email, cap 0
        ["Sud Transports", "", "", "beaucoup"],
    ]  # 4: missing zone, capacity
    with (DATA / "partenaires_erreurs.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(bad)


# A partner's returned workbook as ordis wrote it before the ``ecart`` column: its dispatch
# columns (dispatch/columns.py) but that one.
DELIVERY_HEADER = [column for column in DISPATCH if column != "ecart"]


def deliveries() -> None:
    def line(ident: str, shipped: int, when: object, delivered: object) -> list[object]:
        values: dict[str, object] = {
            "id_envoi": ident,
            "id_don": "D1",
            "donateur": "Groupe Héliade",
            "materiel": "portable",
            "quantite": shipped,
            "id_structure": "690000001",
            "nom_structure": "MECS Test",
            "adresse": "1 rue Pasteur",
            "code_postal": "69003",
            "commune": "Lyon",
            "departement": "69",
            "contact_nom": "Hugo Morel",
            "contact_telephone": "0478000000",
            "contact_email": "hugo@exemple.org",
            "livre_le": when,
            "quantite_livree": delivered,
            "commentaire": "",
        }
        return [values[column] for column in DELIVERY_HEADER]

    ok = [
        DELIVERY_HEADER,
        line("E-0001", 5, dt.datetime(2020, 4, 20), 5),
        line("E-0002", 3, "22/04/2020", 2),
        line("E-0003", 4, None, None),
    ]
    _xlsx(DATA / "livraisons_ok.xlsx", [("expeditions", ok, "visible")])
    bad = [
        DELIVERY_HEADER,
        line("E-0001", 5, "20/04/2099", 5),  # 2: future-date
        line("E-0002", 3, "22/04/2020", 7),  # 3: delivered-above-shipped
        line("E-0003", 4, None, 4),  # 4: delivery-without-date
        line("E-0003", 4, "23/04/2020", 4),
    ]  # 5: duplicate-id
    _xlsx(DATA / "livraisons_erreurs.xlsx", [("expeditions", bad, "visible")])


def shapes() -> None:
    """Files whose shape, not their values, is wrong."""
    with (DATA / "sans_entete.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([["a", "b", "c"], ["1", "2", "3"]])
    with (DATA / "colonne_manquante.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(
            [
                ["id_structure", "nom_structure", "portables", "Portable", "couleur"],
                ["S1", "MECS A", "2", "3", "bleu"],
            ]
        )
    with (DATA / "entete_seul.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerow([*NEEDS_HEADER[:4], "portables"])


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    needs_ok()
    needs_errors()
    donations()
    partners()
    deliveries()
    shapes()
    print("fixtures written to", DATA)
