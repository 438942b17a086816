"""``ordis validate``: check needs, donations, partners or delivery files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..messages import Lang, say
from ..messages.counting import counted_as
from . import common
from .common import (
    OutputFormat,
    echo,
    guarded,
    resolve_lang,
    show_progress,
    stderr_console,
    stdout_console,
)

if TYPE_CHECKING:  # the reading stack (pandas, openpyxl) is imported when the command runs
    from ..models import Kind

_KINDS = {  # --kind, French or English -> the value of ``models.Kind``
    "besoins": "besoins",
    "needs": "besoins",
    "dons": "dons",
    "donations": "dons",
    "partenaires": "partenaires",
    "partners": "partenaires",
    "livraisons": "livraisons",
    "deliveries": "livraisons",
}


def _kind(value: str | None, lang: Lang) -> Kind | None:
    if value is None:
        return None
    from ..models import Kind

    try:
        return Kind(_KINDS[value.strip().lower()])
    except KeyError:
        raise typer.BadParameter(say("term-bad-kind", lang), param_hint="--kind") from None


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Fichiers .xlsx, .xlsm, .xls, .ods, .csv.", show_default=False),
    ],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Type des fichiers si l'en-tête ne suffit pas : besoins, dons, "
            "partenaires, livraisons.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            "-s",
            help="Feuille à lire (par défaut, celle dont l'en-tête correspond "
            "le mieux ; jamais une feuille masquée).",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements comptent comme des erreurs.")
    ] = False,
    columns: Annotated[
        Path | None,
        common.columns_option(
            "Vos propres intitulés (questions d'un "
            "formulaire…) associés aux colonnes d'ordis, une table par type : [besoins], [dons], "
            "[partenaires], [livraisons] (voir le README)."
        ),
    ] = None,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="Liste toutes les cellules d'un problème répété, au lieu des "
            "premières et de « (+n) ».",
        ),
    ] = False,
    annotate_to: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            metavar="SORTIE",
            help="Écrit une copie annotée (cellules surlignées, "
            "commentaires, feuille des problèmes) : SORTIE.xlsx pour un fichier, sinon un "
            "dossier.",
        ),
    ] = None,
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Vérifie des fichiers de besoins, de dons, de partenaires ou de livraisons.

    Affiche tous les problèmes (fichier, feuille, ligne, cellule, valeur, ce qui est
    attendu) et n'écrit rien, sauf avec --annotate.

    Exemple : ordis validate sample_data/besoins.xlsx sample_data/dons.xlsx

    Codes de sortie : 0 valide (avertissements permis), 1 erreurs dans les données,
    2 fichier inutilisable ou mauvaise commande, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.validate import ValidationOptions, validate_files
        from ..column_mapping import load_mapping
        from .render import render_report

        options = ValidationOptions(
            lang=language,
            strict=strict,
            kind=_kind(kind, language),
            sheet=sheet,
            columns=load_mapping(columns, language) if columns else None,
        )
        if show_progress(quiet):
            from rich.markup import escape
            from rich.progress import Progress, SpinnerColumn, TextColumn

            from ..reading.quoting import shorten

            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                console=stderr_console(),
                transient=True,
            ) as bar:
                task = bar.add_task("")

                def advance(path: str, rows: int) -> None:
                    name = escape(shorten(Path(path).name, 80, language))
                    read = counted_as(rows, language, "term-count-rows")
                    colon = say("term-report-colon", language)
                    bar.update(task, description=f"{name}{colon} {read}")

                report = validate_files(files, options, advance)
        else:
            report = validate_files(files, options)
        if annotate_to is not None:  # openpyxl (0.4 s to import) only when it is asked for
            from ..validation.annotate import write_annotations

            write_annotations(report.files, annotate_to, language)
        if output is OutputFormat.JSON:
            echo(report.model_dump_json(indent=2))
        else:
            render_report(report, stdout_console(), language, quiet, details)
        raise typer.Exit(2 if not report.readable else (0 if report.ok else 1))
