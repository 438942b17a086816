"""``ordis runs list|show|cancel``: the allocation history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..runs import cancel_run, list_runs, show_run
from .common import (
    DebugOpt,
    FormatOpt,
    LangOpt,
    LedgerOpt,
    OutputFormat,
    QuietOpt,
    answered,
    guarded,
    resolve_lang,
    stdout_console,
)

app = typer.Typer(help="Historique des allocations : list, show, cancel.\n\n"
                  "Exemple : ordis runs list", no_args_is_help=True)

_HEAD = {"fr": ("N°", "Créée le", "Date d'envoi", "Statut", "Lignes", "Unités", "Livrées"),
         "en": ("Run", "Created", "Run date", "Status", "Lines", "Units", "Delivered")}
_PARTNER_HEAD = {"fr": ("partenaire", "matériel", "lignes", "unités", "livrées"),
                 "en": ("partner", "equipment", "lines", "units", "delivered")}
_STATUS = {"fr": {"active": "active", "cancelled": "annulée", "writing": "en écriture"},
           "en": {"active": "active", "cancelled": "cancelled", "writing": "being written"}}


@app.command("list")
def list_command(
    ledger: LedgerOpt = Path("ordis.db"),
    output: FormatOpt = OutputFormat.TEXT,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Liste les allocations du registre.

    Exemple : ordis runs list --ledger ordis.db

    Codes de sortie : 0 ok, 2 registre inutilisable, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        runs = list_runs(ledger, language)
        if answered(output, quiet, lambda: json.dumps([r.model_dump() for r in runs],
                                                      indent=2, ensure_ascii=False)):
            return
        table = Table()
        for head in _HEAD[language]:
            table.add_column(head)
        for run in runs:
            table.add_row(str(run.id), run.created_at.replace("T", " ")[:16], run.run_date,
                          _STATUS[language][run.status], str(run.shipments), str(run.units),
                          str(run.delivered))
        stdout_console().print(table)


@app.command("show")
def show_command(
    run: Annotated[int, typer.Argument(help="Numéro de l'allocation.")],
    ledger: LedgerOpt = Path("ordis.db"),
    output: FormatOpt = OutputFormat.TEXT,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Détaille une allocation : fichiers d'entrée (SHA-256), politique, lignes par
    partenaire et par matériel, livraisons.

    Exemple : ordis runs show 1

    Codes de sortie : 0 ok, 2 allocation inconnue ou registre inutilisable, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        detail = show_run(ledger, run, language)
        if answered(output, quiet, lambda: detail.model_dump_json(indent=2)):
            return
        console = stdout_console()
        status = _STATUS[language][detail.status]
        heading = (f"Allocation n° {detail.id} — envoi du {detail.run_date}, {status} : "
                f"{detail.units} unité(s) en {detail.shipments} ligne(s), "
                f"{detail.delivered} livrée(s)" if language == "fr" else
                f"Run {detail.id} — dated {detail.run_date}, {status}: {detail.units} unit(s) "
                f"in {detail.shipments} line(s), {detail.delivered} delivered")
        console.print(heading, style="bold", highlight=False)
        console.print(f"politique : {detail.policy}" if language == "fr"
                      else f"policy: {detail.policy}", highlight=False)
        for item in detail.files:
            console.print(f"  {item['role']}: {item['path']} sha256={item['sha256'][:16]}…",
                          highlight=False)
        table = Table()
        for head in _PARTNER_HEAD[language]:
            table.add_column(head)
        for line in detail.by_partner:
            table.add_row(line.partner, line.device, str(line.shipments), str(line.units),
                          str(line.delivered))
        console.print(table)


@app.command("cancel")
def cancel_command(
    run: Annotated[int, typer.Argument(help="Numéro de l'allocation.")],
    ledger: LedgerOpt = Path("ordis.db"),
    output: FormatOpt = OutputFormat.TEXT,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Annule une allocation : ce qui n'a pas été livré retourne aux besoins et au stock.

    Exemple : ordis runs cancel 2

    Codes de sortie : 0 annulée, 1 refusée (déjà annulée ou entièrement livrée),
    2 allocation inconnue ou registre inutilisable, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        done = cancel_run(ledger, run, language)
        if answered(output, quiet, lambda: done.model_dump_json(indent=2)):
            return
        text = (f"Allocation n° {done.run} annulée : {done.freed} unité(s) libérée(s), "
                f"{done.kept_delivered} livrée(s) conservée(s)." if language == "fr" else
                f"Run {done.run} cancelled: {done.freed} unit(s) freed, "
                f"{done.kept_delivered} delivered kept.")
        stdout_console().print(text)
