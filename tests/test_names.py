"""Partner and donor identity (issue 7, item 4): every script's letters kept, a name with no
letter or digit refused, one shipper per partner whatever its spelling, file-name stems."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from ordis_cli.allocation.inputs import load_inputs
from ordis_cli.names import clean_name, file_stem, name_key
from ordis_cli.validation import ValidationOptions

from .conftest import invoke, validate
from .csv_files import write_csv

NEEDS_HEADER = "id_structure;nom_structure;departement;adresse;code_postal;commune;portables"
DONATIONS_HEADER = "id_don;donateur;type_donateur;materiel;quantite;departement;partenaire"


def _needs(folder: Path) -> Path:
    return write_csv(
        folder / "besoins.csv",
        NEEDS_HEADER,
        *[
            f"S{n};Foyer {n};{dept};{n} rue de la Paix;{dept}000;Ville;10"
            for n, dept in enumerate(("14", "75", "13", "59"), start=1)
        ],
    )


# --- the key -----------------------------------------------------------------------------


def test_one_partner_whatever_the_case_accents_or_spacing() -> None:
    assert (
        len(
            {
                name_key(n)
                for n in (
                    "Relais Numérique",
                    "RELAIS NUMERIQUE",
                    "relais  numérique",
                    " Relais-Numérique. ",
                    "Ｒｅｌａｉｓ Ｎｕｍéｒｉｑｕｅ",
                )
            }
        )
        == 1
    )


def test_every_script_keeps_its_letters() -> None:
    keys = [name_key(n) for n in ("Логистика", "物流", "لوجستيات", "Λογιστική", "Relais")]
    assert all(keys) and len(set(keys)) == len(keys)
    assert name_key("ЛОГИСТИКА") == name_key("логистика")


def test_a_name_without_letters_or_digits_has_no_key() -> None:
    for name in (".", "*?<>|", "   ", "---", "\u202e", "_", "« »"):
        assert name_key(name) == "", name


def test_clean_name_drops_controls_and_bidi() -> None:
    assert clean_name("\x00\x1b[31mAcme\u202e\u2066 \u200fCorp\x85") == "[31mAcme Corp"
    assert clean_name("Relais\tNumérique\nSolidaire") == "Relais Numérique Solidaire"


# --- file-name stems -------------------------------------------------------------------


def test_file_stem_shows_the_partner() -> None:
    assert file_stem("Relais Numérique Solidaire") == "relais-numerique-solidaire"
    assert file_stem("Логистика Юг") == "логистика-юг"
    assert file_stem("物流") == "物流"
    assert file_stem("Œuvre d'Orient") == "oeuvre-d-orient"
    assert file_stem('a/b\\c:d*e?f"g<h>i|j') == "a-b-c-d-e-f-g-h-i-j"
    assert file_stem("...hidden") == "hidden"
    assert file_stem("CON") == "con-partenaire"  # a Windows device name
    for nothing in (".", "*?<>|", "", "\x00\x1b", "..", "\u202e"):
        assert file_stem(nothing) == "partenaire"


UNSAFE = set('/\\:*?"<>|') | {chr(c) for c in range(32)} | {"\x7f", " "}


@given(st.text(max_size=300))
def test_file_stem_is_always_safe(name: str) -> None:
    stem = file_stem(name)
    assert stem and not (set(stem) & UNSAFE)
    assert not stem.startswith((".", "-")) and not stem.endswith((".", "-"))
    assert len(stem.encode("utf-8")) <= 80
    assert stem == file_stem(stem) or stem.endswith("partenaire")


LATIN = st.text(alphabet="abcdeéèêàçôûïœABCDEÉÈÀÇ .-'", min_size=1, max_size=30)


@given(LATIN)
def test_case_and_spacing_variants_share_the_key(name: str) -> None:
    spaced = " " + name.replace(" ", "  ").replace("-", " - ") + "."
    assert name_key(name.upper()) == name_key(name.lower()) == name_key(spaced)


# --- validation --------------------------------------------------------------------------


def test_names_without_letters_are_errors_with_their_cell(tmp_path: Path) -> None:
    donations = write_csv(
        tmp_path / "dons.csv",
        DONATIONS_HEADER,
        *[
            "D1;.;entreprise;portable;5;75;Relais",
            "D2;Acme;entreprise;portable;5;75;*?<>|",
            "D3;Acme;entreprise;portable;5;75;Логистика",
            "D4;Acme;entreprise;portable;5;75;物流",
        ],
    )
    report = validate(donations)
    bad = {(p.cell, p.code, p.value) for p in report.files[0].issues if p.severity == "error"}
    assert bad == {("B2", "bad-name", "."), ("G3", "bad-name", "*?<>|")}
    message = next(p.message for p in report.files[0].issues if p.cell == "G3")
    assert "partenaire" in message and "lettre" in message
    partners = write_csv(
        tmp_path / "partenaires.csv",
        "partenaire;zone",
        *[
            "Логистика;Normandie",
            "物流;national",
            ".;national",
            "RELAIS NUMERIQUE;national",
            "relais  numérique;national",
        ],
    )
    found = {(p.cell, p.code) for p in validate(partners).files[0].issues}
    assert found == {("A4", "bad-name"), ("A6", "duplicate-id")}


def test_missing_or_unknown_donor_type_is_a_warning_saying_private(tmp_path: Path) -> None:
    donations = write_csv(
        tmp_path / "dons.csv",
        DONATIONS_HEADER,
        *[
            "D1;Jeanne Martin;Particulière;portable;1;75;",
            "D2;Paul Durand;;portable;1;75;",
            "D3;Nina Roy;xyz;portable;1;75;",
            "D4;Léa Petit;personne physique;portable;1;75;",
        ],
    )
    issues = validate(donations).files[0].issues
    assert {(p.cell, p.code, p.severity) for p in issues} == {
        ("C3", "missing-donor-type", "warning"),
        ("C4", "unknown-donor-type", "warning"),
    }
    assert all("particulier" in p.message for p in issues)
    english = validate(donations, lang="en").files[0].issues
    assert all("private person" in p.message for p in english)
    no_column = write_csv(
        tmp_path / "dons2.csv",
        "id_don;donateur;materiel;quantite;departement",
        *["D1;Acme;portable;1;75"],
    )
    assert [p.code for p in validate(no_column).files[0].issues] == ["no-donor-type-column"]


# --- one shipper per partner -------------------------------------------------------------


def _spellings(folder: Path, lines: list[str]) -> dict[str, str]:
    donations = write_csv(folder / "dons.csv", DONATIONS_HEADER, *lines)
    partners = write_csv(
        folder / "partenaires.csv", "partenaire;zone", *["Логистика;Normandie", "物流;national"]
    )
    report, inputs = load_inputs(_needs(folder), donations, partners, ValidationOptions())
    assert inputs is not None, report
    return {lot.id: lot.shipper for lot in inputs.lots}


LOTS = [
    "D1;Acme;entreprise;portable;5;14;логистика",
    "D2;Acme;entreprise;portable;5;14;ЛОГИСТИКА",
    "D3;Acme;entreprise;portable;5;75;物流",
    "D4;Acme;entreprise;portable;5;75;relais  numérique",
    "D5;Acme;entreprise;portable;5;75;RELAIS NUMERIQUE",
    "D6;Acme;entreprise;portable;5;75;Relais Numérique",
    "D7;ACME;entreprise;portable;5;75;",
    "D8;Acme;entreprise;portable;5;75;",
]


def test_one_shipper_per_partner_shown_as_the_partners_file_spells_it(tmp_path: Path) -> None:
    shippers = _spellings(tmp_path, LOTS)
    assert shippers["D1"] == shippers["D2"] == "Логистика"
    assert shippers["D3"] == "物流"
    # not in the partners file: the smallest spelling met, whatever the order of the rows
    assert shippers["D4"] == shippers["D5"] == shippers["D6"] == "RELAIS NUMERIQUE"
    assert shippers["D7"] == shippers["D8"] == "ACME"
    (tmp_path / "reversed").mkdir()
    assert _spellings(tmp_path / "reversed", LOTS[::-1]) == shippers


def test_allocate_gives_one_workbook_per_partner_whose_name_shows_it(tmp_path: Path) -> None:
    donations = write_csv(tmp_path / "dons.csv", DONATIONS_HEADER, *LOTS[:6])
    partners = write_csv(
        tmp_path / "partenaires.csv", "partenaire;zone", *["Логистика;Normandie", "物流;national"]
    )
    result = invoke(
        "allocate",
        "--needs",
        _needs(tmp_path),
        "--donations",
        donations,
        "--partners",
        partners,
        "--ledger",
        tmp_path / "o.db",
        "--out",
        tmp_path / "out",
        "--date",
        "2020-04-20",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "allocation.xlsx",
        "expeditions_relais-numerique.xlsx",
        "expeditions_логистика.xlsx",
        "expeditions_物流.xlsx",
    ]
    book = openpyxl.load_workbook(tmp_path / "out" / "allocation.xlsx", read_only=True)
    sheet = book["expeditions"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    lines = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    by_lot = {line["id_don"]: line["partenaire"] for line in lines}
    assert by_lot["D1"] == by_lot["D2"] == "Логистика"  # Normandie: the structure in 14
    assert {by_lot[d] for d in ("D4", "D5", "D6")} == {"RELAIS NUMERIQUE"}
    assert by_lot["D3"] == "物流"
    data = json.loads(result.stdout)
    assert len(data["files"]) == 4


# --- private donors' lots ----------------------------------------------------------------


def test_a_private_donors_lot_is_shipped_by_a_partner_never_by_the_person(tmp_path: Path) -> None:
    lots = [
        "D1;Jeanne Martin;Particulière;portable;2;14;",
        "D2;Paul Durand;un particulier;portable;2;13;",
    ]
    shippers = _spellings(tmp_path, lots)
    assert shippers == {"D1": "Логистика", "D2": "物流"}  # zone first, else national
    alone = tmp_path / "alone"
    alone.mkdir()
    donations = write_csv(alone / "dons.csv", DONATIONS_HEADER, *lots)
    report, inputs = load_inputs(_needs(alone), donations, None, ValidationOptions())
    assert inputs is not None and inputs.lots == []  # no partner at all: left out
    warned = [(p.code, p.row, p.value) for p in report.files[1].issues]
    assert warned == [("private-lot-no-partner", 2, "D1"), ("private-lot-no-partner", 3, "D2")]


def test_a_private_donor_written_as_the_partner_never_ships(tmp_path: Path) -> None:
    """Attack finding: a private donor named in the partner column of their own lot got a
    dispatch workbook with eight structures' addresses."""
    lots = [
        "D1;Jeanne Secret;particulier;portable;2;14;Jeanne Secret",
        "D2;Acme;entreprise;portable;2;75;JEANNE  SECRET",
    ]
    shippers = _spellings(tmp_path, lots)
    assert shippers == {"D1": "Логистика", "D2": "Acme"}
    alone = tmp_path / "alone"
    alone.mkdir()
    donations = write_csv(
        alone / "dons.csv", DONATIONS_HEADER, *[*lots, "D3;Bob;particulier;portable;1;13;"]
    )
    _, inputs = load_inputs(_needs(alone), donations, None, ValidationOptions())
    assert inputs is not None  # without partners, she is never the partner others fall to
    assert {lot.id: lot.shipper for lot in inputs.lots} == {"D2": "Acme"}
