"""``ordis demo``: the whole cycle on the bundled sample data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import say
from . import common
from .common import guarded, resolve_lang, stages, stdout_console

_STEPS = {
    "data": "term-step-data",
    "validate": "term-step-validate",
    "allocate": "term-step-allocating",
    "returns": "term-step-returns",
    "import": "term-step-importing",
    "report": "term-step-report",
}


def demo(
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Dossier neuf où tout écrire (défaut : ./ordis-demo)."),
    ] = None,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Joue tout le cycle sur les données d'exemple, dans un dossier neuf : vérification,
    allocation, classeurs remplis par les partenaires, import des livraisons, rapport ; puis
    fait le tour de ce qui a été écrit.

    Exemple : ordis demo --out ordis-demo

    Codes de sortie : 0 fait, 2 dossier non vide ou mauvaise commande, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.demo import run_demo

        with stages(quiet) as show:
            result = run_demo(out, language, lambda name: show(say(_STEPS[name], language)))
        from rich.table import Table
        from rich.text import Text

        console = stdout_console()
        console.print(Text(result.headline, style="bold"))
        if not quiet:  # --quiet: the headline and the page to open only
            table = Table(show_lines=False)
            for head in say("term-demo-heads", language).split("|"):
                table.add_column(head, overflow="fold")
            for stop in result.stops:
                table.add_row(stop.path, stop.what, stop.command)
            console.print(table)
            console.print(Text(say("term-demo-where", language, path=result.out)))
        page = Path(result.out) / "rapport" / "rapport.html"
        console.print(Text(say("term-demo-open", language, path=page)))
