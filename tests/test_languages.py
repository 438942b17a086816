"""English that is English, French that is French: help, usage errors, the catalogues."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ordis_cli.cli.help_english import HELP_ENGLISH
from ordis_cli.cli.language import help_key, language_from_argv, localized_command, run, walk
from ordis_cli.cli.render import summary_line
from ordis_cli.messages import _M as CATALOGUE
from ordis_cli.messages.counting import counted, number
from ordis_cli.models import FileReport, Kind, ValidationReport
from ordis_cli.reading.quoting import shorten
from ordis_cli.report.figures import press_round
from tests.conftest import SAMPLE, invoke, rows, sheets
from tests.once import sheet_names

# words only one of the two languages writes (whole words, case-sensitive where it matters)
ENGLISH_WORDS = (
    "Usage",
    "Error",
    "COMMAND",
    "ARGS",
    "Missing",
    "Invalid",
    "No such",
    "Show this",
    "Try",
    "for help",
    "does not match",
    "the",
    "default",
    "required",
    "Commands",
    "Input should",
    "Value error",
    "is not",
    "path",
    "File of",
    "Exit codes",
)
FRENCH_WORDS = (
    "Utilisation",
    "Erreur",
    "manquant",
    "manquante",
    "invalide",
    "inconnue",
    "Affiche",
    "Essayez",
    "défaut",
    "obligatoire",
    "Commandes",
    "Fichier",
    "Exemple",
    "Codes de sortie",
    "le",
    "les",
    "des",
    "du",
    "une",
    "chemin",
)

COMMANDS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("--help",), 0),
    (("allocate", "--help"), 0),
    (("deliveries", "import", "--help"), 0),
    (("runs", "cancel", "--help"), 0),
    (("validate", "--help"), 0),
    (("report", "--help"), 0),
    (("demo", "--help"), 0),
    (("sample", "--help"), 0),
    (("runs", "list", "--help"), 0),
    (("runs", "--help"), 0),
    (("deliveries", "--help"), 0),
    (("validate", "--kind", "autre", "x.csv"), 2),
    (
        (
            "allocate",
            "--substitute",
            "fixe=ordinateur",
            "--needs",
            "a.xlsx",
            "--donations",
            "b.xlsx",
        ),
        2,
    ),
    (("runs", "cancel", "abc"), 2),
    (("allocate", "--date", "04/20/2020", "--needs", "a.xlsx", "--donations", "b.xlsx"), 2),
    (("allocate", "--cap", "0", "--needs", "a.xlsx", "--donations", "b.xlsx"), 2),
    (("allocate", "--scope", "monde", "--needs", "a.xlsx", "--donations", "b.xlsx"), 2),
    (("nosuchcommand",), 2),
    (("allocate", "--needs", "a.xlsx"), 2),
    (("allocate", "--nope"), 2),
    (("runs", "show"), 2),
    (("vaildate",), 2),  # click's « Did you mean » stayed English in French
    (("deliveries", "imprt"), 2),
    (("runs", "show", "1", "2"), 2),  # « Got unexpected extra argument(s) » too
    (("allocate", "--needs", "a.xlsx", "b.xlsx", "--donations", "c.xlsx"), 2),
)


def _words(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def _run(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> tuple[int, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("args", "expected"), COMMANDS, ids=lambda a: " ".join(a) if isinstance(a, tuple) else str(a)
)
def test_french_by_default_english_with_lang(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    expected: int,
) -> None:
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    code, french = _run(capsys, args)
    assert code == expected
    assert _words(french, ENGLISH_WORDS) == [], french
    for asked in (("--lang", "en"), ("--lang=en",)):
        code, english = _run(capsys, (*args, *asked))
        assert code == expected
        assert _words(english, FRENCH_WORDS) == [], english
    monkeypatch.setenv("ORDIS_LANG", "en")
    code, from_environment = _run(capsys, args)
    assert (code, from_environment) == (expected, english)


def test_usage_errors_say_what_is_wrong(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    _, french = _run(
        capsys, ("allocate", "--date", "04/20/2020", "--needs", "a", "--donations", "b")
    )
    assert "Erreur : Valeur invalide pour '--date'" in french
    assert "'04/20/2020' n'est pas une date : écrivez-la 2020-04-20 ou 20/04/2020." in french
    _, english = _run(capsys, ("allocate", "--needs", "a", "--lang", "en"))
    assert "Error: Missing option '--donations'." in english
    # the parser's own wording (pydantic, strftime) never reaches an English user either
    for args, said in (
        (("report", "--as-of", "31/02/2020"), "is not a date: write it 2020-04-20 or 20/04/2020."),
        (("runs", "show", "abc"), "Invalid value for 'RUN': a whole number is expected."),
        (("sample", "--out", "s", "--structures", "0"), "at least 1 is expected."),
    ):
        _, english = _run(capsys, (*args, "--lang", "en"))
        assert said in english and "Value error" not in english and "%Y" not in english
        assert "Input should" not in english
    _, french = _run(capsys, ("allocate", "--needs", "a.xlsx", "b.xlsx", "--donations", "c"))
    assert "Erreur : Argument(s) en trop : (b.xlsx)" in french
    assert "pour plusieurs fichiers, répétez-la (--needs semaine1.xlsx --needs" in french
    _, french = _run(capsys, ("vaildate",))
    assert "Commande inconnue : 'vaildate'. Vouliez-vous dire 'validate', 'allocate' ?" in french
    _, french = _run(capsys, ("allocate", "--needs", "a"))
    assert "Erreur : Option manquante : '--donations'." in french
    assert "Essayez « ordis allocate -h » pour l'aide." in french
    # a command typed wrong is quoted as typed, though 'run' names an argument elsewhere
    _, french = _run(capsys, ("run", "list"))
    assert "Commande inconnue : 'run'. Vouliez-vous dire 'runs' ?" in french
    # a choice refused in English lists the English words the option takes
    for option, words in (
        ("--scope", "'department', 'region', 'national'"),
        ("--method", "'greedy', 'optimal'"),
    ):
        _, english = _run(
            capsys, ("allocate", "--needs", "a", "--donations", "b", option, "x", "--lang", "en")
        )
        assert f"'x' is not one of {words}." in english, english
    # a run number with a minus sign is an option to click: say why
    code, french = _run(capsys, ("runs", "show", "-5"))
    assert code == 2 and "« -5 » se lit comme une option" in french
    _, english = _run(capsys, ("runs", "cancel", "-12", "--lang", "en"))
    assert "“-12” reads as an option: a run number is written without a minus sign" in english


def test_language_from_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    assert language_from_argv(["runs", "list"]) == "fr"
    assert language_from_argv(["runs", "list", "--lang", "en"]) == "en"
    assert language_from_argv(["--lang=en", "runs"]) == "en"
    assert language_from_argv(["validate", "--", "--lang=en"]) == "fr"  # a file's name
    monkeypatch.setenv("ORDIS_LANG", "en_GB")
    assert language_from_argv(["runs"]) == "en"
    assert language_from_argv(["runs", "--lang", "fr"]) == "fr"
    assert language_from_argv(["runs", "--lang", "de"]) == "en"  # refused, said in English


def test_every_command_and_option_has_its_english_help() -> None:
    used: set[str] = set()
    missing = []
    for path, command in walk(localized_command("fr")):
        keys = [path] + [help_key(path, p) for p in command.params if getattr(p, "help", None)]
        for key in keys:
            shared = "* " + key.rpartition(" ")[2]
            found = key if key in HELP_ENGLISH else (shared if shared in HELP_ENGLISH else None)
            if found is None:
                missing.append(key)
            else:
                used.add(found)
    assert missing == []
    assert sorted(HELP_ENGLISH.keys() - used) == []  # no English for what no longer exists


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_french_and_english_with_the_same_fields() -> None:
    assert len(CATALOGUE) > 50
    for key, (french, english) in CATALOGUE.items():
        assert french.strip() and english.strip(), key
        assert _fields(french) == _fields(english), key


def test_numbers_and_plurals_per_language() -> None:
    assert number(1983, "fr") == "1\u202f983"
    assert number(1983, "en") == "1,983"
    assert number(1000101, "en") == "1,000,101"
    assert number(1234.5, "fr", 1) == "1\u202f234,5"
    lines = (("ligne", "lignes"), ("line", "lines"))
    assert [counted(n, "fr", *lines) for n in (0, 1, 2)] == ["0 ligne", "1 ligne", "2 lignes"]
    assert [counted(n, "en", *lines) for n in (0, 1, 2)] == ["0 lines", "1 line", "2 lines"]
    # the word agrees with the number as written: 1.5 is written 2
    assert [counted(n, "fr", *lines) for n in (1.4, 1.5)] == ["1 ligne", "2 lignes"]
    assert [counted(n, "en", *lines) for n in (0.6, 1.5)] == ["1 line", "2 lines"]
    assert (
        counted(400_000, "en", ("car.", "car."), ("character", "characters"))
        == "400,000 characters"
    )
    assert shorten("x" * 400_000, 10, "fr").endswith("(400\u202f000 car.)")
    assert shorten("x" * 400_000, 10, "en").endswith("(400,000 characters)")
    assert press_round(10_250, "en") == "more than 10,000"
    assert press_round(10_250, "fr") == "plus de 10\u202f000"


def test_validation_summary_counts_in_each_language() -> None:
    one = FileReport(path="a.csv", kind=Kind.NEEDS, rows=1, errors=1, warnings=0, readable=True)
    report = ValidationReport(ok=False, files=[one])
    assert (
        summary_line(report, "fr").plain == "✘ 1 sur 1 fichier avec des erreurs — 1 erreur, "
        "0 avertissement"
    )
    assert summary_line(report, "en").plain == "✘ 1 of 1 file with errors — 1 error, 0 warnings"


def test_allocation_workbook_in_english(english_run: Path) -> None:
    path = english_run / "envois" / "allocation.xlsx"
    assert sheet_names(path) == [
        "shipments",
        "unmet_needs",
        "stock_left",
        "totals",
        "structures",
        "fairness",
    ]
    lines = rows(path, "shipments")
    assert lines[0][-4:] == ("partner", "round", "distance_km", "reason")
    unmet = rows(path, "unmet_needs")
    assert unmet[0][-1] == "reason"
    said = " ".join(str(v) for line in lines[1:] + unmet[1:] for v in (line[-3], line[-1]))
    assert _words(said, ("priorité", "département", "région", "besoin", "lot", "de", "du")) == [], (
        said[:500]
    )
    assert rows(path, "totals")[0][0] == "region"


# the codes the files write for a device, a condition and a priority level
FRENCH_CODES = frozenset(
    {"portable", "fixe", "tablette", "box_4g", "neuf", "reconditionne", "urgente", "haute"}
    | {"normale"}
)


def _cells_of(folder: Path) -> set[object]:
    """Every value of every sheet of the workbooks in ``folder``."""
    return {
        value
        for path in folder.glob("*.xlsx")
        for table in sheets(path).values()
        for line in table
        for value in line
    }


def test_english_workbooks_write_the_values_in_english(english_run: Path, sample_run: Path) -> None:
    """An English allocation.xlsx and partner workbook wrote « tablette », « neuf »,
    « urgente » (and headers `portable`, `fixe`…) where a person reads them; French ones
    keep the codes of the files."""
    english, french = english_run / "envois", sample_run / "envois"
    every_cell = _cells_of(english)
    assert not every_cell & FRENCH_CODES, every_cell & FRENCH_CODES
    allocation = sheets(english / "allocation.xlsx")
    assert {line[3] for line in allocation["shipments"][1:]} == {
        "laptop",
        "desktop",
        "tablet",
        "4G box",
    }
    assert {line[0] for line in allocation["fairness"][1:]} == {"urgent", "high", "normal"}
    assert allocation["structures"][0][3:7] == ("laptops", "desktops", "tablets", "4g_boxes")
    reasons = " ".join(str(line[-1]) for line in allocation["shipments"][1:])
    assert "priority urgent" in reasons and _words(reasons, tuple(FRENCH_CODES)) == []
    partner = sheets(next(english.glob("expeditions_*.xlsx")))["shipments"]
    at = {name: index for index, name in enumerate(partner[0])}
    assert {line[at["Condition"]] for line in partner[1:]} <= {"new", "refurbished", None}
    assert {line[at["Condition"]] for line in partner[1:]} - {None}
    french_cells = _cells_of(french)
    assert french_cells >= FRENCH_CODES
    assert not {"laptop", "urgent", "refurbished"} & french_cells


def test_device_types_are_english_nouns_in_english(tmp_path: Path) -> None:
    """The summary's columns, a substitution's reason and the units a cancellation frees
    named the device types by their French codes (« tablette », « box_4g ») in English."""
    from .commands import allocate_files
    from .csv_files import write_csv

    needs = write_csv(
        tmp_path / "besoins.csv",
        "id_structure;nom_structure;departement;adresse;code_postal;commune;tablettes",
        "S1;MECS A;69;1 rue A;69001;Lyon;2",
    )
    donations = write_csv(
        tmp_path / "dons.csv", "id_don;donateur;materiel;quantite;departement", "D1;N;portable;3;69"
    )
    done = allocate_files(
        needs,
        donations,
        tmp_path / "ordis.db",
        "--substitute",
        "tablette=portable",
        "--out",
        tmp_path / "out",
        "--lang",
        "en",
        "--date",
        "2020-04-20",
    )
    assert done.exit_code == 0, done.output
    reasons = " ".join(
        str(line[-1]) for line in rows(tmp_path / "out" / "allocation.xlsx", "shipments")
    )
    assert "laptop instead of tablet" in reasons and "tablette" not in reasons, reasons
    planned = invoke(
        "allocate", *SAMPLE_INPUTS, "--dry-run", "--lang", "en", "--ledger", tmp_path / "n.db"
    )
    header = next(line for line in planned.output.splitlines() if "Region" in line)
    assert all(word in header for word in ("laptop", "desktop", "tablet", "4G box")), header
    freed = invoke(
        "shipments", "cancel", "E1-00001", "--ledger", tmp_path / "ordis.db", "--lang", "en"
    )
    assert freed.exit_code == 0 and _words(freed.output, ("portable", "tablette")) == [], (
        freed.output
    )


def test_lang_given_to_ordis_or_a_group_holds_for_the_command(tmp_path: Path) -> None:
    """``ordis --lang en runs list`` speaks English all through, not only in its usage
    errors; the command's own --lang wins."""
    from tests.conftest import invoke

    absent = tmp_path / "absent.db"
    for arguments in (["--lang", "en", "runs", "list"], ["runs", "--lang", "en", "list"]):
        english = invoke(*arguments, "--ledger", absent)
        assert english.exit_code == 2 and "ledger not found" in english.output
    french = invoke("--lang", "en", "runs", "list", "--lang", "fr", "--ledger", absent)
    assert "registre introuvable" in french.output
    report = invoke("--lang", "en", "report", "--format", "pdf", "--ledger", absent)
    assert report.exit_code == 2 and "possible formats" in report.output
    assert "formats possibles" not in report.output
    policy = invoke(
        "allocate",
        "--lang",
        "en",
        "--needs",
        "x.csv",
        "--donations",
        "y.csv",
        "--policy",
        tmp_path / "absent.toml",
    )
    assert policy.exit_code == 2 and "file not found" in policy.output
    assert "introuvable" not in policy.output


