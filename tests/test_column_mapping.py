"""Headers as people write them: the aliases of each kind (a table per kind, read through a
real file), ``--columns FILE.toml`` for the exports of web forms, and messages that use the
user's own words (their header, "ligne 295", the option of the command at hand)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.actions.validate import ValidationOptions, validate_files
from ordis_cli.column_mapping import ColumnMapping
from ordis_cli.errors import UsageError
from ordis_cli.models import Kind
from ordis_cli.reading import open_table

from .conftest import SAMPLE, invoke

BASE = {  # a header naming every required column, to which the spelling under test is added
    Kind.NEEDS: ["id_structure", "nom_structure", "departement", "portables"],
    Kind.DONATIONS: ["id_don", "donateur", "materiel", "quantite", "departement"],
    Kind.PARTNERS: ["partenaire", "zone"],
    Kind.DELIVERIES: ["id_envoi", "quantite", "livre_le"],
}
SPELLINGS = {  # header as people write it -> the column it stands for
    Kind.NEEDS: [
        ("Nom de l'établissement", "nom_structure"),
        ("Nom de votre structure", "nom_structure"),
        ("N° FINESS", "id_structure"),
        ("FINESS", "id_structure"),
        ("Numéro FINESS", "id_structure"),
        ("Nom du référent", "contact_nom"),
        ("Référent", "contact_nom"),
        ("Téléphone du référent", "contact_telephone"),
        ("E-mail du référent", "contact_email"),
        ("Courriel", "contact_email"),
        ("Nombre d'enfants accueillis", "nb_enfants"),
        ("Dépt", "departement"),
        ("Les enfants ont-ils accès à internet ?", "acces_internet"),
        ("Accès internet", "acces_internet"),
        ("Niveau d'urgence", "priorite"),
        ("Horodateur", "date_demande"),
        ("Timestamp", "date_demande"),
        ("Submit Date (UTC)", "date_demande"),
        ("Code postal", "code_postal"),
        ("Nombre d'ordinateurs portables souhaités", "portables"),
        ("Nombre de tablettes souhaitées", "tablettes"),
        ("Combien d'ordinateurs fixes vous faudrait-il ?", "fixes"),
        ("Number of 4G boxes requested", "box_4g"),
        ("Qté tablettes", "tablettes"),
    ],
    Kind.DONATIONS: [
        ("N° lot", "id_don"),
        ("Numéro de lot", "id_don"),
        ("N° de lot", "id_don"),
        ("Lot number", "id_don"),
        ("Qté", "quantite"),
        ("Qte", "quantite"),
        ("Nombre d'unités", "quantite"),
        ("Nom du donateur", "donateur"),
        ("Nom de l'entreprise", "donateur"),
        ("Type de matériel", "materiel"),
        ("Disponible le", "disponible_le"),
        ("Logisticien", "partenaire"),
        ("Montant (€)", "montant_eur"),
    ],
    Kind.PARTNERS: [
        ("Nom du partenaire", "partenaire"),
        ("Zone d'intervention", "zone"),
        ("Capacité", "capacite"),
        ("Courriel", "contact_email"),
    ],
    Kind.DELIVERIES: [
        ("N° d'envoi", "id_envoi"),
        ("Qté", "quantite"),
        ("Livré le", "livre_le"),
        ("Quantité livrée", "quantite_livree"),
        ("Écart", "ecart"),
        ("Remarque", "commentaire"),
    ],
}
CASES = [(kind, text, column) for kind, pairs in SPELLINGS.items() for text, column in pairs]


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("kind", "text", "column"), CASES, ids=[f"{k.value}-{t}" for k, t, _ in CASES]
)
def test_each_spelling_is_read_as_its_column(
    tmp_path: Path, kind: Kind, text: str, column: str
) -> None:
    header = [name for name in BASE[kind] if name != column] + [text]
    table = open_table(_csv(tmp_path / "f.csv", header, [["x"] * len(header)]), kind=kind)
    assert table.kind is kind
    assert table.columns()[column].text == text


FORM = [
    "Horodateur",
    "Quel est votre numéro de structure ?",
    "Nom de votre structure",
    "Où êtes-vous ?",
    "Nom du référent",
    "Combien de portables ?",
    "Remarques libres",
]
FORM_ROWS = [
    ["03/04/2020 10:12:45", f"ASE-{i}", f"Foyer fictif {i}", "69", "Camille Martin", str(i + 1), ""]
    for i in range(3)
]
MAPPING = (
    '# a Google Forms export\n[besoins]\n"Quel est votre numéro de structure ?" = '
    '"id_structure"\n"Où êtes-vous ?" = "departement"\n\n[dons]\n"N° du don" = "id_don"\n'
)


def test_a_form_export_is_refused_without_its_mapping_and_read_with_it(tmp_path: Path) -> None:
    form = _csv(tmp_path / "reponses.csv", FORM, FORM_ROWS)
    result = invoke("validate", form, "--format", "json")
    assert result.exit_code == 1
    (mapping := tmp_path / "colonnes.toml").write_text(MAPPING, encoding="utf-8")
    result = invoke("validate", form, "--columns", mapping, "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["files"][0]
    assert (found["kind"], found["rows"], found["errors"]) == ("besoins", 3, 0)
    # the English kind names, and the Python API, say the same
    english = ColumnMapping.from_dict(
        {
            "needs": {
                "Quel est votre numéro de structure ?": "id_structure",
                "Où êtes-vous ?": "departement",
            }
        }
    )
    report = validate_files([form], ValidationOptions(columns=english))
    assert (report.ok, report.files[0].kind, report.files[0].rows) == (True, "besoins", 3)


def test_a_mapped_header_absent_from_the_file_is_a_warning(tmp_path: Path) -> None:
    form = _csv(tmp_path / "reponses.csv", FORM, FORM_ROWS)
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text(
        MAPPING + '"Nombre de tablettes" = "quantite"\n[needs]\n'
        '"Question retirée du formulaire" = "nb_enfants"\n',
        encoding="utf-8",
    )
    result = invoke("validate", form, "--columns", mapping, "--format", "json")
    assert result.exit_code == 0, result.output
    issues = json.loads(result.stdout)["files"][0]["issues"]
    absent = [i for i in issues if i["code"] == "mapped-header-absent"]
    assert [(i["severity"], i["value"]) for i in absent] == [
        ("warning", "Question retirée du formulaire")
    ]
    assert "colonnes.toml" in absent[0]["message"]


@pytest.mark.parametrize(
    ("text", "code", "fr", "en"),
    [
        (
            '[besoins]\n"Nom" = "nom_structure"\n"Combien ?" = "portable"\n',
            "columns-unknown-column",
            "ligne 3 : « Combien ? » = « portable » : colonne inconnue pour [besoins]",
            "line 3: “Combien ?” = “portable”: unknown column for [besoins]",
        ),
        (
            '[besoin]\n"Nom" = "nom_structure"\n',
            "columns-unknown-kind",
            "ligne 1 : type de fichier « besoin » inconnu",
            "line 1: unknown kind of file “besoin”",
        ),
        (
            '[dons]\n"Qté" = quantite\n',
            "columns-bad-toml",
            "ligne 2 : ce n'est pas du TOML valide",
            "line 2: this is not valid TOML",
        ),
        (
            'besoins = "portables"\n',
            "columns-not-table",
            "ligne 1 : « besoins » doit être une table",
            "line 1: “besoins” must be a table",
        ),
    ],
)
def test_a_mapping_file_that_cannot_be_used_is_exit_2_with_its_line(
    tmp_path: Path, text: str, code: str, fr: str, en: str
) -> None:
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text(text, encoding="utf-8")
    for lang, expected in (("fr", fr), ("en", en)):
        for command in (
            ["validate", SAMPLE / "besoins.xlsx"],
            [
                "allocate",
                "--needs",
                SAMPLE / "besoins.xlsx",
                "--donations",
                SAMPLE / "dons.xlsx",
                "--dry-run",
                "--ledger",
                tmp_path / "o.db",
            ],
            ["deliveries", "import", SAMPLE / "besoins.xlsx", "--ledger", tmp_path / "o.db"],
        ):
            result = invoke(*command, "--columns", mapping, "--lang", lang)
            assert result.exit_code == 2, result.output
            said = " ".join(result.stderr.split())
            assert "colonnes.toml" in said and expected in said, said
    with pytest.raises(UsageError) as raised:
        from ordis_cli.column_mapping import load_mapping

        load_mapping(mapping)
    assert raised.value.code == code
    assert not (tmp_path / "o.db").exists()


def test_a_missing_mapping_file_is_exit_2(tmp_path: Path) -> None:
    result = invoke("validate", SAMPLE / "besoins.xlsx", "--columns", tmp_path / "absent.toml")
    assert result.exit_code == 2
    assert "absent.toml" in result.stderr and "introuvable" in result.stderr


def test_swapped_files_in_allocate_say_which_option_to_use(tmp_path: Path) -> None:
    for lang, needs_advice, donations_advice in (
        (
            "fr",
            "pas de besoins : donnez-le avec --donations",
            "pas de dons : donnez-le avec --needs",
        ),
        ("en", "not needs: give it with --donations", "not donations: give it with --needs"),
    ):
        result = invoke(
            "allocate",
            "--needs",
            SAMPLE / "dons.xlsx",
            "--donations",
            SAMPLE / "besoins.xlsx",
            "--dry-run",
            "--ledger",
            tmp_path / "o.db",
            "--lang",
            lang,
        )
        assert result.exit_code == 1
        said = " ".join(result.stdout.split())
        assert needs_advice in said and donations_advice in said, said
        assert "--kind" not in said and "None" not in said


def test_a_file_of_another_kind_in_validate_and_import_says_what_to_do(run_copy: Path) -> None:
    result = invoke("validate", SAMPLE / "besoins.xlsx", "--kind", "dons", "--format", "json")
    issues = json.loads(result.stdout)["files"][0]["issues"]
    assert [i["code"] for i in issues] == ["kind-mismatch"]
    assert "indiquez --kind besoins ou retirez --kind" in issues[0]["message"]
    result = invoke(
        "deliveries",
        "import",
        SAMPLE / "besoins.xlsx",
        "--ledger",
        run_copy / "ordis.db",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    text = result.stdout
    assert "kind-mismatch" in text and "ordis allocate" in text


def _needs_with_bad_rows(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Identifiant", "Nom", "Dépt", "Code postal", "Courriel", "Portables"])
    for i in range(10):  # rows 2–11: a bad e-mail each; row 12: no request at all
        sheet.append([f"S{i}", f"Foyer {i}", "69", "69003", "pas-une-adresse", 2])
    sheet.append(["S99", "Foyer 99", "69", "13001", "a@exemple.org", 0])
    book.save(path)
    return path


def test_text_output_names_rows_headers_and_lists_grouped_cells(tmp_path: Path) -> None:
    needs = _needs_with_bad_rows(tmp_path / "besoins.xlsx")
    said = invoke("validate", needs).stdout
    flat = " ".join(said.split())
    assert "ligne 12" in flat  # a problem of a whole row
    assert "indiqué en « Dépt »" in flat  # the user's header, not "departement"
    assert "E2, E3, E4, E5, E6, E7" in flat and "(+4)" in flat
    assert "--details les liste toutes" in flat
    assert "E10" not in flat
    detailed = " ".join(invoke("validate", needs, "--details").stdout.split())
    assert all(f"E{row}," in detailed or f"E{row} " in detailed for row in range(2, 12))
    assert "(+4)" not in detailed
    english = " ".join(invoke("validate", needs, "--lang", "en").stdout.split())
    assert "row 12" in english and "--details lists them all" in english
    cells = [
        i["cell"]
        for i in json.loads(invoke("validate", needs, "--format", "json").stdout)["files"][0][
            "issues"
        ]
        if i["code"] == "bad-email"
    ]
    assert cells == [f"E{row}" for row in range(2, 12)]


def test_a_quoted_value_is_never_broken_across_lines(tmp_path: Path) -> None:
    needs = _csv(
        tmp_path / "besoins.csv",
        ["Structure accueillante", "Dépt", "Portables"],
        [["Foyer", "69", "2"]],
    )
    for width in ("60", "66", "72", "80", "100"):
        said = invoke("validate", needs, env={"COLUMNS": width}).stdout
        for line in said.splitlines():
            assert not line.rstrip().endswith("«"), said
            assert line.count("«") == line.count("»"), said


def test_a_forms_timestamp_gives_way_to_a_date_column(tmp_path: Path) -> None:
    """A form export with its "Horodateur" and a "Date de la demande" column: the request's
    date is the latter, whatever their order, and the sheet says which one is read."""
    path = tmp_path / "formulaire.csv"
    path.write_text(
        "Horodateur;id_structure;nom_structure;departement;portables;Date de la demande\n"
        "17/04/2020 10:02;S1;MECS A;69;2;le 24/04\n",
        encoding="utf-8",
    )
    result = invoke("validate", path, "--format", "json")
    issues = {p["code"]: p for p in json.loads(result.stdout)["files"][0]["issues"]}
    assert issues["date-without-year"]["cell"] == "F2"  # the date column was read
    assert issues["duplicate-column"]["cell"] == "A1"
    assert "lue en F1" in issues["duplicate-column"]["message"]
