"""``ordis validate``: exit codes, the JSON that is the library's result, languages, the text
summary, and the annotated copies (``--annotate``) read back."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.actions import validate as service

from .conftest import ROOT, invoke, invoke_json, sha256

pytestmark = pytest.mark.contained  # see conftest.read_in_process


@pytest.mark.parametrize(
    ("rows", "extra", "code"),
    [("S1;MECS A;69;2", "--details", 0), ("S1;MECS A;100;2", "--format=json", 1)],
)
def test_a_reader_gone_changes_no_verdict(tmp_path: Path, rows: str, extra: str, code: int) -> None:
    """``ordis validate … | head -1``: the reader closes the pipe. rich exited 1, the code
    of invalid data, on a valid file; now the command ends with its own code, silently."""
    import subprocess
    import sys

    needs = tmp_path / "besoins.csv"
    needs.write_text(
        f"id_structure;nom_structure;departement;portables\n{rows}\n", encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "ordis_cli", "validate", str(needs), extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # every write of the command meets a closed pipe
    assert process.wait(timeout=60) == code
    assert process.stderr.read() == b""


def test_closed_streams_change_no_verdict(tmp_path: Path) -> None:
    """``ordis validate … --format json >&- 2>&-``: Python starts without stdout nor
    stderr, and printing the JSON was an internal error (exit 3)."""
    import os
    import subprocess
    import sys

    needs = tmp_path / "besoins.csv"  # département 100: invalid, exit 1
    needs.write_text("id_structure;nom_structure;departement;portables\nS1;A;100;2\n", "utf-8")

    def close_both() -> None:
        os.close(1)
        os.close(2)

    done = subprocess.run(
        [sys.executable, "-m", "ordis_cli", "validate", str(needs), "--format", "json"],
        preexec_fn=close_both,  # the child only closes its two descriptors
        timeout=60,
        check=False,
    )
    assert done.returncode == 1

    # a usage error said on a stderr that cannot be written: still 2 (Python's « lost
    # sys.stderr » had made it 1, the code of invalid data). ``2>&-`` before a launcher
    # script (pyenv's shims are bash scripts) leaves such a stderr: descriptor 2 is the
    # script the shell opened, for reading.
    def unwritable_stderr() -> None:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 2)

    refused = subprocess.run(
        [sys.executable, "-m", "ordis_cli", "validate", str(needs), "--kind", "bananes"],
        preexec_fn=unwritable_stderr,
        stdout=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="a full disk is /dev/full here")
def test_an_output_that_cannot_be_written_is_said_so(tmp_path: Path) -> None:
    """``ordis validate … > /dev/full`` said « ordis . : écriture impossible … Rien n'a été
    écrit » about a path « . » it never wrote; it is the output that was lost."""
    import subprocess
    import sys

    needs = tmp_path / "besoins.csv"
    needs.write_text("id_structure;nom_structure;departement;portables\nS1;A;69;2\n", "utf-8")
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ordis_cli", "validate", str(needs), "--format=json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert said.startswith("ordis la sortie de la commande n'a pas pu être écrite"), said
    assert "(plus de place sur le disque)" in said


def test_exit_codes(data: Path) -> None:
    assert invoke("validate", data / "besoins_ok.xlsx").exit_code == 0
    assert invoke("validate", data / "besoins_erreurs.csv").exit_code == 1
    assert invoke("validate", data / "absent.csv").exit_code == 2
    assert invoke("validate", data / "besoins_ok.xlsx", "--kind", "bananes").exit_code == 2
    assert invoke("validate").exit_code == 2
    # warnings alone keep 0; --strict makes them count
    assert invoke("validate", data / "needs_english.csv").exit_code == 0
    assert invoke("validate", data / "colonne_manquante.csv", "--strict").exit_code == 1
    # one unreadable file among good ones: 2
    assert invoke("validate", data / "besoins_ok.xlsx", data / "absent.csv").exit_code == 2


def test_json_is_the_library_result(data: Path) -> None:
    files = [data / "besoins_erreurs.csv", data / "dons_ok.xlsx"]
    status, payload = invoke_json("validate", *files)
    assert status == 1
    assert set(payload) == {"ok", "files"}
    assert payload["ok"] is False
    first = payload["files"][0]
    assert set(first) == {"path", "kind", "sheet", "rows", "errors", "warnings", "issues"}
    assert first["kind"] == "besoins" and first["rows"] == 23
    assert set(first["issues"][0]) == {
        "code",
        "severity",
        "file",
        "sheet",
        "row",
        "column",
        "cell",
        "value",
        "message",
    }
    library = service.validate_files(files, service.ValidationOptions())
    assert payload == json.loads(library.model_dump_json())


def test_json_is_alone_on_stdout(data: Path) -> None:
    result = invoke("validate", data / "besoins_ok.xlsx", "--format", "json")
    json.loads(result.stdout)  # nothing else mixed in


def test_languages(data: Path) -> None:
    french = invoke("validate", data / "besoins_erreurs.csv").output
    english = invoke("validate", data / "besoins_erreurs.csv", "--lang", "en").output
    from_env = invoke("validate", data / "besoins_erreurs.csv", env={"ORDIS_LANG": "en"}).output
    assert "inconnu" in french and "Unknown department" in english
    assert english == from_env


def test_text_output_groups_and_summarises(data: Path) -> None:
    out = invoke("validate", data / "besoins_erreurs.csv").output
    assert "besoins_erreurs.csv — besoins, 23 lignes" in " ".join(out.split())
    assert "✘ 1 sur 1 fichier avec des erreurs" in out
    quiet = invoke("validate", data / "besoins_erreurs.csv", "--quiet").output
    assert quiet.strip().startswith("✘") and len(quiet.strip().splitlines()) == 1


def test_annotate_xlsx_copy(data: Path, tmp_path: Path) -> None:
    source = data / "dons_erreurs.xlsx"
    before = sha256(source)
    out = tmp_path / "dons_annote.xlsx"
    assert invoke("validate", source, "--annotate", out).exit_code == 1
    assert sha256(source) == before
    book = openpyxl.load_workbook(out)
    sheet = book["Dons"]
    assert sheet["D4"].comment is not None and "tablette" in sheet["D4"].comment.text
    assert sheet["D4"].fill.start_color.rgb == "FFF4B6B6"
    assert sheet["C10"].fill.start_color.rgb == "FFFFE7A3"  # a warning
    listing = book["problemes"]
    assert [c.value for c in listing[1]][:5] == ["Ligne", "Cellule", "Colonne", "Gravité", "Code"]
    assert listing.max_row == 1 + 11


def test_annotate_csv_rebuilds_the_sheet_safely(tmp_path: Path) -> None:
    source = tmp_path / "besoins.csv"
    source.write_text(
        'id_structure;nom_structure;departement;portables\nS1;=HYPERLINK("http://x");100;2\n',
        encoding="utf-8",
    )
    out = tmp_path / "annote.xlsx"
    assert invoke("validate", source, "--annotate", out).exit_code == 1
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["B2"].value == '=HYPERLINK("http://x")'
    assert sheet["B2"].data_type == "s"  # text, never a formula
    assert sheet["C2"].comment is not None
    assert book.sheetnames == ["donnees", "problemes"]
    english = tmp_path / "annotated.xlsx"
    assert invoke("validate", source, "--annotate", english, "--lang", "en").exit_code == 1
    assert openpyxl.load_workbook(english).sheetnames == ["data", "problems"]  # not « donnees »


@pytest.mark.parametrize("name", ["besoins.xls", "besoins.ods", "besoins_unicode.txt"])
def test_annotate_rebuilds_other_formats(data: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "copie.xlsx"
    assert invoke("validate", data / name, "--annotate", out).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.cell(1, 1).value == "Identifiant structure"
    assert sheet.cell(2, 1).value == "010000001"
    assert book.sheetnames[-1] == "problemes"


def test_annotate_several_files_into_a_folder(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "annotes"
    invoke("validate", data / "besoins_erreurs.csv", data / "dons_ok.xlsx", "--annotate", out)
    assert sorted(p.name for p in out.iterdir()) == [
        "besoins_erreurs_annote.xlsx",
        "dons_ok_annote.xlsx",
    ]


def test_annotate_never_writes_over_an_input(data: Path, tmp_path: Path) -> None:
    source = tmp_path / "dons.xlsx"
    source.write_bytes((data / "dons_erreurs.xlsx").read_bytes())
    before = sha256(source)
    result = invoke("validate", source, "--annotate", source)
    assert result.exit_code == 2
    assert "écraserait" in result.output
    assert sha256(source) == before


def test_into_a_pipe_a_heading_and_a_summary_are_one_line_each(tmp_path: Path) -> None:
    """Into a pipe rich laid stdout out at 80 columns: a long path was folded in its middle
    (« …/besoins_⏎de_la_semaine.xlsx — illisible »), a summary after « 4 »."""
    folder = tmp_path / "un_dossier_au_nom_assez_long" / "sous_dossier_encore_plus_long"
    folder.mkdir(parents=True)
    path = folder / "besoins_de_la_semaine.xlsx"
    path.write_bytes((ROOT / "sample_data" / "besoins.xlsx").read_bytes())
    said = invoke("validate", path, env={"COLUMNS": "80"}).stdout.splitlines()
    assert said[0].startswith(str(path)) and said[0].endswith("9 avertissements"), said[0]
    assert said[-1] == "✔ 1 fichier valide — 0 erreur, 9 avertissements"
