"""``ordis deliveries import``: record what partners delivered."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..messages import Lang
from ..messages.counting import counted, number
from .common import (
    DebugOpt,
    FormatOpt,
    LangOpt,
    LedgerOpt,
    OutputFormat,
    QuietOpt,
    group_language,
    guarded,
    resolve_lang,
    stages,
    stdout_console,
)

if TYPE_CHECKING:  # the reading stack (pandas, openpyxl) is imported when the command runs
    from ..actions.deliveries import DeliveriesImport

app = typer.Typer(help="Livraisons retournées par les partenaires.\n\n"
                  "Exemple : ordis deliveries import retours/*.xlsx", no_args_is_help=True)
app.callback()(group_language)


@app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="Classeurs d'envoi remplis par les "
                                                     "partenaires.", show_default=False)],
    ledger: LedgerOpt = Path("ordis.db"),
    output: FormatOpt = OutputFormat.TEXT,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Enregistre les livraisons (livre_le, quantite_livree, commentaire) des classeurs
    retournés. Tout ou rien par fichier ; réimporter le même fichier ne change rien.

    Exemple : ordis deliveries import retours/expeditions_relais.xlsx

    Chaque ligne est vérifiée contre le registre (id_envoi avec son id_don, id_structure,
    materiel et quantite) ; un classeur d'un autre registre (feuille a_lire) est refusé.

    Codes de sortie : 0 enregistré, 1 un fichier refusé (envoi inconnu, ligne qui ne
    correspond pas à son envoi, classeur d'un autre registre, date future ou antérieure à
    l'allocation, quantité négative ou supérieure à l'envoi…), 2 fichier inutilisable,
    3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.deliveries import import_deliveries

        with stages(quiet) as show:
            show("Import des livraisons…" if language == "fr" else "Importing deliveries…")
            result = import_deliveries(files, ledger, language)
        if output is OutputFormat.JSON:
            typer.echo(result.model_dump_json(indent=2))
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
                render_report(ValidationReport(ok=True, files=[item.report]), console, lang,
                              quiet)
            kept = item.commented
            new, updated, unchanged, pending = (
                counted(item.new, lang, ("nouvelle", "nouvelles"), ("new", "new")),
                counted(item.updated, lang, ("modifiée", "modifiées"), ("updated", "updated")),
                counted(item.unchanged, lang, ("inchangée", "inchangées"),
                        ("unchanged", "unchanged")),
                number(item.pending, lang))
            text = (f"{item.path} : {new}, {updated}, {unchanged}, {pending} en attente"
                    + (f" (dont {number(kept, lang)} avec un commentaire conservé)"
                       if kept else "") + "."
                    if lang == "fr" else
                    f"{item.path}: {new}, {updated}, {unchanged}, {pending} pending"
                    + (f" ({number(kept, lang)} with a comment kept)" if kept else "") + ".")
            console.print(text, style="green", highlight=False, markup=False)
        else:
            report = ValidationReport(ok=False, files=[item.report])
            render_report(report, console, lang, quiet)
            console.print(("  Rien n'a été enregistré pour ce fichier."
                           if lang == "fr" else "  Nothing was recorded for this file."),
                          style="red")
