"""Builds the real-world corpus: files shaped like those coordinators receive (SPEC §2).

    python tests/data/real_world/build.py

Web-form exports (Google Forms in French and English, Framaforms, Typeform: question
headers, a timestamps column, one row per answer), French Excel CSV (``;``, Windows-1252,
UTF-8 with BOM), a LibreOffice ``.ods``, workbooks with merged title rows, totals rows,
hidden rows, merged cells, a notes sheet, English headers, mixed date styles. Every name,
address, number and contact is fictional (``exemple.org`` addresses, ``01 02…`` phones,
identifiers that are no real FINESS number). Deterministic: the same files every run (fixed
data, fixed zip dates). What each file should give is in ``tests/test_real_world.py``; the
``.toml`` files are the ``--columns`` mappings the form exports need.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).parent
FIXED = dt.datetime(2020, 4, 20, 9, 0, 0)

TOWNS = [
    ("01", "01000", "Bourg-en-Bresse"),
    ("13", "13001", "Marseille"),
    ("33", "33000", "Bordeaux"),
    ("59", "59000", "Lille"),
    ("69", "69003", "Lyon"),
    ("75", "75011", "Paris"),
    ("93", "93200", "Saint-Denis"),
    ("2A", "20000", "Ajaccio"),
    ("974", "97400", "Saint-Denis"),
    ("35", "35000", "Rennes"),
]
NAMES = [
    "Les Tilleuls",
    "La Source",
    "Le Phare",
    "Les Coquelicots",
    "L'Envol",
    "Les Mésanges",
    "Le Fil d'Ariane",
    "La Passerelle",
    "Les Oliviers",
    "Le Chêne",
]
KINDS = ["MECS", "foyer de l'enfance", "lieu de vie", "pouponnière", "placement familial"]
PEOPLE = [
    "Camille Martin",
    "Nadia Benali",
    "Julien Roux",
    "Inès Moreau",
    "Paul Lefèvre",
    "Sofia Garcia",
    "Hugo Bernard",
    "Léa Petit",
    "Yanis Durand",
    "Chloé Laurent",
]


def structure(i: int) -> dict[str, object]:
    """The ``i``-th fictional structure: the same every run."""
    dept, postal, town = TOWNS[i % len(TOWNS)]
    person = PEOPLE[i % len(PEOPLE)]
    login = person.lower().replace(" ", ".").replace("è", "e").replace("é", "e")
    return {
        "id": f"ASE-{100 + i}",
        "name": f"{KINDS[i % len(KINDS)].capitalize()} {NAMES[i % 10]}",
        "kind": KINDS[i % len(KINDS)],
        "dept": dept,
        "postal": postal,
        "town": town,
        "address": f"{3 + i} rue des Écoles",
        "person": person,
        "email": f"{login}@exemple.org",
        "phone": f"01 02 03 04 {i % 90 + 10:02d}",
        "children": 6 + (i * 7) % 30,
        "internet": "Non" if i % 3 == 0 else "Oui",
        "laptops": (i * 3) % 7,
        "tablets": (i * 5) % 4,
        "desktops": i % 2,
        "boxes": i % 3,
        "when": dt.datetime(2020, 3, 25, 8, 30) + dt.timedelta(days=i % 20, minutes=37 * i),
    }


def answers(first: int, count: int) -> Iterator[tuple[int, dict[str, object], dt.datetime]]:
    """The ``count`` structures from the ``first``-th on, each with its number (from 0) and
    the time of its answer to the form."""
    for i in range(count):
        s = structure(first + i)
        when = s["when"]
        assert isinstance(when, dt.datetime)
        yield i, s, when


# What a Google Forms export says of a structure, in the order of its questions.
GOOGLE_ANSWERS = ("email", "name", "id", "dept", "person", "phone", "children")


def write_csv(
    name: str,
    header: list[str],
    rows: list[list[object]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    (HERE / name).write_bytes(buffer.getvalue().encode(encoding))


def save(book: openpyxl.Workbook, name: str) -> None:
    book.properties.creator = "ordis corpus"
    book.properties.created = book.properties.modified = FIXED
    book.save(HERE / name)


def write_xlsx(
    name: str, header: list[str], rows: list[list[object]], above: list[list[object]] | None = None
) -> Worksheet:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Feuil1"
    for line in [*(above or []), header, *rows]:
        sheet.append(line)
    save(book, name)
    return sheet


# --- web-form exports -------------------------------------------------------------------


def google_forms_fr() -> None:
    header = [
        "Horodateur",
        "Adresse e-mail",
        "Nom de votre structure",
        "Numéro FINESS ou identifiant de votre structure",
        "Dans quel département ?",
        "Nom du référent",
        "Téléphone du référent",
        "Nombre d'enfants accueillis",
        "Les enfants ont-ils accès à internet ?",
        "Nombre d'ordinateurs portables souhaités",
        "Nombre de tablettes souhaitées",
    ]
    rows = [
        [
            when.strftime("%d/%m/%Y %H:%M:%S"),
            *(s[key] for key in GOOGLE_ANSWERS),
            s["internet"],
            s["laptops"] or 1,
            s["tablets"],
        ]
        for _, s, when in answers(0, 12)
    ]
    write_csv("google_forms_besoins.csv", header, rows)


def google_forms_en() -> None:
    header = [
        "Timestamp",
        "Email address",
        "Name of your organisation",
        "Organisation ID",
        "Department",
        "Contact name",
        "Phone number",
        "How many children live there?",
        "Do the children have internet access?",
        "Number of laptops requested",
        "Number of 4G boxes requested",
    ]
    rows = [
        [
            when.strftime("%Y/%m/%d %H:%M:%S"),
            *(s[key] for key in GOOGLE_ANSWERS),
            "No" if s["internet"] == "Non" else "Yes",
            s["laptops"] or 2,
            s["boxes"],
        ]
        for _, s, when in answers(20, 8)
    ]
    write_csv("google_forms_needs_en.csv", header, rows)


# Framaforms (Drupal webform): serial, submission id, time, draft flag, IP, user, then the
# questions; ';'-separated, UTF-8
FRAMAFORMS_HEAD = ["Serial", "SID", "Time", "Draft", "IP Address", "UID", "Username"]


def framaforms_head(i: int, first_sid: int, time: str) -> list[object]:
    """What a Framaforms export says of its ``i``-th answer before the questions."""
    return [i + 1, first_sid + i, time, 0, "(anonymisé)", 0, "Anonyme"]


def framaforms() -> None:
    header = [
        *FRAMAFORMS_HEAD,
        "Nom de l'établissement",
        "N° FINESS",
        "Département",
        "Nom du référent",
        "Courriel",
        "Combien d'enfants accueillez-vous ?",
        "Nombre d'ordinateurs portables souhaités",
        "Nombre d'ordinateurs fixes souhaités",
    ]
    rows = [
        [
            *framaforms_head(i, 1200, when.strftime("%d/%m/%Y - %H:%M")),
            s["name"],
            s["id"],
            s["dept"],
            s["person"],
            s["email"],
            s["children"],
            s["laptops"] or 3,
            s["desktops"],
        ]
        for i, s, when in answers(40, 10)
    ]
    write_csv("framaforms_besoins.csv", header, rows, delimiter=";")


def framaforms_donations() -> None:
    header = [
        *FRAMAFORMS_HEAD,
        "N° lot",
        "Votre entreprise",
        "Matériel donné",
        "Qté",
        "Département de stockage",
        "Disponible à partir du",
    ]
    devices = ["ordinateur portable", "PC fixe", "tablette", "clé 4G", "laptop"]
    rows = [
        [
            *framaforms_head(i, 900, f"{10 + i}/04/2020 - 14:0{i % 10}"),
            f"L{300 + i}",
            f"Entreprise fictive {chr(65 + i)}",
            devices[i % 5],
            5 + 3 * i,
            TOWNS[i % 10][0],
            f"{20 + i % 8}/04/2020",
        ]
        for i in range(9)
    ]
    write_csv("framaforms_dons.csv", header, rows, delimiter=";")


def typeform() -> None:
    header = [
        "#",
        "Quel est le nom de votre structure ?",
        "Identifiant de la structure",
        "Département",
        "Adresse de livraison",
        "Code postal",
        "Ville",
        "Combien d'ordinateurs portables vous faudrait-il ?",
        "Combien de tablettes vous faudrait-il ?",
        "Start Date (UTC)",
        "Submit Date (UTC)",
        "Network ID",
    ]
    rows = [
        [
            f"x{i:07d}ab",
            s["name"],
            s["id"],
            s["dept"],
            s["address"],
            s["postal"],
            s["town"],
            s["laptops"] or 1,
            s["tablets"],
            (when - dt.timedelta(minutes=4)).strftime("%Y-%m-%d %H:%M:%S"),
            when.strftime("%Y-%m-%d %H:%M:%S"),
            f"n{i:04d}",
        ]
        for i, s, when in answers(60, 9)
    ]
    write_csv("typeform_besoins.csv", header, rows)


# --- spreadsheets kept by hand --------------------------------------------------------

NEEDS_FR = [
    "Identifiant",
    "Nom de la structure",
    "Type",
    "Dépt",
    "Code postal",
    "Commune",
    "Adresse",
    "Contact",
    "E-mail",
    "Téléphone",
    "Nb d'enfants",
    "Accès internet",
    "Priorité",
    "Date de la demande",
    "Portables",
    "Fixes",
    "Tablettes",
    "Box 4G",
]


def needs_row(i: int, when: object = None) -> list[object]:
    s = structure(i)
    return [
        s["id"],
        s["name"],
        s["kind"],
        s["dept"],
        s["postal"],
        s["town"],
        s["address"],
        s["person"],
        s["email"],
        s["phone"],
        s["children"],
        str(s["internet"]).lower(),
        ["normale", "haute", "urgente"][i % 3],
        when or "02/04/2020",
        s["laptops"] or 1,
        s["desktops"],
        s["tablets"],
        s["boxes"],
    ]


def excel_csv() -> None:
    rows = [needs_row(80 + i) for i in range(10)]
    write_csv("excel_besoins_bom.csv", NEEDS_FR, rows, delimiter=";", encoding="utf-8-sig")
    header = [
        "N° lot",
        "Donateur",
        "Type de donateur",
        "Matériel",
        "Qté",
        "État",
        "Département",
        "Partenaire",
        "Disponible le",
    ]
    donors = [
        ("Société Générique Fictive", "entreprise"),
        ("Fondation Imaginaire", "fondation"),
        ("Atelier Réemploi Exemple", "reconditionneur"),
        ("Mme Dupont", "particulier"),
    ]
    lots = []
    for i in range(11):
        donor, kind = donors[i % 4]
        lots.append(
            [
                f"D-{200 + i}",
                donor,
                kind,
                ["portable", "tablette", "fixe"][i % 3],
                4 + 2 * i,
                "reconditionné" if i % 2 else "neuf",
                TOWNS[i % 10][0],
                "" if kind == "particulier" else "Logistique Solidaire",
                f"{1 + i}/04/2020",
            ]
        )
    write_csv("excel_dons_cp1252.csv", header, lots, delimiter=";", encoding="cp1252")


def merged_title() -> None:
    title = [
        ["Opération « Des ordis pour nos enfants » — recensement des besoins"],
        ["Mis à jour le 20/04/2020 par la coordination régionale"],
        [],
    ]
    sheet = write_xlsx(
        "titre_fusionne_besoins.xlsx", NEEDS_FR, [needs_row(100 + i) for i in range(8)], above=title
    )
    book = sheet.parent
    sheet.merge_cells("A1:R1")
    sheet.merge_cells("A2:R2")
    save(book, "titre_fusionne_besoins.xlsx")


def totals() -> None:
    header = [
        "Id lot",
        "Donateur",
        "Type de donateur",
        "Matériel",
        "Quantité",
        "Département",
        "Partenaire",
    ]
    rows: list[list[object]] = [
        [
            f"T{i}",
            f"Entreprise fictive {chr(75 + i)}",
            "entreprise",
            "portable",
            10 + i,
            TOWNS[i][0],
            "Logistique Solidaire",
        ]
        for i in range(7)
    ]
    rows.append([None, "TOTAL", None, None, sum(10 + i for i in range(7)), None, None])
    write_xlsx("totaux_dons.xlsx", header, rows)


def hidden_rows() -> None:
    sheet = write_xlsx(
        "lignes_masquees_besoins.xlsx", NEEDS_FR, [needs_row(120 + i) for i in range(10)]
    )
    for row in (4, 5, 9):  # rows 4, 5 and 9 hidden by hand (a filter would do the same)
        sheet.row_dimensions[row].hidden = True
    save(sheet.parent, "lignes_masquees_besoins.xlsx")


def merged_cells() -> None:
    rows = [needs_row(140 + i) for i in range(6)]
    for row in rows[1:3]:
        row[3] = None  # the département of rows 2–4 is merged over three rows
    rows[0][3] = "01"
    sheet = write_xlsx("cellules_fusionnees_besoins.xlsx", NEEDS_FR, rows)
    sheet.merge_cells("D2:D4")
    save(sheet.parent, "cellules_fusionnees_besoins.xlsx")


def notes_sheet() -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    for line in [
        "Fichier des dons reçus par la coordination.",
        "Ne pas modifier les id.",
        "Contact : coordination@exemple.org",
    ]:
        notes.append([line])
    lots = book.create_sheet("Dons avril")
    lots.append(
        [
            "id_don",
            "donateur",
            "type_donateur",
            "materiel",
            "quantite",
            "etat",
            "departement",
            "partenaire",
            "disponible_le",
        ]
    )
    for i in range(9):
        lots.append(
            [
                f"AV{i:02d}",
                f"Fondation fictive {i}",
                "fondation",
                ["portable", "box 4G", "tablette"][i % 3],
                3 + i,
                "neuf",
                TOWNS[i][0],
                "Logistique Solidaire",
                dt.datetime(2020, 4, 1 + i),
            ]
        )
    save(book, "feuille_notes_dons.xlsx")


def english() -> None:
    header = [
        "Donation ID",
        "Donor",
        "Donor type",
        "Device",
        "Quantity",
        "Condition",
        "Department",
        "Partner",
        "Available from",
        "Amount (EUR)",
    ]
    rows: list[list[object]] = [
        [
            f"EN{i}",
            f"Imaginary Corp {i}",
            "entreprise",
            ["laptop", "desktop", "tablet", "4G router"][i % 4],
            6 + i,
            "new" if i % 2 else "refurbished",
            TOWNS[i][0],
            "Logistique Solidaire",
            dt.date(2020, 4, 3 + i),
            None,
        ]
        for i in range(8)
    ]
    rows.append(
        ["EN99", "Imaginary Foundation", "fondation", None, None, None, None, None, None, 15000]
    )
    write_xlsx("english_donations.xlsx", header, rows)


def mixed_dates() -> None:
    styles: list[object] = [
        dt.datetime(2020, 4, 2),
        "03/04/2020",
        "2020-04-04",
        43926,
        "6/4/2020",
        "07.04.2020",
        "le 08/04/2020",
        "2020/04/09 10:00:00",
        "10/04/20",
        "31/04/2020",
    ]
    rows = [needs_row(160 + i, when) for i, when in enumerate(styles)]
    write_xlsx("dates_melangees_besoins.xlsx", NEEDS_FR, rows)


def partners() -> None:
    write_xlsx(
        "partenaires_zones.xlsx",
        ["Nom du partenaire", "Zone d'intervention", "E-mail", "Capacité"],
        [
            ["Logistique Solidaire", "national", "contact@logistique.exemple.org", 5000],
            ["Relais Sud Fictif", "PACA; Occitanie; 2A; 2B", "sud@relais.exemple.org", 800],
            ["Relais Nord Fictif", "HDF, 75, 93", "", ""],
        ],
    )


def ods() -> None:
    """A LibreOffice sheet, written by hand (content.xml): a title row, then the needs."""
    lines = [["Besoins — export LibreOffice"], NEEDS_FR, *[needs_row(180 + i) for i in range(7)]]

    def cell(value: object) -> str:
        if isinstance(value, int):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        if value is None or value == "":
            return "<table:table-cell/>"
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = "".join(
        f"<table:table-row>{''.join(cell(v) for v in line)}</table:table-row>" for line in lines
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="Besoins">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(HERE / "libreoffice_besoins.ods", "w") as archive:
        for name, data, method in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2020, 4, 20, 9, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)


def mappings() -> None:
    (HERE / "google_forms.toml").write_text(
        "# Google Forms (French): the questions of the needs form\n[besoins]\n"
        '"Numéro FINESS ou identifiant de votre structure" = "id_structure"\n'
        '"Dans quel département ?" = "departement"\n',
        encoding="utf-8",
    )
    (HERE / "google_forms_en.toml").write_text(
        '# Google Forms (English)\n[needs]\n"Organisation ID" = "id_structure"\n'
        '"Name of your organisation" = "nom_structure"\n'
        '"How many children live there?" = "nb_enfants"\n',
        encoding="utf-8",
    )
    (HERE / "framaforms.toml").write_text(
        '# Framaforms\n[besoins]\n"Combien d\'enfants accueillez-vous ?" = "nb_enfants"\n'
        '[dons]\n"Votre entreprise" = "donateur"\n"Matériel donné" = "materiel"\n'
        '"Disponible à partir du" = "disponible_le"\n',
        encoding="utf-8",
    )
    (HERE / "typeform.toml").write_text(
        '# Typeform\n[besoins]\n"Quel est le nom de votre structure ?" = "nom_structure"\n',
        encoding="utf-8",
    )


def main(out: Path | None = None) -> None:
    """Write every file into ``out`` (default: this folder)."""
    global HERE
    HERE = out or Path(__file__).parent
    for build in (
        google_forms_fr,
        google_forms_en,
        framaforms,
        framaforms_donations,
        typeform,
        excel_csv,
        merged_title,
        totals,
        hidden_rows,
        merged_cells,
        notes_sheet,
        english,
        mixed_dates,
        partners,
        ods,
        mappings,
    ):
        build()


if __name__ == "__main__":
    main()
