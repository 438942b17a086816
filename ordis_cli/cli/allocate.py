"""``ordis allocate``: match lots to structures, write the dispatch workbooks, record the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ..messages import Lang, device_label, say, value_label
from ..messages.counting import counted_as, number
from ..policy_words import EitherLanguage
from . import common
from .choices import ScopeChoice
from .common import OutputFormat, echo, guarded, resolve_lang, stages, stdout_console


class ShareChoice(EitherLanguage):
    """``--share``: the values of ``allocation.policy.Share``."""

    EQUITABLE = "equitable"
    DEMANDE = "demande"


class MethodChoice(EitherLanguage):
    """``--method``: the values of ``allocation.policy.Method``."""

    GLOUTON = "glouton"
    OPTIMAL = "optimal"


if TYPE_CHECKING:  # the allocation stack (pandas, pydantic) is imported when the command runs
    from ..actions.allocate import AllocateRequest, AllocationResult
    from ..models import ValidationReport

_STEPS = {
    "reading": "term-step-reading",
    "allocating": "term-step-allocating",
    "writing": "term-step-writing",
}


def _substitutions(values: list[str], lang: Lang) -> dict[str, list[str]] | None:
    """``--substitute NEED=A[,B]`` given once or more: each need with its substitutes, in
    the order given (``fixe=portable`` and ``fixe=tablette`` add up)."""
    if not values:
        return None
    from ..models import DeviceType

    found: dict[str, list[str]] = {}
    for value in values:
        need, _, substitutes = value.partition("=")
        try:
            instead = [DeviceType(s).value for s in substitutes.split(",") if s.strip()]
            if not instead:  # « desktop » or « desktop= »: nothing to stand in
                raise ValueError(value)
            taken = found.setdefault(DeviceType(need).value, [])
        except ValueError:
            raise typer.BadParameter(
                say("term-bad-substitute", lang, value=value), param_hint="--substitute"
            ) from None
        taken.extend(device for device in instead if device not in taken)
    return found


def allocate(
    needs: Annotated[
        list[Path],
        typer.Option(
            "--needs",
            help="Fichier des besoins (répétable : les fichiers forment une seule liste).",
        ),
    ],
    donations: Annotated[
        list[Path],
        typer.Option(
            "--donations",
            help="Fichier des dons (répétable : les fichiers forment une seule liste).",
        ),
    ],
    partners: Annotated[
        Path | None, typer.Option("--partners", help="Fichier des partenaires (zones, capacités).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Dossier des classeurs (défaut : ./dispatch-<date>)."),
    ] = None,
    scope: Annotated[
        ScopeChoice | None,
        typer.Option("--scope", help="Portée maximale : departement, region ou national (défaut)."),
    ] = None,
    cap: Annotated[
        int | None,
        typer.Option("--cap", min=1, help="Au plus N unités d'un type par structure et par envoi."),
    ] = None,
    share: Annotated[
        ShareChoice | None,
        typer.Option(
            "--share",
            help="Partage entre structures d'une même priorité quand le stock manque : "
            "equitable (défaut : selon le nombre d'enfants, aucune sans rien tant qu'une autre a "
            "tout) ou demande (chacune à son tour prend toute sa demande).",
        ),
    ] = None,
    method: Annotated[
        MethodChoice | None,
        typer.Option(
            "--method",
            help="glouton (défaut : par tours de distance croissante) ou optimal (un solveur "
            "donne le plus d'unités à urgente, puis haute, puis normale, puis le moins de "
            "kilomètres).",
        ),
    ] = None,
    substitute: Annotated[
        list[str] | None,
        typer.Option(
            "--substitute", help="Substitution en dernier tour, ex. fixe=portable (répétable)."
        ),
    ] = None,
    date: Annotated[
        dt.datetime | None,
        common.date_option(
            "--date",
            "Date de l'envoi (défaut : aujourd'hui) ; les lots disponibles plus tard sont "
            "laissés de côté.",
        ),
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            help="Fichier TOML : scope, cap, date, [substitutions], "
            "[coordination] (nom, email, telephone).",
        ),
    ] = None,
    columns: Annotated[
        Path | None,
        common.columns_option(
            "Vos propres intitulés (questions d'un "
            "formulaire…) associés aux colonnes d'ordis : [besoins], [dons], [partenaires] "
            "(voir le README)."
        ),
    ] = None,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Compare glouton+demande, glouton+equitable et optimal côte à côte (appareils "
            "par priorité, structures servies, part la plus basse, appareils × km, temps) sans "
            "rien écrire ni enregistrer.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Affiche le résumé sans rien écrire ni enregistrer.")
    ] = False,
    retire_missing: Annotated[
        bool,
        typer.Option(
            "--retire-missing",
            help="Retire les structures et lots connus du registre mais "
            "absents des fichiers (sinon l'allocation s'arrête).",
        ),
    ] = False,
    emails: Annotated[
        bool,
        typer.Option(
            "--emails",
            help="Écrit aussi courriels/<partenaire>.eml : un message prêt à envoyer "
            "à chaque partenaire qui a un contact_email, son classeur joint (rien n'est "
            "envoyé).",
        ),
    ] = False,
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Attribue les lots aux structures, écrit un classeur par partenaire et enregistre
    l'allocation dans le registre.

    Par tours de distance croissante (département, région, pays), par ordre de priorité ;
    chaque ligne dit pourquoi. Une nouvelle allocation ne sert que ce que les précédentes
    n'ont pas déjà couvert.

    Exemple : ordis allocate --needs sample_data/besoins.xlsx --donations
    sample_data/dons.xlsx --partners sample_data/partenaires.xlsx --date 2020-04-20

    Codes de sortie : 0 allocation faite, 1 données invalides, 2 fichier inutilisable ou
    mauvaise commande, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.allocate import AllocateRequest, run_allocation
        from ..allocation.policy import Scope, load_policy
        from ..column_mapping import load_mapping

        chosen = load_policy(
            policy,
            {
                "scope": None if scope is None else Scope(scope.value),
                "cap": cap,
                "share": None if share is None else share.value,
                "method": None if method is None else method.value,
                "substitutions": _substitutions(substitute or [], language),
                "date": date.date() if date else None,
            },
            language,
        )
        request = AllocateRequest(
            needs=needs,
            donations=donations,
            partners=partners,
            ledger=ledger,
            out=out,
            policy=chosen,
            lang=language,
            dry_run=dry_run,
            retire_missing=retire_missing,
            emails=emails,
            columns=load_mapping(columns, language) if columns else None,
        )
        if compare:
            _compare(request, output, language, quiet)
        with stages(quiet) as show:
            result = run_allocation(request, lambda name: show(say(_STEPS[name], language)))
        if result.summary is None:
            _refused(result.validation, output, language, quiet)
        if output is OutputFormat.JSON:
            echo(result.summary.model_dump_json(indent=2))
        elif not quiet:
            _render(result, language, dry_run)
        raise typer.Exit(0)


def _refused(report: ValidationReport, output: OutputFormat, lang: Lang, quiet: bool) -> NoReturn:
    """The input files refused: their problems (text or JSON), then exit 2 when a file
    cannot be read at all, else 1."""
    if output is OutputFormat.JSON:
        echo(report.model_dump_json(indent=2))
    else:
        from .render import render_report

        render_report(report, stdout_console(), lang, quiet)
    raise typer.Exit(2 if not report.readable else 1)


def _compare(request: AllocateRequest, output: OutputFormat, lang: Lang, quiet: bool) -> None:
    """``--compare``: the three plans side by side, then exit (0, or as ``allocate`` when the
    files are refused)."""
    from ..actions.allocate import compare_plans

    with stages(quiet) as show:
        show(say("term-step-allocating", lang))
        result = compare_plans(request)
    if result.comparison is None:
        _refused(result.validation, output, lang, quiet)
    if output is OutputFormat.JSON:
        echo(result.comparison.model_dump_json(indent=2))
        raise typer.Exit(0)
    from rich.table import Table

    from ..allocation.fairness import LEVELS

    plans = result.comparison.plans
    table = Table(title=say("method-compare-title", lang), title_justify="left")
    table.add_column(say("method-measure", lang))
    for name in plans:
        table.add_column(value_label("plan", name, lang), justify="right")

    def share(value: float | None) -> str:
        if value is None:
            return say("method-none", lang)
        return number(value * 100, lang) + (" %" if lang == "fr" else "%")

    for level in LEVELS:
        row = [number(p.units_by_priority[level], lang) for p in plans.values()]
        table.add_row(
            say("method-units-level", lang, level=value_label("priorite", level, lang)), *row
        )
    table.add_row(
        say("method-units", lang), *(number(p.units, lang) for p in plans.values()), style="bold"
    )
    table.add_row(
        say("method-served", lang), *(number(p.structures_served, lang) for p in plans.values())
    )
    for level in LEVELS:
        row = [share(p.min_fill_by_priority[level]) for p in plans.values()]
        table.add_row(
            say("method-min-fill", lang, level=value_label("priorite", level, lang)), *row
        )
    table.add_row(
        say("method-device-km", lang), *(number(round(p.device_km), lang) for p in plans.values())
    )
    table.add_row(
        say("method-seconds", lang), *(number(p.seconds, lang, 2) for p in plans.values())
    )
    stdout_console().print(table)
    raise typer.Exit(0)


def _warned_files(report: ValidationReport, lang: Lang) -> None:
    """The files' warnings, grouped as ``validate`` shows them: a run goes on despite them
    (a partner absent from the partners file ships everywhere, without a capacity…), so
    the coordinator sees them before the plan."""
    warned = [file for file in report.files if file.warnings]
    if warned:
        from .render import render_report

        shown = report.model_copy(update={"files": warned})
        render_report(
            shown, stdout_console(), lang, quiet=False, totals=False, more_hint="rows-validate-hint"
        )


def _render(result: AllocationResult, lang: Lang, dry_run: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..models import DEVICE_TYPES

    assert result.summary is not None
    summary = result.summary
    console = stdout_console()
    _warned_files(result.validation, lang)
    title = (
        say("term-alloc-dry", lang) if dry_run else say("term-alloc-title", lang, run=summary.run)
    )
    lines = counted_as(summary.shipments, lang, "term-count-shipment-lines")
    table = Table(title=f"{title} — {lines}", title_justify="left")
    table.add_column(say("term-alloc-region", lang))
    for device in DEVICE_TYPES:
        table.add_column(device_label(device.value, lang), justify="right")
    for region, counts in result.by_region.items():
        table.add_row(region, *(number(counts[d.value], lang) for d in DEVICE_TYPES))
    for label, counts, style in (
        (say("term-alloc-total", lang), summary.allocated, "bold"),
        (say("term-alloc-unmet", lang), summary.unmet, "yellow"),
        (say("term-alloc-leftover", lang), summary.leftover, "dim"),
    ):
        table.add_row(label, *(number(counts[d.value], lang) for d in DEVICE_TYPES), style=style)
    console.print(table)
    from ..messages.fairness import fairness_lines

    for line in fairness_lines(summary.fairness, lang):
        console.print(line, markup=False, highlight=False)
    for run in summary.recovered:
        console.print(say("recovered-run", lang, run=run), style="yellow", markup=False)
    if any(summary.retired.values()):
        retired = say(
            "term-alloc-retired",
            lang,
            structures=counted_as(summary.retired["structures"], lang, "term-count-structures"),
            lots=counted_as(summary.retired["lots"], lang, "term-count-lots"),
        )
        console.print(retired, style="yellow")
    for note in summary.warnings:
        console.print(Text(f"⚠ {note.message}", style="yellow"))
    if summary.shipments == 0:
        console.print(say("term-alloc-nothing", lang), style="yellow")
    if summary.files:
        from ..reading.quoting import shorten  # a partner's name of millions of characters

        console.print(say("term-alloc-files", lang))
        for file in summary.files:
            owner = (
                shorten(file.partner, lang=lang)
                if file.partner
                else say("term-alloc-workbook", lang)
            )
            # one line per file, whatever the terminal's width
            console.print(Text(f"  {file.path}  ({owner})"), soft_wrap=True)
