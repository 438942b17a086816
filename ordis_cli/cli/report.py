"""``ordis report``: the figures for the press and the team."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..atomic import output_folder
from ..ledger.location import LedgerPath
from ..messages import Lang, say
from . import common
from .choices import REPORT_FORMATS as FORMATS
from .common import echo, guarded, resolve_lang, stages, stdout_console

if TYPE_CHECKING:  # pydantic is imported when the command runs
    from pydantic import BaseModel

# a donor's page: no workbook (its figures fit a page; the team's workbook is the report's)
DONOR_FORMATS = ("md", "html", "json")


def _formats(value: str | None, lang: Lang, possible: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return possible
    from ..actions.report import chosen_formats
    from ..errors import UsageError

    try:
        return chosen_formats(value, possible, lang)
    except UsageError as refused:  # a usage error of the command line, said as click says it
        raise typer.BadParameter(refused.message, param_hint="--format") from None


def report(
    as_of: Annotated[
        dt.datetime | None,
        common.date_option("--as-of", "Date des chiffres (défaut : aujourd'hui)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Dossier des rapports (défaut : ./rapport-<date>)."),
    ] = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html, xlsx, json, séparés par des virgules (défaut : les "
            "quatre ; avec --donor : md, html, json) ; json seul s'affiche sur la sortie "
            "standard.",
        ),
    ] = None,
    donor: Annotated[
        str | None,
        typer.Option(
            "--donor",
            help="La page d'un donateur (une organisation) : ce que ses lots sont devenus, "
            "par type, région et semaine, sa part de l'opération. Nom écrit comme dans le "
            "fichier des dons (majuscules, accents et ponctuation ne comptent pas).",
        ),
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            help="Fichier TOML de la politique : sa table [coordination] (nom, email, "
            "telephone, ville) donne le contact presse et la ville du communiqué.",
        ),
    ] = None,
    ledger: common.LedgerOpt = Path("ordis.db"),
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Écrit les chiffres de la semaine : rapport Markdown, projet de communiqué, page HTML
    avec graphiques, classeur Excel avec graphiques, JSON. Chiffres agrégés par région,
    sans aucune structure nommée.

    Exemple : ordis report --as-of 2020-05-15 --out rapport --policy politique.toml

    Le dossier --out doit être absent ou vide : un dossier qui contient déjà des fichiers
    n'est jamais modifié. Sans --out : ./rapport-<date>, ou -2, -3… s'il existe déjà.

    Avec --donor NOM : la page d'un donateur (rapport-donateur.html, .md, .json dans
    ./rapport-<donateur>-<date>), sans nom d'autre donateur ni de structure.

    Codes de sortie : 0 rapport écrit, 1 --donor désigne un donateur particulier (jamais
    nommé), 2 registre introuvable, donateur inconnu, dossier --out non vide, écriture
    impossible (disque plein, dossier en lecture seule) ou mauvaise commande, 3 erreur
    interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        chosen = _formats(formats, language, DONOR_FORMATS if donor is not None else FORMATS)
        day = as_of.date() if as_of else dt.date.today()
        json_only = chosen == ("json",)
        if donor is not None:
            _donor_page(donor, day, out, chosen, ledger, language, quiet)
            return
        # a non-empty --out is refused before anything is read (SPEC §1)
        target = (
            None
            if json_only and out is None
            else output_folder(out, Path(f"rapport-{day.isoformat()}"), language)
        )
        from ..actions.report import report_figures, write_report
        from ..allocation.policy import load_policy

        # read before anything is written: a wrong policy file writes nothing (exit 2)
        coordination = load_policy(policy, {}, language).coordination if policy else None

        with stages(quiet) as show:
            show(say("term-step-figures", language))
            figures, details = report_figures(ledger, day, language)
        _show_and_write(
            figures,
            target,
            json_only,
            quiet,
            lambda folder: write_report(figures, details, folder, chosen, language, coordination),
        )


def _donor_page(
    donor: str,
    day: dt.date,
    out: Path | None,
    chosen: tuple[str, ...],
    ledger: LedgerPath,
    language: Lang,
    quiet: bool,
) -> None:
    """``report --donor NAME``: the donor is found (or refused) before anything is written;
    the default folder is ./rapport-<donor>-<date>."""
    from ..actions.report import donor_report_figures, write_donor_report
    from ..names import file_stem

    json_only = chosen == ("json",)
    target = None
    if out is not None or not json_only:  # a non-empty --out is refused before reading
        target = output_folder(out, Path(f"rapport-{file_stem(donor)}-{day}"), language)
    with stages(quiet) as show:
        show(say("term-step-figures", language))
        figures = donor_report_figures(ledger, donor, day, language)
    _show_and_write(
        figures,
        target,
        json_only,
        quiet,
        lambda folder: write_donor_report(figures, folder, chosen, language),
    )


def _show_and_write(
    figures: BaseModel,
    target: Path | None,
    json_only: bool,
    quiet: bool,
    write: Callable[[Path], list[Path]],
) -> None:
    """``--format json`` alone: the figures on stdout (and in ``target`` too if ``--out`` was
    given); otherwise the report written in ``target``, then the paths of its files."""
    if json_only:
        echo(figures.model_dump_json(indent=2))
    if target is None:
        return
    written = write(target)
    if not quiet and not json_only:
        console = stdout_console()
        for path in written:
            console.print(str(path), highlight=False, markup=False)
