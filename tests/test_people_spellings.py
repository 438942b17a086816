"""Départements, dates and partners' zones as coordinators really write them, and the FINESS
checks on structure identifiers (issue 10). Each case is a cell of a real workbook, read back
through ``validate`` (the CLI or the library) as a user would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ordis_cli.messages import say
from ordis_cli.models import Kind
from ordis_cli.territory import (
    ABBREVIATIONS,
    FORMER_REGIONS,
    departements,
    finess_key,
    former_region,
)
from ordis_cli.validation.service import ValidationOptions, validate_inputs

from .conftest import ROOT, invoke, invoke_json, rows

NEEDS_HEADER = [
    "id_structure",
    "nom_structure",
    "departement",
    "code_postal",
    "commune",
    "adresse",
    "date_demande",
    "portables",
]


def _finess(first8: str) -> str:
    return first8 + finess_key(first8)


def _needs(path: Path, rows: list[dict[str, Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "besoins"
    sheet.append(NEEDS_HEADER)
    for number, row in enumerate(rows, start=1):
        cells = {
            "id_structure": f"S{number}",
            "nom_structure": f"MECS {number}",
            "code_postal": None,
            "commune": "Ville",
            "adresse": "1 rue Haute",
            "portables": 2,
            **row,
        }
        sheet.append([cells.get(column) for column in NEEDS_HEADER])
    book.save(path)
    return path


def _partners(path: Path, zones: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["partenaire", "zone", "capacite"])
    for number, zone in enumerate(zones, start=1):
        sheet.append([f"Transports {number}", zone, 100])
    book.save(path)
    return path


def _issues(path: Path, *extra: str) -> list[dict[str, Any]]:
    _, payload = invoke_json("validate", path, *extra)
    return [issue for file in payload["files"] for issue in file["issues"]]


def _kept(path: Path, column: str) -> list[Any]:
    _, validators = validate_inputs([(path, None)], ValidationOptions(keep_data=True))
    validator = validators[0]
    assert validator is not None and validator.kept is not None
    return [value for block in validator.kept for value in block[column]]


# --- départements ---------------------------------------------------------------------------

SPELLINGS = [
    ("Paris 75", "75"),
    ("75 Paris", "75"),
    ("Belfort", "90"),
    ("Territoire de Belfort", "90"),
    ("Métropole de Lyon", "69"),
    ("69M", "69"),
    ("métropole de Lyon", "69"),
    ("1.0", "01"),
    ("Corse-du-Sud 2A", "2A"),
    ("Haute-Corse", "2B"),
]


def test_departements_as_people_write_them_are_read(tmp_path: Path) -> None:
    path = _needs(tmp_path / "besoins.xlsx", [{"departement": raw} for raw, _ in SPELLINGS])
    assert _kept(path, "departement") == [code for _, code in SPELLINGS]
    assert [i for i in _issues(path) if i["severity"] == "error"] == []


def test_a_float_looking_code_in_a_csv_is_read_with_its_leading_zero(tmp_path: Path) -> None:
    path = tmp_path / "besoins.csv"
    path.write_text(
        "id_structure;nom_structure;departement;portables\nS1;MECS A;1.0;2\nS2;MECS B;5,0;1\n",
        encoding="utf-8",
    )
    assert _kept(path, "departement") == ["01", "05"]


@pytest.mark.parametrize("raw", ["Corse", "20", "corse", "20.0"])
def test_corsica_asks_to_choose_2a_or_2b_by_name(tmp_path: Path, raw: str) -> None:
    path = _needs(tmp_path / "besoins.xlsx", [{"departement": raw}])
    (issue,) = [i for i in _issues(path) if i["code"] == "unknown-departement"]
    assert issue["cell"] == "C2" and issue["severity"] == "error"
    assert "2A pour la Corse-du-Sud ou 2B pour la Haute-Corse" in issue["message"]
    english = [i for i in _issues(path, "--lang", "en") if i["code"] == "unknown-departement"]
    assert "write 2A for Corse-du-Sud or 2B for Haute-Corse" in english[0]["message"]


def test_a_postal_code_given_as_departement_is_read_with_a_warning(tmp_path: Path) -> None:
    path = _needs(
        tmp_path / "besoins.xlsx",
        [
            {"departement": "93100"},
            {"departement": 20000},
            {"departement": "97411"},
            {"departement": "96000"},
        ],
    )
    assert _kept(path, "departement") == ["93", "2A", "974", None]
    issues = _issues(path)
    read = [i for i in issues if i["code"] == "departement-from-postal-code"]
    assert [(i["cell"], i["severity"]) for i in read] == [
        ("C2", "warning"),
        ("C3", "warning"),
        ("C4", "warning"),
    ]
    assert read[0]["message"] == (
        "« 93100 » ressemble à un code postal : lu comme le département 93 "
        "(Seine-Saint-Denis). Écrivez 93 dans « departement » et le code postal dans "
        "« code_postal »."
    )
    assert "Corse-du-Sud" in read[1]["message"]
    (unknown,) = [i for i in issues if i["code"] == "unknown-departement"]
    assert unknown["cell"] == "C5" and "96000 n'existe pas" in unknown["message"]
    status = invoke("validate", path).exit_code
    assert status == 1  # the unknown one; the postal codes alone would be exit 0


# --- dates ----------------------------------------------------------------------------------

WORDED = [
    ("17 avril 2020", dt.date(2020, 4, 17)),
    ("1er mai 2020", dt.date(2020, 5, 1)),
    ("17 avr. 2020", dt.date(2020, 4, 17)),
    ("April 17, 2020", dt.date(2020, 4, 17)),
    ("17 April 2020", dt.date(2020, 4, 17)),
    ("2020/04/21", dt.date(2020, 4, 21)),
    ("lundi 20 avril 2020", dt.date(2020, 4, 20)),
    ("3 févr. 2021", dt.date(2021, 2, 3)),
    ("le 15/04/2020", dt.date(2020, 4, 15)),
    ("août 5, 2020", dt.date(2020, 8, 5)),
    ("1st May 2020", dt.date(2020, 5, 1)),
    ("12 déc 2020", dt.date(2020, 12, 12)),
]


def test_dates_in_words_and_with_slashes_are_read(tmp_path: Path) -> None:
    path = _needs(
        tmp_path / "besoins.xlsx", [{"departement": "75", "date_demande": raw} for raw, _ in WORDED]
    )
    assert _kept(path, "date_demande") == [day for _, day in WORDED]
    assert [i for i in _issues(path) if i["code"] == "bad-date"] == []


@pytest.mark.parametrize(
    ("raw", "example"),
    [("le 24/04", "24/04"), ("24/04", "24/04"), ("17 avril", "17/04"), ("1er mai", "01/05")],
)
def test_a_date_without_its_year_says_which_year_to_add(
    tmp_path: Path, raw: str, example: str
) -> None:
    path = _needs(tmp_path / "besoins.xlsx", [{"departement": "75", "date_demande": raw}])
    (issue,) = [i for i in _issues(path) if i["code"] == "date-without-year"]
    year = dt.date.today().year
    assert issue["severity"] == "error" and issue["cell"] == "G2"
    assert issue["message"] == (
        f"Date « {raw} » sans année dans « date_demande » : ajoutez "
        f"l'année, par exemple {example}/{year}."
    )
    assert invoke("validate", path).exit_code == 1


def test_a_date_that_is_no_date_stays_refused(tmp_path: Path) -> None:
    path = _needs(
        tmp_path / "besoins.xlsx",
        [
            {"departement": "75", "date_demande": d}
            for d in ("31 février 2020", "avril 2020", "bientôt", "31/02")
        ],
    )
    assert [i["cell"] for i in _issues(path) if i["code"] == "bad-date"] == ["G2", "G3", "G4", "G5"]


# --- partners' zones ------------------------------------------------------------------------


def _zones(path: Path) -> list[Any]:
    return _kept(path, "zone")


def test_overseas_and_abbreviations_are_zones(tmp_path: Path) -> None:
    path = _partners(
        tmp_path / "partenaires.xlsx",
        ["DOM", "outre-mer", "Outre-Mer; 13", "IDF", "PACA", "AURA; HDF", "DROM", "Overseas"],
    )
    assert _issues(path) == []  # « overseas » had been folded to « oversea » and refused
    zones = _zones(path)
    overseas = {"971", "972", "973", "974", "976"}
    assert zones[0].departements == overseas and not zones[0].regions
    assert zones[1].departements == overseas
    assert zones[2].departements == overseas | {"13"}
    assert zones[3].covers("93") and not zones[3].covers("13")
    assert zones[4].covers("13") and zones[4].covers("06")
    assert zones[5].regions == {"84", "32"} and zones[5].covers("69")
    assert zones[6].departements == overseas
    assert zones[7].departements == overseas


def test_every_known_abbreviation_is_a_zone_and_is_listed_in_the_hint(tmp_path: Path) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", list(ABBREVIATIONS))
    assert _issues(path) == []
    assert [sorted(z.regions) for z in _zones(path)] == [[c] for c in ABBREVIATIONS.values()]
    hint = say("hint-zone-abbreviations", "fr")
    assert all(short in hint for short in ABBREVIATIONS)


def test_only_the_bad_part_of_a_zone_is_quoted(tmp_path: Path) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", ["93; Atlantide; IDF"])
    (issue,) = _issues(path)
    assert issue["code"] == "bad-zone" and issue["cell"] == "B2"
    assert issue["value"] == "93; Atlantide; IDF"
    assert "« Atlantide »" in issue["message"]
    assert "93; Atlantide" not in issue["message"] and "IDF »" not in issue["message"]
    english = _issues(path, "--lang", "en")[0]["message"]
    assert english.startswith("Zone: “Atlantide” is neither national")


@pytest.mark.parametrize("word", ["AUV", "NAQU", "RAA", "DRM", "IDFF"])
def test_an_abbreviation_like_word_gets_the_list_not_a_lookalike(tmp_path: Path, word: str) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", [f"Bretagne; {word}"])
    (issue,) = _issues(path)
    assert issue["code"] == "bad-zone"
    assert f"« {word} »" in issue["message"]
    assert "Abréviations de régions connues : IDF" in issue["message"]
    assert "Vouliez-vous dire" not in issue["message"]
    for lookalike in ("Jura", "Drôme", "Nièvre", "Marne"):
        assert lookalike not in issue["message"]


def test_a_misspelt_name_in_a_zone_still_gets_a_suggestion(tmp_path: Path) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", ["Bretagne; Normandi"])
    (issue,) = _issues(path)
    assert "« Normandi »" in issue["message"]
    assert "Vouliez-vous dire « Normandie » ?" in issue["message"]


def test_a_chief_town_written_for_a_departement_says_which_one(tmp_path: Path) -> None:
    """« Marseille » in the département column, or in a partner's zone, was offered a name
    that merely looks alike (« 57 Moselle »): the message says whose chief town it is."""
    needs = _needs(
        tmp_path / "besoins.xlsx", [{"departement": "Marseille"}, {"departement": "saint-brieuc"}]
    )
    first, second = [i for i in _issues(needs) if i["code"] == "unknown-departement"]
    assert first["cell"] == "C2" and first["severity"] == "error"
    assert first["message"].endswith(
        "Marseille est le chef-lieu du département 13 (Bouches-du-Rhône) : écrivez 13."
    )
    assert "Moselle" not in first["message"]
    assert "Saint-Brieuc est le chef-lieu du département 22 (Côtes-d'Armor)" in second["message"]
    # a chief town that is also a large town elsewhere: both départements said
    both = _needs(tmp_path / "saint-denis.xlsx", [{"departement": "Saint-Denis"}])
    (issue,) = [i for i in _issues(both) if i["code"] == "unknown-departement"]
    assert issue["message"].endswith(
        "Saint-Denis est le chef-lieu du département 974 (La Réunion), et une commune du "
        "département 93 (Seine-Saint-Denis) : écrivez le numéro du sien, 974 ou 93."
    )
    (english,) = [i for i in _issues(needs, "--lang", "en") if i["cell"] == "C2"]
    assert (
        "Marseille is the chief town of department 13 (Bouches-du-Rhône): write 13."
        in (english["message"])
    )
    zone = _partners(tmp_path / "partenaires.xlsx", ["Bretagne; Lyon"])
    (issue,) = _issues(zone)
    assert issue["code"] == "bad-zone" and "« Lyon »" in issue["message"]
    assert issue["message"].endswith(
        "Lyon est le chef-lieu du département 69 (Rhône) : écrivez 69."
    )


def test_a_bare_number_that_is_a_region_code_is_a_departement_with_a_warning(
    tmp_path: Path,
) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", ["84", "R84", "75; 93", "01; 06; 2A"])
    zones = _zones(path)
    assert zones[0].departements == {"84"} and not zones[0].regions
    assert zones[1].regions == {"84"} and not zones[1].departements
    assert zones[2].departements == {"75", "93"}
    assert zones[3].departements == {"01", "06", "2A"}
    issues = _issues(path)
    assert [(i["code"], i["cell"], i["severity"]) for i in issues] == [
        ("zone-region-code", "B2", "warning"),
        ("zone-region-code", "B4", "warning"),
    ]
    assert issues[0]["message"] == (
        "Zone : 84 lu comme département (84 Vaucluse), car un nombre seul est un département. "
        "Si c'est la région qui est voulue, écrivez R84 (Auvergne-Rhône-Alpes) ou son nom."
    )
    assert "R75 (Nouvelle-Aquitaine), R93 (Provence-Alpes-Côte d'Azur)" in issues[1]["message"]
    assert invoke("validate", path).exit_code == 0
    assert invoke("validate", path, "--strict").exit_code == 1


def test_a_region_of_before_2016_is_read_as_its_departements(tmp_path: Path) -> None:
    """« Nord-Pas-de-Calais » was offered « Pas-de-Calais » (which drops the Nord), and
    Aquitaine, Rhône-Alpes… were refused: each is now its départements, with a warning
    naming today's région."""
    path = _partners(tmp_path / "partenaires.xlsx", ["Nord-Pas-de-Calais", "Midi-Pyrenees; 13"])
    zones = _zones(path)
    assert zones[0].departements == {"59", "62"} and not zones[0].regions
    assert zones[1].departements == {"09", "12", "31", "32", "46", "65", "81", "82", "13"}
    issues = _issues(path)
    assert [(i["code"], i["cell"]) for i in issues] == [
        ("zone-former-region", "B2"),
        ("zone-former-region", "B3"),
    ]
    assert "(59, 62)" in issues[0]["message"] and "(Hauts-de-France)" in issues[0]["message"]


