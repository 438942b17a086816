"""``ordis runs list|show|cancel``: the allocation history."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..messages import Lang, device_label, has, say, value_label
from ..messages.counting import counted_as, number
from . import common
from .common import OutputFormat, answered, group_language, guarded, resolve_lang, stdout_console

if TYPE_CHECKING:
    from rich.table import Table

app = typer.Typer(
    help="Historique des allocations : list, show, cancel.\n\nExemple : ordis runs list",
    no_args_is_help=True,
)
app.callback()(group_language)


def _table(heads_key: str, rows: Iterable[Sequence[str]], lang: Lang) -> Table:
    """A table whose headings the catalogue keeps under ``heads_key`` ("a|b|c")."""
    from rich.table import Table

    table = Table()
    for head in say(heads_key, lang).split("|"):
        table.add_column(head)
    for row in rows:
        table.add_row(*row)
    return table


def _policy_words(recorded: str, lang: Lang) -> str:
    """The policy a run recorded (its JSON), in words of ``lang``: « portée national,
    partage equitable, méthode glouton, plafond aucun, date 2020-04-20 » (the coordination's
    contact left out); the text itself (its first 200 characters) if it cannot be read so."""
    from ..xlsx_safety import clean_text

    try:
        policy = json.loads(recorded)
        words = []
        for key in ("scope", "share", "method"):
            if key not in policy:  # a run of an earlier format recorded no share, no method
                continue
            value = value_label(key, str(policy[key]), lang)
            words.append(say(f"term-policy-{key}", lang, value=value))
        cap = policy.get("cap")
        words.append(
            say(
                "term-policy-cap", lang, value=say("term-policy-none", lang) if cap is None else cap
            )
        )
        for need, substitutes in dict(policy.get("substitutions") or {}).items():
            instead = say("term-policy-or", lang).join(
                value_label("materiel", str(d), lang) for d in substitutes
            )
            words.append(
                say(
                    "term-policy-substitution",
                    lang,
                    need=value_label("materiel", str(need), lang),
                    instead=instead,
                )
            )
        words.append(say("term-policy-date", lang, value=policy["date"]))
    except (ValueError, KeyError, TypeError, AttributeError):  # as it is, cut short
        shown = clean_text(recorded)  # no terminal escape from a hand-edited ledger
        return shown if len(shown) <= 200 else shown[:200] + "…"
    return clean_text(", ".join(words))


def _status(status: str, lang: Lang) -> str:
    return say(f"term-status-{status}", lang) if has(f"term-status-{status}") else status


@app.command("list")
def list_command(
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Liste les allocations du registre.

    Exemple : ordis runs list --ledger ordis.db

    Codes de sortie : 0 ok, 2 registre inutilisable, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.runs import list_runs

        runs = list_runs(ledger, language)
        if answered(
            output,
            quiet,
            lambda: json.dumps([r.model_dump() for r in runs], indent=2, ensure_ascii=False),
        ):
            return
        stdout_console().print(
            _table(
                "term-runs-heads",
                (
                    (
                        str(run.id),
                        run.created_at.replace("T", " ")[:16],
                        run.run_date,
                        _status(run.status, language),
                        number(run.shipments, language),
                        number(run.units, language),
                        number(run.delivered, language),
                    )
                    for run in runs
                ),
                language,
            )
        )


@app.command("show")
def show_command(
    run: Annotated[int, typer.Argument(help="Numéro de l'allocation.")],
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Détaille une allocation : fichiers d'entrée (SHA-256), politique, lignes par
    partenaire et par matériel, livraisons.

    Exemple : ordis runs show 1

    Codes de sortie : 0 ok, 2 allocation inconnue ou registre inutilisable, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.runs import show_run

        detail = show_run(ledger, run, language)
        if answered(output, quiet, lambda: detail.model_dump_json(indent=2)):
            return
        console = stdout_console()
        status = _status(detail.status, language)
        units = counted_as(detail.units, language, "term-count-units")
        lines = counted_as(detail.shipments, language, "term-count-lines")
        delivered = counted_as(detail.delivered, language, "term-count-delivered")
        heading = say(
            "term-run-heading",
            language,
            run=detail.id,
            date=detail.run_date,
            status=status,
            units=units,
            lines=lines,
            delivered=delivered,
        )
        console.print(heading, style="bold", highlight=False)
        console.print(
            say("term-run-policy", language, policy=_policy_words(detail.policy, language)),
            highlight=False,
        )
        for item in detail.files:
            role = (
                say(f"term-role-{item['role']}", language)
                if has(f"term-role-{item['role']}")
                else item["role"]
            )
            console.print(
                f"  {role}{' :' if language == 'fr' else ':'} {item['path']} "
                f"sha256={item['sha256'][:16]}…",
                highlight=False,
            )
        console.print(
            _table(
                "term-runs-partner-heads",
                (
                    (
                        line.partner,
                        device_label(line.device, language),
                        number(line.shipments, language),
                        number(line.units, language),
                        number(line.delivered, language),
                    )
                    for line in detail.by_partner
                ),
                language,
            )
        )


YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Annule sans demander de confirmation.")]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Dit ce qui serait libéré, sans rien changer.")
]


@app.command("cancel")
def cancel_command(
    run: Annotated[int, typer.Argument(help="Numéro de l'allocation.")],
    yes: YesOpt = False,
    dry_run: DryRunOpt = False,
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Annule une allocation : ce qui n'a pas été livré retourne aux besoins et au stock.
    Demande confirmation, sauf avec --yes ; sans terminal, --yes est obligatoire.

    Exemple : ordis runs cancel 2 --dry-run, puis ordis runs cancel 2 --yes

    Codes de sortie : 0 annulée (ou --dry-run), 1 refusée (déjà annulée ou entièrement
    livrée, ou confirmation refusée), 2 allocation inconnue, registre inutilisable ou
    confirmation impossible sans --yes, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.runs import cancel_preview, cancel_run

        if not yes or dry_run:
            preview = (
                cancel_run(ledger, run, language, dry_run=True)
                if dry_run
                else cancel_preview(ledger, run, language)
            )
            if not dry_run and not _confirmed(preview.run, preview.freed, language):
                stdout_console().print(say("term-unchanged", language))
                raise typer.Exit(1)
        done = preview if dry_run else cancel_run(ledger, run, language)
        if answered(output, quiet, lambda: done.model_dump_json(indent=2)):
            return
        freed = counted_as(done.freed, language, "term-count-freed")
        kept = counted_as(done.kept_delivered, language, "term-count-kept")
        if dry_run:
            would = counted_as(done.freed, language, "term-count-undelivered")
            text = say("term-run-would-cancel", language, run=done.run, units=would, kept=kept)
        else:
            text = say("term-run-cancelled", language, run=done.run, freed=freed, kept=kept)
        stdout_console().print(text)


def _confirmed(run: int, freed: int, language: Lang) -> bool:
    """The user's yes on a terminal; without one, a usage error saying to add --yes."""
    import sys

    from ..errors import UsageError

    if not sys.stdin.isatty():
        raise UsageError("confirmation-needed", say("confirmation-needed", language, run=run))
    units = counted_as(freed, language, "term-count-undelivered")
    # on stderr, as rm -i asks: with the output sent to a file, the question is still seen
    typer.echo(say("term-run-confirm", language, run=run, units=units), nl=False, err=True)
    answer = sys.stdin.readline().strip().casefold()
    return answer in say("term-yes-words", language).split()