SAMPLE_INPUTS = ("--needs", str(SAMPLE / "besoins.xlsx"), "--donations", str(SAMPLE / "dons.xlsx"))
REFUSED = "postgresql://u:secret@127.0.0.1:1/x"  # nothing listens on port 1


def test_refusals_of_every_command_in_english_have_no_french_word(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    sample_run: Path,
    tmp_path: Path,
) -> None:
    """What each command says when it refuses (an option's value, a missing ledger or file,
    an unknown run or line, a folder not empty), with ``--lang en``: English only, from the
    catalogue; the same refusal in French is French."""
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    ledger = sample_run / "ordis.db"
    missing = tmp_path / "absent.db"
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x", encoding="utf-8")
    refusals: tuple[tuple[tuple[str, ...], int], ...] = (
        (("validate", "--kind", "autre", "x.csv"), 2),
        (("validate", str(tmp_path / "absent.xlsx")), 2),
        (("allocate", "--substitute", "fixe", "--needs", "a.xlsx", "--donations", "b.xlsx"), 2),
        (("sample", "--out", str(tmp_path / "s"), "--file-format", "ods"), 2),
        (("runs", "list", "--ledger", str(missing)), 2),
        (("runs", "show", "99", "--ledger", str(ledger)), 2),
        (("runs", "cancel", "99", "--yes", "--ledger", str(ledger)), 2),
        (("shipments", "cancel", "E9-9999", "--ledger", str(ledger)), 1),
        (("ledger", "upgrade", "--ledger", str(missing)), 2),
        (("report", "--format", "pdf", "--ledger", str(ledger)), 2),
        (("deliveries", "import", str(tmp_path / "absent.xlsx"), "--ledger", str(ledger)), 2),
        (("deliveries", "pending", "--older-than", "-1", "--ledger", str(ledger)), 2),
        (("demo", "--out", str(tmp_path / "full")), 2),
        # a PostgreSQL ledger that cannot be reached: the dry run and --compare said it in
        # French to an English user, and libpq's reason stays in English in French
        (("allocate", *SAMPLE_INPUTS, "--dry-run", "--ledger", REFUSED), 2),
        (("allocate", *SAMPLE_INPUTS, "--compare", "--ledger", REFUSED), 2),
        (("runs", "list", "--ledger", "postgresql://u:secret@[::1/x"), 2),
        (("runs", "list", "--ledger", "postgresql://u:secret@127.0.0.1:99999/x"), 2),
        # libpq quotes a password holding a space; an address written wrong was a file path
        (("runs", "list", "--ledger", "postgresql://u:my secret@127.0.0.1:1/x"), 2),
        (("runs", "list", "--ledger", "postgresql://u@127.0.0.1:1/x?password=my secret"), 2),
        (("runs", "list", "--ledger", "postgresql:u:secret@127.0.0.1/x"), 2),
        (("runs", "list", "--ledger", "mysql://u:secret@127.0.0.1/x"), 2),
    )
    french_only = (
        *FRENCH_WORDS,
        "ou",
        "registre",
        "introuvable",
        "attendu",
        "fichier",
        "allocation",
        "ligne",
        "annulée",
        "dossier",
        "vide",
        "exemple",
    )
    english_only = (*ENGLISH_WORDS, "refused", "invalid", "server", "address")
    for args, expected in refusals:
        code, english = _run(capsys, ("--lang", "en", *args))
        assert code == expected, (args, english)
        assert english.strip() and _words(english, french_only) == [], (args, english)
        code, french = _run(capsys, args)
        assert code == expected and french != english, (args, french)
        assert _words(french, english_only) == [], (args, french)
        assert "secret" not in english + french


