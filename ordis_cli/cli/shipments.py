"""``ordis shipments cancel ID...``: single shipment lines."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import device_label, say
from ..messages.counting import counted_as, number
from . import common
from .common import OutputFormat, answered, group_language, guarded, resolve_lang, stdout_console

app = typer.Typer(
    help="Lignes d'envoi une à une : cancel.\n\nExemple : ordis shipments cancel E1-0003",
    no_args_is_help=True,
)
app.callback()(group_language)


@app.command("cancel")
def cancel_command(
    ids: Annotated[
        list[str],
        typer.Argument(help="Identifiants des lignes (N° d'envoi, par exemple E1-00025)."),
    ],
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Annule des lignes d'envoi pas encore livrées : leurs unités retournent au lot et au
    besoin de la structure pour la prochaine allocation. Tout ou rien : si une ligne ne
    peut pas être annulée (inconnue, livrée, d'une allocation annulée, déjà annulée), rien
    n'est changé et chacune est dite.

    Exemple : ordis shipments cancel E1-0003 E1-0007 --ledger ordis.db

    Codes de sortie : 0 annulées, 1 refusé (rien n'a été changé), 2 registre inutilisable,
    3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.shipments import cancel_shipments

        done = cancel_shipments(ids, ledger, language)
        if answered(output, quiet, lambda: done.model_dump_json(indent=2)):
            return
        freed = ", ".join(
            say(
                "term-device-count",
                language,
                device=device_label(device, language),
                count=number(n, language),
            )
            for device, n in done.freed.items()
            if n
        )
        lines = counted_as(len(done.cancelled), language, "term-count-cancelled-lines")
        text = say(
            "term-shipments-cancelled",
            language,
            lines=lines,
            ids=", ".join(done.cancelled),
            freed=freed,
        )
        stdout_console().print(text, highlight=False, soft_wrap=True)
