"""``ordis report`` with hostile names and people's privacy (issue 7, items 1 and 5): private
donors never named whatever the spelling of their type, every name made inert in Markdown,
HTML and XLSX, controls and bidi characters dropped; the writing rule of SPEC §1."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .commands import allocate_files
from .conftest import invoke
from .csv_files import write_csv

DATE = "2020-04-20"
DONATIONS_HEADER = "id_don;donateur;type_donateur;materiel;quantite;departement;partenaire"
# Private donors, each with its type as people write it (or none): never to be named.
PRIVATE = {
    "Jeanne Secretaire": "Particulière",
    "Paul Confidentiel": "personne physique",
    "Louise Discrete": "un particulier",
    "Marc Anonyme": "indiv",
    "Nina Cachee": "",
    "Hugo Inconnu": "xyz",
}
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](http://evil)",
    "a|b",
    "=1+1",
    "\x1b[31mEsc Corp",
    "\u202eevil Corp",
    "# Titre",
    "Zero Co",
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger from an allocation of hostile donor and partner names and private donors,
    then hand-edited: a NUL in a name, a private donor recorded as its own shipper."""
    folder = tmp_path_factory.mktemp("hostile")
    needs = write_csv(
        folder / "besoins.csv",
        "id_structure;nom_structure;departement;adresse;code_postal;commune;portables",
        *[f"S{n};Foyer {n};75;{n} rue Cachée;75001;Paris;20" for n in range(1, 8)],
    )
    lines = [
        f"H{n};{name};entreprise;portable;3;75;{'<b>Log|istique</b>' if n % 2 else ''}"
        for n, name in enumerate(HOSTILE)
    ]
    lines += [
        f"P{n};{name};{kind};portable;2;75;" for n, (name, kind) in enumerate(PRIVATE.items())
    ]
    donations = write_csv(folder / "dons.csv", DONATIONS_HEADER, *lines)
    partners = write_csv(
        folder / "partenaires.csv",
        "partenaire;zone",
        "<b>Log|istique</b>;national",
        "Relais [ok](http://x);national",
    )
    path = folder / "ordis.db"
    result = allocate_files(
        needs,
        donations,
        path,
        "--partners",
        partners,
        "--out",
        folder / "envois",
        "--date",
        DATE,
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as db:
        assert (
            db.execute(
                "SELECT COUNT(*) FROM shipments WHERE donor = 'Jeanne Secretaire'"
            ).fetchone()[0]
            == 1
        )
        db.execute("UPDATE shipments SET donor = ? WHERE donor = ?", ("Nul\x00Co", "Zero Co"))
        db.execute("UPDATE shipments SET shipper = donor WHERE donor = 'Paul Confidentiel'")
    return path


def _report(ledger: Path, out: Path, *extra: str) -> Any:
    return invoke("report", "--ledger", ledger, "--as-of", DATE, "--out", out, *extra)


def _all_text(folder: Path) -> dict[str, str]:
    texts = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts[path.name] = "".join(
                    archive.read(n).decode("utf-8") for n in archive.namelist()
                )
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_private_donors_are_never_named(ledger: Path, tmp_path: Path, lang: str) -> None:
    result = _report(ledger, tmp_path / "r", "--lang", lang)
    assert result.exit_code == 0, result.output
    texts = _all_text(tmp_path / "r")
    assert set(texts) == {
        "rapport.md",
        "communique.md",
        "rapport.html",
        "rapport.xlsx",
        "rapport.json",
    }
    for name, text in texts.items():
        for person in PRIVATE:
            assert person not in text, (name, person)
            assert person.split()[1] not in text, (name, person)
    # they are counted, not named
    md = texts["rapport.md"]
    assert ("4 donateurs particuliers" in md) if lang == "fr" else ("4 private donors" in md)
    assert ("2 autres donateurs" in md) if lang == "fr" else ("2 other donors" in md)


def test_no_control_or_bidi_character_in_any_output(ledger: Path, tmp_path: Path) -> None:
    assert _report(ledger, tmp_path / "r").exit_code == 0
    invisible = re.compile(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
    )
    for name, text in _all_text(tmp_path / "r").items():
        assert not invisible.search(text), (name, invisible.findall(text))
    md = (tmp_path / "r" / "rapport.md").read_text(encoding="utf-8")
    assert "[31mEsc Corp" in md and "evil Corp" in md and "NulCo" in md


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_carries_names_as_text(ledger: Path, tmp_path: Path) -> None:
    assert _report(ledger, tmp_path / "r").exit_code == 0
    for name in ("rapport.md", "communique.md"):
        text = (tmp_path / "r" / name).read_text(encoding="utf-8")
        markup = re.findall(r"(?<!\\)(?:<script>|<b>|\]\(http|\|b)", text)
        assert markup == [], (name, markup)
    md = (tmp_path / "r" / "rapport.md").read_text(encoding="utf-8")
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\[x\](http://evil)" in md and r"a\|b" in md and r"\# Titre" in md
    assert r"\<b\>Log\|istique\</b\>" in md  # a partner's name in a table cell
    # every table row has as many cells as its header
    columns = 0
    for line in md.splitlines():
        if not line.startswith("|"):
            columns = 0
            continue
        columns = columns or _unescaped_pipes(line)
        assert _unescaped_pipes(line) == columns, line
    # no line starts a heading or a list from a name
    assert not any(line.startswith("- #") for line in md.splitlines())


def test_html_escapes_every_name(ledger: Path, tmp_path: Path) -> None:
    assert _report(ledger, tmp_path / "r", "--format", "html").exit_code == 0
    html = (tmp_path / "r" / "rapport.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<b>Log" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="http://evil' not in html


def test_xlsx_text_is_never_a_formula(ledger: Path, tmp_path: Path) -> None:
    assert _report(ledger, tmp_path / "r", "--format", "xlsx").exit_code == 0
    path = tmp_path / "r" / "rapport.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheets = [
            archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("xl/worksheets/sheet")
        ]
    assert not any("<f>" in sheet for sheet in sheets)
    book = openpyxl.load_workbook(path)
    cells = {c.value: c.data_type for row in book["donateurs"].iter_rows() for c in row}
    assert cells["=1+1"] == "s" and cells["a|b"] == "s"
    assert cells["<script>alert(1)</script>"] == "s" and cells["NulCo"] == "s"


# --- the writing rule --------------------------------------------------------------------


def test_a_folder_holding_files_is_refused_and_left_as_it_was(ledger: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert _report(ledger, out).exit_code == 0
    edited = "Communiqué relu par la presse.\n"
    (out / "communique.md").write_text(edited, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = _report(ledger, out)
    assert result.exit_code == 2
    assert str(out) in " ".join(result.output.split()) and "pas vide" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    json_too = _report(ledger, out, "--format", "json")
    assert json_too.exit_code == 2 and json_too.stdout.strip()[:1] != "{"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # an empty folder the user made is fine
    (tmp_path / "empty").mkdir()
    assert _report(ledger, tmp_path / "empty").exit_code == 0


def test_default_folder_takes_the_next_free_name(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = invoke("report", "--ledger", ledger, "--as-of", DATE, "--quiet")
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"rapport-{DATE}", f"rapport-{DATE}-2"]


def test_json_alone_prints_and_writes_nothing(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("report", "--ledger", ledger, "--as-of", DATE, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["as_of"] == DATE
    assert list(tmp_path.iterdir()) == []
    written = _report(ledger, tmp_path / "j", "--format", "json")
    assert written.exit_code == 0 and json.loads(written.stdout)["as_of"] == DATE
    assert [p.name for p in (tmp_path / "j").iterdir()] == ["rapport.json"]


def test_a_full_disk_leaves_nothing_half_written(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, values: dict[str, Any]) -> None:
        path.write_bytes(b"PK")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("ordis_cli.actions.report.write_workbook", full)
    result = _report(ledger, tmp_path / "r")
    assert result.exit_code == 2, result.output
    assert "disque est plein" in result.output and "rapport.xlsx" in result.output
    assert list(tmp_path.iterdir()) == []  # no report folder, no staging folder


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_a_read_only_folder_is_exit_2(ledger: Path, tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = _report(ledger, parent / "r")
        assert result.exit_code == 2 and str(parent) in " ".join(result.output.split())
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o700)


def test_a_folder_that_refuses_writing_is_exit_2(
    ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as a read-only folder, for any user (root included)."""

    def refused(*args: Any, **kwargs: Any) -> str:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path))

    monkeypatch.setattr("ordis_cli.atomic.tempfile.mkdtemp", refused)
    result = _report(ledger, tmp_path / "r", "--lang", "en")
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert str(tmp_path) in text and "writing refused" in text
    assert list(tmp_path.iterdir()) == []