def test_the_former_regions_are_whole_and_apart() -> None:
    """Each former région's départements exist, lie in one région of today, and belong to
    no other former région."""
    seen: set[str] = set()
    for name, codes in FORMER_REGIONS.items():
        assert former_region(name.upper().replace("-", " ")) == (name, codes)
        assert {departements()[code].region for code in codes} and not seen & set(codes)
        assert len({departements()[code].region for code in codes}) == 1, name
        seen |= set(codes)


# --- FINESS ---------------------------------------------------------------------------------


def test_the_finess_key_is_luhns_on_the_first_eight() -> None:
    # real FINESS numbers: AP-HP (Paris) and the CHU de La Réunion
    assert finess_key("75071218") == "4"
    assert finess_key("97042103") == "8"


def test_finess_shaped_identifiers_are_checked(tmp_path: Path) -> None:
    good, corsican, overseas = _finess("75071218"), _finess("2A000001"), _finess("97400123")
    wrong_key = "750712185"
    elsewhere = _finess("13000045")
    rows = [
        {"id_structure": good, "departement": "75"},
        {"id_structure": corsican, "departement": "2A"},
        {"id_structure": overseas, "departement": "974"},
        {"id_structure": wrong_key, "departement": "75"},
        {"id_structure": elsewhere, "departement": "69"},
        {"id_structure": "FORM-0042", "departement": "75"},
        {"id_structure": "000000001", "departement": "75"},  # 00: not a département
        {"id_structure": 12345, "departement": "75"},
    ]
    path = _needs(tmp_path / "besoins.xlsx", rows)
    issues = [i for i in _issues(path) if i["code"].startswith("finess")]
    assert [(i["code"], i["cell"], i["severity"], i["value"]) for i in issues] == [
        ("finess-key", "A5", "warning", wrong_key),
        ("finess-departement", "A6", "warning", elsewhere),
    ]
    assert issues[0]["message"].startswith(
        "« 750712185 » a la forme d'un numéro FINESS mais sa clé (dernier chiffre) est fausse "
        ": attendu 4, soit 750712184."
    )
    assert issues[1]["message"].startswith(
        f"Le numéro FINESS « {elsewhere} » commence par 13, mais la structure est dans le "
        "département 69"
    )
    english = [i["message"] for i in _issues(path, "--lang", "en") if i["code"] == "finess-key"]
    assert english[0].startswith("“750712185” looks like a FINESS number but its key")
    assert invoke("validate", path).exit_code == 0


