"""``ordis runs list / show / cancel``: the allocation history, read from the ledger and
changed only by ``cancel``; and the library functions behind them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from ordis_cli.messages import Lang

from .commands import allocate_files, import_returned, one_need_one_lot
from .conftest import DATE, SAMPLE, cell, first_summary, invoke, ledger_of, sha256, summary
from .test_deliveries import fill, imported


def test_runs_list_show_cancel(run_both: Path) -> None:
    first = first_summary(run_both)
    ledger = ledger_of(run_both)
    listed = json.loads(invoke("runs", "list", "--ledger", ledger, "--format", "json").stdout)
    assert [(r["id"], r["status"], r["shipments"]) for r in listed] == [
        (1, "active", first["shipments"])
    ]
    shown = json.loads(invoke("runs", "show", "1", "--ledger", ledger, "--format", "json").stdout)
    assert {f["role"] for f in shown["files"]} == {"besoins", "dons", "partenaires"}
    assert sum(line["units"] for line in shown["by_partner"]) == sum(first["allocated"].values())
    assert invoke("runs", "show", "9", "--ledger", ledger).exit_code == 2
    # deliver part of it, cancel: the rest is freed and allocated again by the next run
    imported(run_both, fill(run_both, "retour.xlsx", {"livre_le@2": "24/04/2020"}))
    done = json.loads(
        invoke("runs", "cancel", "1", "--yes", "--ledger", ledger, "--format", "json").stdout
    )
    assert done["kept_delivered"] > 0
    assert done["freed"] + done["kept_delivered"] == sum(first["allocated"].values())
    assert invoke("runs", "cancel", "1", "--ledger", ledger).exit_code == 1
    again = summary(run_both, out="envois2")
    assert sum(again["allocated"].values()) == done["freed"]


def test_reading_commands_change_nothing(sample_run: Path) -> None:
    ledger = sample_run / "ordis.db"
    before = sha256(ledger)
    for command in (["runs", "list"], ["runs", "show", "1"]):
        for form in ("text", "json"):
            assert invoke(*command, "--ledger", ledger, "--format", form).exit_code == 0
    assert sha256(ledger) == before


def test_commands_on_a_missing_ledger_say_so(tmp_path: Path) -> None:
    absent = tmp_path / "absent.db"
    for command in (
        ["runs", "list"],
        ["runs", "show", "1"],
        ["runs", "cancel", "1"],
        ["deliveries", "import", str(SAMPLE / "dons.xlsx")],
        ["report"],
    ):
        result = invoke(*command, "--ledger", absent)
        assert result.exit_code == 2, command
        assert "registre introuvable" in " ".join(result.output.split())
    assert not absent.exists()


def test_fully_delivered_run_cannot_be_cancelled(tmp_path: Path) -> None:
    needs, donations = one_need_one_lot(tmp_path)
    ledger = tmp_path / "ordis.db"
    result = allocate_files(needs, donations, ledger, "--out", tmp_path / "out", "--date", DATE)
    assert result.exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out" / "expeditions_nexora.xlsx")
    cell(book["expeditions"], "livre_le@2").value = "21/04/2020"
    book.save(tmp_path / "retour.xlsx")
    assert import_returned(tmp_path / "retour.xlsx", ledger).exit_code == 0
    refused = invoke("runs", "cancel", "1", "--ledger", ledger)
    assert refused.exit_code == 1 and "entièrement livrée" in refused.output


def test_the_library_functions_list_show_and_cancel(run_both: Path) -> None:
    import ordis_cli

    ledger = ledger_of(run_both)
    first = first_summary(run_both)
    [run] = ordis_cli.list_runs(ledger, "fr")
    assert (run.id, run.status, run.shipments) == (1, "active", first["shipments"])
    shown = ordis_cli.show_run(ledger, 1, "fr")
    assert sum(line.units for line in shown.by_partner) == sum(first["allocated"].values())
    cancelled = ordis_cli.cancel_run(ledger, 1, "fr")
    assert cancelled.freed == sum(first["allocated"].values()) and cancelled.kept_delivered == 0
    assert [r.status for r in ordis_cli.list_runs(ledger, "fr")] == ["cancelled"]


def test_runs_show_says_the_policy_in_words() -> None:
    """`runs show` printed the policy as its JSON (« "method": "glouton" » to an English
    user, the coordination's contact included); now in words of the language."""
    from ordis_cli.allocation.policy import Policy
    from ordis_cli.cli.runs import _policy_words

    recorded = Policy(
        scope="departement",  # type: ignore[arg-type]
        cap=3,
        share="demande",  # type: ignore[arg-type]
        substitutions={"fixe": ("portable", "tablette")},  # type: ignore[dict-item]
        date="2020-04-20",  # type: ignore[arg-type]
        coordination={"nom": "Claire Martin"},  # type: ignore[arg-type]
    ).as_json()
    assert _policy_words(recorded, "fr") == (
        "portée departement, partage demande, méthode glouton, plafond 3, "
        "fixe remplacé par portable ou tablette, date 2020-04-20"
    )
    assert _policy_words(recorded, "en") == (
        "scope department, share demand, method greedy, cap 3, "
        "desktop replaced by laptop or tablet, date 2020-04-20"
    )
    assert _policy_words("{not json", "en") == "{not json"  # a hand-edited ledger: as it is
    assert _policy_words("x" * 2_000_000, "fr") == "x" * 200 + "…"  # not 2 MB on screen


def test_names_are_printed_as_written_never_as_markup(tmp_path: Path) -> None:
    """A partner named « Relais [/] Solidaire » allocated fine, then `runs show` was an
    internal error: rich read "[/]" as markup."""
    from .commands import allocate_files
    from .csv_files import write_csv

    needs = write_csv(
        tmp_path / "besoins.csv",
        "id_structure;nom_structure;departement;adresse;code_postal;commune;portables",
        "S1;MECS A;69;1 rue A;69001;Lyon;2",
    )
    donations = write_csv(
        tmp_path / "dons.csv",
        "id_don;donateur;materiel;quantite;departement;partenaire",
        "D1;[bold]Nexora;portable;5;69;Relais [/] Solidaire",
    )
    ledger = tmp_path / "ordis.db"
    done = allocate_files(needs, donations, ledger, "--out", tmp_path / "envois")
    assert done.exit_code == 0, done.output
    shown = invoke("runs", "show", "1", "--ledger", ledger)
    assert shown.exit_code == 0, shown.output
    assert "Relais [/] Solidaire" in shown.output
    pending = invoke("deliveries", "pending", "--ledger", ledger)
    assert pending.exit_code == 0 and "Relais [/] Solidaire" in pending.output


class _Terminal:
    """A terminal's input that answers ``answer``."""

    def __init__(self, answer: str) -> None:
        self.answer = answer

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        return self.answer


@pytest.mark.parametrize(("lang", "answer", "yes"), [("fr", "o\n", True), ("en", "n\n", False)])
def test_the_cancel_question_is_asked_on_stderr(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: Lang,
    answer: str,
    yes: bool,
) -> None:
    """`runs cancel 1 > out.txt` wrote its [o/N] question into out.txt, unseen, and took the
    answer typed blind; it is asked on stderr, as rm -i asks."""
    from ordis_cli.cli.runs import _confirmed

    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    assert _confirmed(1, 12, lang) is yes
    asked = capsys.readouterr()
    assert asked.out == "" and "12" in asked.err and ("[o/N]" in asked.err or "[y/N]" in asked.err)


def test_a_run_of_an_earlier_format_says_the_policy_it_recorded() -> None:
    """A run of format 2 recorded no share nor method: its policy was shown as JSON."""
    from ordis_cli.cli.runs import _policy_words

    recorded = '{"cap": null, "date": "2020-04-20", "scope": "national", "substitutions": {}}'
    assert _policy_words(recorded, "fr") == "portée national, plafond aucun, date 2020-04-20"
    # no terminal escape from a hand-edited ledger reaches the screen
    assert "\x1b" not in _policy_words("\x1b[31mrouge\x1b]0;titre\x07", "fr")
    assert "\x1b" not in _policy_words('{"scope": "\\u001b[31m", "date": "d"}', "en")