@pytest.mark.parametrize(
    ("args", "french", "english"),
    [
        (("validate",), "FICHIERS...", "FILES..."),
        (("deliveries", "import"), "FICHIERS...", "FILES..."),
        (("runs", "show"), "N°", "RUN"),
        (("shipments", "cancel"), "ID_ENVOI...", "SHIPMENT_IDS..."),
        (("ledger", "copy"), "SRC DST", "SRC DST"),
    ],
)
def test_usage_lines_name_arguments_in_words(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    french: str,
    english: str,
) -> None:
    """Typer writes a required argument ``{files}``: the usage line and the help's list of
    arguments name it in words, in each language, and so does the error when it is missing
    (it said 'files' in French)."""
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    for lang, word, missing in (
        ("fr", french, "Erreur : Argument manquant : '{}'."),
        ("en", english, "Error: Missing argument '{}'."),
    ):
        _, shown = _run(capsys, (*args, "--help", "--lang", lang))
        usage = shown.splitlines()[0]
        assert usage.endswith(f"[OPTIONS] {word}") and "{" not in shown, shown[:300]
        code, said = _run(capsys, (*args, "--lang", lang))
        first = word.split()[0].removesuffix("...")
        assert code == 2 and missing.format(first) in said, said


def test_the_systems_reasons_in_each_language() -> None:
    """``OSError.strerror`` is English: a reason ordis knows is said in the chosen language,
    another one named by its code in French."""
    import errno
    import os

    from ordis_cli.system_reasons import system_reason

    for code, french, english in (
        (errno.ENOSPC, "plus de place sur le disque", "no space left on the disk"),
        (errno.EACCES, "permission refusée", "permission denied"),
        (errno.ENOENT, "fichier ou dossier introuvable", "no such file or folder"),
        (errno.EXDEV, "erreur système EXDEV", os.strerror(errno.EXDEV)),
    ):
        error = OSError(code, os.strerror(code))
        assert (system_reason(error, "fr"), system_reason(error, "en")) == (french, english)


