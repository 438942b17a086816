"""``ordis ledger upgrade`` and ``ordis ledger copy``: the ledger itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..ledger.location import ledger_location
from ..messages import say
from . import common
from .common import OutputFormat, answered, group_language, guarded, resolve_lang, stdout_console

app = typer.Typer(
    help="Le registre lui-même : upgrade, copy.\n\n"
    "Exemple : ordis ledger upgrade --ledger ordis.db",
    no_args_is_help=True,
)
app.callback()(group_language)


@app.command("upgrade")
def upgrade_command(
    ledger: common.LedgerOpt = Path("ordis.db"),
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
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
        if not done.upgraded:
            said = "term-ledger-undone" if done.interrupted_write_undone else "term-ledger-current"
        text = say(
            said,
            language,
            ledger=done.ledger,
            found=done.found,
            now=done.now,
            backup=done.backup,
        )
        stdout_console().print(text, highlight=False, soft_wrap=True)


# Path or LedgerUrl (``ledger_location``, which the parser gives as it is): Typer takes no
# union of types, and ``Path`` shows as <chemin> / <path> in the help
SourceArg = Annotated[
    Path,
    typer.Argument(
        parser=ledger_location,
        metavar="SRC",
        help="Registre à copier : fichier SQLite ou postgresql://…",
    ),
]
TargetArg = Annotated[
    Path,
    typer.Argument(
        parser=ledger_location,
        metavar="DST",
        help="Registre neuf : chemin libre, ou base PostgreSQL sans tables d'ordis.",
    ),
]


@app.command("copy")
def copy_command(
    source: SourceArg,
    target: TargetArg,
    output: common.FormatOpt = OutputFormat.TEXT,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Copie tout un registre dans un registre neuf, par exemple le fichier SQLite des
    premières semaines dans la base PostgreSQL de l'équipe (ou l'inverse), en une
    transaction, puis vérifie la copie : mêmes lignes, mêmes chiffres du rapport. La
    destination doit être neuve : un chemin libre, ou une base sans tables d'ordis.

    Exemple : ordis ledger copy ordis.db postgresql://coordination@serveur/ordis

    Codes de sortie : 0 copié et vérifié, 1 la copie diffère (rien n'est gardé), 2 registre
    inutilisable ou destination pas neuve, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        from ..actions.ledger import copy_ledger

        done = copy_ledger(source, target, language)
        if answered(output, quiet, lambda: done.model_dump_json(indent=2)):
            return
        text = say(
            "term-ledger-copied",
            language,
            source=done.source,
            target=done.target,
            runs=done.rows["runs"],
            shipments=done.rows["shipments"],
            needs=done.rows["needs"],
            lots=done.rows["lots"],
        )
        stdout_console().print(text, highlight=False, soft_wrap=True)
