"""``ordis ledger upgrade``: the ledger itself."""

from __future__ import annotations

from pathlib import Path

import typer

from ..messages import say
from .common import (
    DebugOpt,
    FormatOpt,
    LangOpt,
    LedgerOpt,
    OutputFormat,
    QuietOpt,
    answered,
    group_language,
    guarded,
    resolve_lang,
    stdout_console,
)

app = typer.Typer(
    help="Le registre lui-même : upgrade.\n\nExemple : ordis ledger upgrade --ledger ordis.db",
    no_args_is_help=True,
)
app.callback()(group_language)


@app.command("upgrade")
def upgrade_command(
    ledger: LedgerOpt = Path("ordis.db"),
    output: FormatOpt = OutputFormat.TEXT,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Met à jour un registre d'un format antérieur : une copie du fichier est faite à côté
    d'abord (jamais par-dessus un fichier), puis la mise à jour se fait en une transaction.
    Un registre déjà à jour n'est pas modifié.

    Exemple : ordis ledger upgrade --ledger ordis.db

    Codes de sortie : 0 mis à jour ou déjà à jour, 2 registre inutilisable (introuvable,
    pas un registre, format plus récent, endommagé, copie impossible), 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.ledger import upgrade_ledger

        done = upgrade_ledger(ledger, language)
        if answered(output, quiet, lambda: done.model_dump_json(indent=2)):
            return
        said = "term-ledger-upgraded" if done.backup else "term-ledger-upgraded-in-place"
        text = say(
            said if done.upgraded else "term-ledger-current",
            language,
            ledger=done.ledger,
            found=done.found,
            now=done.now,
            backup=done.backup,
        )
        stdout_console().print(text, highlight=False, soft_wrap=True)