def test_the_bundled_sample_data_draws_no_finess_warning() -> None:
    sample = ROOT / "sample_data"
    ids = [row[0] for row in rows(sample / "besoins.xlsx", "besoins")[1:]]
    assert all(re.fullmatch(r"(?:\d\d|2[AB])\d{7}", str(i)) for i in ids)
    assert all(finess_key(str(i)[:8]) == str(i)[8] for i in ids)
    issues = _issues(sample / "besoins.xlsx")
    assert not [i for i in issues if i["code"].startswith("finess")]
    # the planted mistake (one structure given two départements) is now flagged twice
    planted = [
        i
        for i in _issues(sample / "besoins_erreurs.csv")
        if i["code"] in ("finess-departement", "conflicting-structure")
    ]
    assert {i["row"] for i in planted} == {322}
    assert Kind.NEEDS.value == "besoins"


@pytest.mark.parametrize(
    ("part", "suggested"),
    [
        ("Cote d Azur", "Provence-Alpes-Côte d'Azur"),  # not « Côte-d'Or », which looks alike
        ("Maritimes", "Alpes-Maritimes"),
        ("Bretagne Sud", "Bretagne"),  # no name holds these words: the closest one
    ],
)
def test_a_part_of_one_name_suggests_that_name(tmp_path: Path, part: str, suggested: str) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", [part])
    (issue,) = _issues(path)
    assert f"Vouliez-vous dire « {suggested} » ?" in issue["message"]


def test_words_of_several_names_suggest_none_of_them(tmp_path: Path) -> None:
    path = _partners(tmp_path / "partenaires.xlsx", ["Alpes"])  # four names hold « Alpes »
    (issue,) = _issues(path)
    assert issue["code"] == "bad-zone" and "Vouliez-vous dire" not in issue["message"]