def test_the_servers_reasons_in_each_language_never_with_a_password() -> None:
    from ordis_cli.ledger.location import LedgerUrl
    from ordis_cli.ledger.pg_reasons import pg_reason

    where = LedgerUrl("postgresql://u:secret@db.example:5433/ordis")
    refused = Exception('connection to server at "10.0.0.1", port 5433 failed: Connection refused')
    assert pg_reason(refused, where, "fr") == "connexion refusée"
    assert pg_reason(refused, where, "en") == "connection refused"
    odd = Exception(
        'something odd in "postgresql://u:secret@db.example:5433/ordis" and "postgres://v:pw@h/y"'
    )
    for lang in ("fr", "en"):
        said = pg_reason(odd, where, lang)  # type: ignore[arg-type]
        assert "secret" not in said and ":pw@" not in said and "postgres://v@h/y" in said, said
    assert pg_reason(odd, where, "fr").startswith("PostgreSQL répond « something odd")
    spaced = LedgerUrl("postgresql://u:my pass@db.example/ordis")
    quoted = Exception('weird: "my pass" is not liked')  # libpq quotes what it cannot read
    assert "my pass" not in pg_reason(quoted, spaced, "fr") + pg_reason(quoted, spaced, "en")


def test_a_commands_line_in_its_groups_help_is_a_whole_phrase() -> None:
    """click cuts a command's help at its first full stop for the group's list: « e.g. »
    left "Copy a whole ledger into a new one, e.g." in English."""
    for lang in ("fr", "en"):
        for path, command in walk(localized_command(lang)):
            short = command.get_short_help_str(limit=200).removesuffix("...")
            assert not short.endswith(("e.g.", "ex.", "i.e.")), (lang, path, short)


