"""``ordis deliveries import``: record what partners delivered; ``ordis deliveries
pending``: the lines still to deliver, to chase."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..messages import Lang, device_words, say
from ..messages.counting import counted_as, number
from . import common
from .common import (
    OutputFormat,
    echo,
    group_language,
    guarded,
    resolve_lang,
    stages,
    stdout_console,
)

if TYPE_CHECKING:  # the reading stack (pandas, openpyxl) is imported when the command runs
    from ..actions.deliveries import DeliveriesImport
    from ..ledger.pending import PendingDeliveries

app = typer.Typer(
    help="Livraisons retournées par les partenaires, et lignes encore à "
    "livrer.\n\n"
    "Exemple : ordis deliveries import retours/*.xlsx",
    no_args_is_help=True,
)


class PendingFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    XLSX = "xlsx"


app.callback()(group_language)


@app.command("import")
def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(help="Classeurs d'envoi remplis par les partenaires.", show_default=False),
    ],
    columns: Annotated[
        Path | None,
        common.columns_option(
            "Vos propres intitulés associés aux "
            "colonnes d'ordis, sous [livraisons] (voir le README)."
        ),
    ] = None,
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Enregistre les livraisons des classeurs retournés par les partenaires (Livré le,
    Quantité livrée, Écart, Commentaire). Tout ou rien par fichier ; réimporter le même
    fichier ne change rien.

    Exemple : ordis deliveries import retours/expeditions_relais.xlsx

    Chaque ligne est vérifiée contre le registre (son N° d'envoi avec son lot, sa structure,
    son matériel et sa quantité) ; un classeur d'un autre registre (feuille a_lire) est
    refusé.

    Codes de sortie : 0 enregistré, 1 un fichier refusé (envoi inconnu, ligne qui ne
    correspond pas à son envoi, classeur d'un autre registre, date future ou antérieure à
    l'allocation, quantité négative ou supérieure à l'envoi…), 2 fichier inutilisable,
    3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.deliveries import import_deliveries
        from ..column_mapping import load_mapping

        mapping = load_mapping(columns, language) if columns else None
        with stages(quiet) as show:
            show(say("term-step-importing", language))
            result = import_deliveries(files, ledger, language, columns=mapping)
        if output is OutputFormat.JSON:
            echo(result.model_dump_json(indent=2))
        else:
            _render(result, language, quiet)
        raise typer.Exit(2 if not result.readable else (0 if result.ok else 1))


def _render(result: DeliveriesImport, lang: Lang, quiet: bool) -> None:
    from ..models import ValidationReport
    from .render import render_report

    console = stdout_console()
    for item in result.files:
        if item.recorded:
            if item.report.warnings and not quiet:  # e.g. no ledger identity to check
                render_report(ValidationReport(ok=True, files=[item.report]), console, lang, quiet)
            kept = item.commented
            new, updated, unchanged, pending = (
                counted_as(item.new, lang, "term-count-new"),
                counted_as(item.updated, lang, "term-count-updated"),
                counted_as(item.unchanged, lang, "term-count-unchanged"),
                number(item.pending, lang),
            )
            text = say(
                "term-imported",
                lang,
                path=item.path,
                new=new,
                updated=updated,
                unchanged=unchanged,
                pending=pending,
                kept=say("term-imported-kept", lang, kept=number(kept, lang)) if kept else "",
            )
            console.print(text, style="green", highlight=False, markup=False)
        else:
            report = ValidationReport(ok=False, files=[item.report])
            render_report(report, console, lang, quiet)
            console.print("  " + say("term-nothing-recorded", lang), style="red")


@app.command("pending")
def pending_command(
    partner: Annotated[
        str | None, typer.Option("--partner", help="Un seul partenaire (casse et accents ignorés).")
    ] = None,
    older_than: Annotated[
        int | None,
        typer.Option(
            "--older-than",
            min=0,
            help="Seulement les lignes envoyées il y a plus de N jours.",
            metavar="JOURS",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None, common.date_option("--as-of", "Date du point (défaut : aujourd'hui).")
    ] = None,
    output: Annotated[
        PendingFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, ou xlsx (une liste de relance en classeur).",
            case_sensitive=False,
        ),
    ] = PendingFormat.TEXT,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Classeur à écrire avec --format xlsx (défaut : ./relances-<date>.xlsx).",
        ),
    ] = None,
    ledger: common.LedgerOpt = Path("ordis.db"),
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Liste, par partenaire, les lignes envoyées pas encore livrées : allocation, date
    d'envoi, âge en jours, commentaire du partenaire. La liste à relancer.

    Exemple : ordis deliveries pending --older-than 7

    Le registre est seulement lu. Avec --format xlsx, un classeur (une feuille de synthèse
    par partenaire, puis toutes les lignes) est écrit sans jamais remplacer un fichier.

    Codes de sortie : 0 liste affichée ou écrite (même vide), 2 registre introuvable,
    partenaire inconnu, fichier --out existant ou mauvaise commande, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.deliveries import pending_deliveries, write_pending

        day = as_of.date() if as_of else None
        result = pending_deliveries(ledger, language, day, partner, older_than)
        if output is PendingFormat.JSON:
            import json

            echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        elif output is PendingFormat.XLSX:
            path = write_pending(result, out, language)
            if not quiet:
                stdout_console().print(
                    say("pending-written", language, path=path), highlight=False, markup=False
                )
        else:
            _render_pending(result, language, quiet, older_than)


def _render_pending(
    result: PendingDeliveries, lang: Lang, quiet: bool, older_than: int | None
) -> None:
    from rich.table import Table

    console = stdout_console()
    when = _date(result.as_of, lang)
    which = (
        say("pending-older", lang, days=counted_as(older_than, lang, "term-count-days"))
        if older_than is not None
        else ""
    )
    if not result.partners:
        console.print(
            say("pending-none", lang, date=when, which=which), highlight=False, markup=False
        )
        return
    lines = sum(p.lines for p in result.partners)
    units = sum(p.units for p in result.partners)
    console.print(
        say(
            "pending-title",
            lang,
            date=when,
            lines=_lines(lines, lang),
            units=_units(units, lang),
            partners=counted_as(len(result.partners), lang, "term-count-partners"),
            which=which,
        ),
        style="bold",
        highlight=False,
        markup=False,
    )
    headers = say("pending-columns", lang).split("|")
    for partner in result.partners:
        console.print(
            say(
                "pending-partner",
                lang,
                partner=partner.partner,
                lines=_lines(partner.lines, lang),
                units=_units(partner.units, lang),
                days=counted_as(partner.oldest_days, lang, "term-count-days"),
            ),
            highlight=False,
            markup=False,
        )
        if quiet:
            continue
        table = Table(show_edge=False, pad_edge=False, box=None)
        for index, header in enumerate(headers):
            # ids are never cut: a coordinator copies them into a message to the partner
            table.add_column(
                header,
                no_wrap=index in (0, 5),
                overflow="fold",
                justify="right" if index in (2, 4) else "left",
            )
        for item in partner.shipments:
            table.add_row(
                item.id_envoi,
                _date(item.shipped_on, lang),
                number(item.age_days, lang),
                device_words(item.materiel, 1, lang),
                number(item.quantite, lang),
                item.id_structure,
                item.departement,
                item.commentaire or "",
            )
        console.print(table)


def _lines(count: int, lang: Lang) -> str:
    return counted_as(count, lang, "term-count-lines")


def _units(count: int, lang: Lang) -> str:
    return counted_as(count, lang, "term-count-units")


def _date(iso: str, lang: Lang) -> str:
    """A date as each language writes it: 15/05/2020, or ISO in English."""
    if lang == "en":
        return iso
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
