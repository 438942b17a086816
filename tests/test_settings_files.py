"""The settings files a coordinator writes by hand (the allocation policy, ``--columns``):
what is wrong in one is said in the chosen language, with its line and column, never in
tomllib's or pydantic's English to a French user; the value at fault is quoted."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ordis_cli.allocation.policy import load_policy
from ordis_cli.errors import UsageError
from ordis_cli.toml_faults import key_line, syntax_fault

from .conftest import SAMPLE, invoke
from .test_languages import ENGLISH_WORDS, FRENCH_WORDS, _words

# words of tomllib's and pydantic's messages that must not reach a French user
PARSERS_ENGLISH = (
    *ENGLISH_WORDS,
    "Expected",
    "Invalid value",
    "Input should",
    "Extra inputs",
    "not permitted",
    "Unclosed",
    "Illegal",
    "at line",
    "end of document",
)


@pytest.mark.parametrize(
    ("text", "line", "french", "english"),
    [
        ('scope = "national\n', 1, "colonne 18 : texte non refermé", "column 18: text not closed"),
        ("cap = 1\ncap = 2\n", 2, "déjà donné plus haut", "already given above"),
        ("cap = 1 2\n", 1, "une valeur par ligne", "one value a line"),
        ("scope\n", 1, "« = » attendu après le nom", "“=” expected after the name"),
        ("[coordination\n", 1, "« ] » attendu à la fin", "“]” expected at the end"),
        ("coordination = {nom = 1\n", 1, "l'accolade fermante", "the closing brace"),
        ("cap = 1\n\n[substitutions]\nfixe = [\n", 4, "à la fin du fichier", "at the end"),
        ("scope = national\n", 1, "un texte s'écrit entre guillemets", "text is written in"),
        ('nom = "C:\\dossier"\n', 1, "doublez-le", "double it"),
        ("équipe = 1\n", 1, "un nom accentué", "a name with accents"),
        ("date = 2020-13-01\n", 1, "colonne 12 : la fin de la ligne", "column 12: the end"),
        ("nom = 'Claire\n", 1, "texte non refermé", "text not closed"),
        ('nom = "\\u00"\n', 1, "code de caractère invalide", "invalid character code"),
    ],
)
def test_a_toml_fault_is_said_in_each_language_with_its_place(
    text: str, line: int, french: str, english: str
) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    found_line, in_french = syntax_fault(raised.value, text, "fr")
    _, in_english = syntax_fault(raised.value, text, "en")
    assert found_line == line
    assert french in in_french and _words(in_french, PARSERS_ENGLISH) == [], in_french
    assert english in in_english and _words(in_english, FRENCH_WORDS) == [], in_english


@pytest.mark.parametrize(
    ("text", "french", "english"),
    [
        (
            'cap = "beaucoup"\n',
            'cap (politique.toml, ligne 1) : un nombre entier est attendu, pas « "beaucoup" »',
            'cap (politique.toml, line 1): a whole number is expected, not “"beaucoup"”',
        ),
        ("cap = 0\n", "ligne 1) : au moins 1 est attendu, pas « 0 »", "1): at least 1 is expected"),
        ("cap = true\n", "ligne 1) : un nombre entier est attendu", "1): a whole number"),  # not 1
        (
            'scope = "monde"\n',
            "valeurs possibles : departement, region, national, pas « monde »",
            "possible values: department, region, national, not “monde”",
        ),
        (  # values quoted as TOML writes them, faults apart as each language puts them
            "cap = [1, 2]\nscope = {a = 1}\n",
            "pas « { a = 1 } » ; cap (politique.toml, ligne 1) : un nombre entier est attendu, "
            "pas « [1, 2] »",
            "not “{ a = 1 }”; cap (politique.toml, line 1): a whole number is expected, not "
            "“[1, 2]”",
        ),
        (
            '[substitutions]\necran = ["fixe"]\n',
            "substitutions.ecran (politique.toml, ligne 2) : valeurs possibles : portable, fixe, "
            "tablette, box_4g",
            "substitutions.ecran (politique.toml, line 2): possible values: laptop, desktop, "
            "tablet, 4G box",
        ),
        ("\n\nplafond = 3\n", "plafond (politique.toml, ligne 3) : clé inconnue", "unknown key"),
        (
            '[substitutions]\nfixe = ["fixe"]\n',
            "« fixe » ne peut pas se remplacer lui-même",
            "“desktop” cannot stand in for itself",
        ),
        (  # one device under two names: one list had silently replaced the other
            '[substitutions]\ndesktop = ["laptop"]\nfixe = ["tablette"]\n',
            "« desktop » et « fixe » sont le même matériel",
            "“desktop” and “fixe” are the same device",
        ),
        (
            'date = "20/04/2020"\n',
            'ligne 1) : une date est attendue (2020-04-20), pas « "20/04/2020" »',
            'line 1): a date is expected (2020-04-20), not “"20/04/2020"”',
        ),
        (
            '[coordination]\nnom = "Claire"\n\ntelephone = 612345678\n',
            "coordination.telephone (politique.toml, ligne 4) : un texte est attendu",
            "coordination.telephone (politique.toml, line 4): a text is",
        ),
        ("[substitutions\n", "politique.toml:1 : colonne 15", "politique.toml:1: column 15"),
        ("\ufeffcap = [\n", "à la fin du fichier", "at the end of the file"),
    ],
)
def test_a_policy_that_cannot_be_used_says_which_value_in_each_language(
    tmp_path: Path, text: str, french: str, english: str
) -> None:
    policy = tmp_path / "politique.toml"
    policy.write_text(text, encoding="utf-8")
    for lang, expected, foreign in (
        ("fr", french, PARSERS_ENGLISH),
        ("en", english, FRENCH_WORDS),
    ):
        with pytest.raises(UsageError) as raised:
            load_policy(policy, {}, lang)  # type: ignore[arg-type]
        said = str(raised.value)
        assert raised.value.code == "bad-policy"
        assert expected in said and _words(said, foreign) == [], said


def test_a_policy_that_is_a_folder_or_not_utf8_is_exit_2(tmp_path: Path) -> None:
    latin = tmp_path / "politique.toml"
    latin.write_bytes('[coordination]\nnom = "Hélène"\n'.encode("cp1252"))
    for policy, said in ((tmp_path, "fichier illisible"), (latin, "pas en UTF-8")):
        result = invoke(
            "allocate",
            "--needs",
            SAMPLE / "besoins.xlsx",
            "--donations",
            SAMPLE / "dons.xlsx",
            "--policy",
            policy,
            "--dry-run",
            "--ledger",
            tmp_path / "o.db",
        )
        assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output


def test_a_broken_columns_file_says_where_in_french(tmp_path: Path) -> None:
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text('[besoins\n"Nom" = "nom_structure"\n', encoding="utf-8")
    result = invoke(
        "validate", SAMPLE / "besoins.xlsx", "--columns", mapping, env={"COLUMNS": "80"}
    )
    said = " ".join(result.output.split())
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1  # not folded at 80 columns in a pipe
    assert "ligne 1 : ce n'est pas du TOML valide (colonne 9 : « ] » attendu" in said, said
    assert _words(said, PARSERS_ENGLISH) == [], said


@pytest.mark.parametrize(
    ("text", "french", "english"),
    [
        (
            '[besoins]\n"Nom" = "nom_structure"\n\n[besoins.contact.nom]\nx = "y"\n',
            "ligne 4 : [besoins.contact] : une table dans [besoins] n'est pas attendue",
            "line 4: [besoins.contact]: a table inside [besoins] is not expected",
        ),
        (
            '[besoins]\n\n"Nom" = { a = 1 }\n',
            "ligne 3 : [besoins.Nom] : une table dans [besoins] n'est pas attendue",
            "line 3: [besoins.Nom]: a table inside [besoins] is not expected",
        ),
        (  # the header under its own kind, a dot inside its quotes (it had said line 2)
            '[besoins]\n"Nb. PC" = "portables"\n\n[dons]\n"Nb. PC" = "pc"\n',
            "ligne 5 : « Nb. PC » = « pc » : colonne inconnue pour [dons]",
            "line 5: “Nb. PC” = “pc”: unknown column for [dons]",
        ),
        (
            '[besoins]\n"Nom" = ["nom_structure"]\n',
            'ligne 2 : « Nom » = « ["nom_structure"] » : colonne inconnue',
            'line 2: “Nom” = “["nom_structure"]”: unknown column',
        ),
    ],
)
def test_a_columns_file_of_the_wrong_shape_says_where(
    tmp_path: Path, text: str, french: str, english: str
) -> None:
    """A table nested in [besoins] was said « ligne ? » with a Python dict as its value."""
    mapping = tmp_path / "colonnes.toml"
    mapping.write_text(text, encoding="utf-8")
    for lang, expected in (("fr", french), ("en", english)):
        result = invoke("validate", SAMPLE / "besoins.xlsx", "--columns", mapping, "--lang", lang)
        said = " ".join(result.output.split())
        assert result.exit_code == 2 and expected in said, said


def test_a_value_from_the_command_line_is_named_by_its_option(tmp_path: Path) -> None:
    """A fault of an option was named by the policy's key, as if it came from a file."""
    policy = tmp_path / "politique.toml"
    policy.write_text('scope = "region"\n', encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        load_policy(policy, {"substitutions": {"portable": ["portable"]}, "cap": None}, "fr")
    said = str(raised.value)
    assert (
        said == "option invalide (--substitute : « portable » ne peut pas se remplacer lui-même)."
    )


@pytest.mark.parametrize(
    ("text", "keys", "line"),
    [
        ("cap = 1\n", ("cap",), 1),
        (
            'scope = "x"\n\n[coordination]\nnom = "A"\ntelephone = 6\n',
            ("coordination", "telephone"),
            5,
        ),
        ('scope = "x"\ncoordination.nom = 1\n', ("coordination", "nom"), 2),  # dotted
        ('[coordination]\nnom.prenom = "x"\n', ("coordination", "nom"), 2),  # deeper
        ("coordination = { nom = 1 }\n", ("coordination", "nom"), 1),  # inline
        ('"cap" = 1 # le plafond\r\n', ("cap",), 1),  # quoted, commented, CRLF
        ("[substitutions]\n", ("substitutions",), 1),
        ("cap = 1\n", ("scope",), None),
    ],
)
def test_the_line_of_a_key(text: str, keys: tuple[str, ...], line: int | None) -> None:
    """A dotted key (« coordination.nom = 1 ») had been said without its file and line."""
    assert key_line(text, keys) == line