def test_a_files_heading_names_its_kind_in_each_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """« — besoins, sheet “besoins” » said the kind in French to an English user."""
    monkeypatch.delenv("ORDIS_LANG", raising=False)
    for lang, heading in (("fr", "— dons, feuille « dons »"), ("en", "— donations, sheet “dons”")):
        _, said = _run(capsys, ("validate", str(SAMPLE / "dons.xlsx"), "--lang", lang))
        assert heading in said.splitlines()[0], said


def test_the_policys_choices_take_their_english_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--scope department`, `--share demand`, `--method greedy` (and the same in a policy
    file) were refused: only the French values were taken, though an English allocation.xlsx
    writes its rounds `department`. Both words give the same plan; English help shows the
    English words. (Through ``language.run``, as ``ordis`` runs: CliRunner's tree converts
    with Typer's own converter, which knows only the values.)"""
    import json

    from ordis_cli.allocation.policy import Method, Policy, Scope, Share

    assert Policy(scope="department", share="demand", method="greedy") == Policy(  # type: ignore[arg-type]
        scope=Scope.DEPARTEMENT, share=Share.DEMANDE, method=Method.GLOUTON
    )
    ledger = str(tmp_path / "n.db")

    def planned(*options: str) -> dict[str, int]:
        code, said = _run(
            capsys,
            (
                "allocate",
                *SAMPLE_INPUTS,
                "--dry-run",
                "--format",
                "json",
                "--quiet",
                "--date",
                "2020-04-20",
                "--ledger",
                ledger,
                *options,
            ),
        )
        assert code == 0, said
        allocated: dict[str, int] = json.loads(said)["allocated"]
        return allocated

    english = planned("--scope", "department", "--share", "demand", "--method", "greedy")
    assert english == planned("--scope", "departement", "--share", "demande")
    # as a person types them: accents, capitals (« Département » had been refused)
    assert english == planned("--scope", "Département", "--share", "Demande", "--lang", "EN")
    assert english != planned()  # national: another plan, so the words did change it
    policy = tmp_path / "policy.toml"
    policy.write_text('scope = "department"\nshare = "demand"\n', encoding="utf-8")
    assert planned("--policy", str(policy)) == english
    code, _ = _run(capsys, ("allocate", *SAMPLE_INPUTS, "--scope", "world", "--lang", "en"))
    assert code == 2
    _, shown = _run(capsys, ("allocate", "--help", "--lang", "en"))
    assert "<department|region|national>" in shown and "<greedy|optimal>" in shown
    # device types too: the English message gives English words, which are taken
    code, said = _run(capsys, ("allocate", *SAMPLE_INPUTS, "--substitute", "pc", "--lang", "en"))
    assert code == 2 and "desktop=laptop" in said and _words(said, ("fixe", "portable")) == []

    # within each department the sample lacks laptops: tablets first, then desktops, stand
    # in (each list changes the plan)
    def substituting(*options: str) -> dict[str, int]:
        return planned("--scope", "departement", *options)

    substituted = substituting("--substitute", "portable=tablette,fixe")
    assert substituted != substituting()
    assert substituted != substituting("--substitute", "portable=fixe")
    assert substituting("--substitute", "laptop=tablet,desktop") == substituted
    # given twice, the lists add up (the second had replaced the first)
    twice = substituting("--substitute", "Laptops=tablet", "--substitute", "portable=Desktop")
    assert twice == substituted
    for nothing in ("desktop", "desktop=", "desktop=,"):
        code, said = _run(capsys, ("allocate", *SAMPLE_INPUTS, "--substitute", nothing))
        assert code == 2 and f"« {nothing} » : attendu TYPE=TYPE" in said, said
    policy.write_text('[substitutions]\nlaptop = ["tablet", "desktop"]\n', encoding="utf-8")
    assert substituting("--policy", str(policy)) == substituted


def test_did_you_mean_suggests_the_word_of_the_language(tmp_path: Path) -> None:
    """« tabet » got "Did you mean “tablette”?" in English: the suggestion was the files'
    code. It is now the word of the language, which the reader takes as well."""
    import json

    donations = tmp_path / "dons.csv"
    donations.write_text(
        "id_don;donateur;type_donateur;materiel;quantite;etat;departement\n"
        "D1;A;compny;tabet;3;refurbishd;69\n",
        encoding="utf-8",
    )
    suggested = {}
    for lang in ("fr", "en"):
        said = invoke("validate", donations, "--format", "json", "--lang", lang)
        issues = json.loads(said.stdout)["files"][0]["issues"]
        suggested[lang] = {
            i["code"]: re.findall(r"[«“]\s?(.+?)\s?[»”]", i["message"])[-1] for i in issues
        }
    assert suggested["en"] == {
        "unknown-donor-type": "company",
        "unknown-material": "tablet",
        "unknown-state": "refurbished",
    }
    assert suggested["fr"] == {
        "unknown-donor-type": "entreprise",
        "unknown-material": "tablette",
        "unknown-state": "reconditionne",
    }
