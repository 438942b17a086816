"""``ordis sample``: write realistic, fictional input files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..messages import say
from . import common
from .common import guarded, resolve_lang, stdout_console


def sample(
    out: Annotated[Path, typer.Option("--out", "-o", help="Dossier où écrire les fichiers.")],
    structures: Annotated[
        int, typer.Option(min=1, max=1_000_000, help="Nombre de structures.")
    ] = 300,
    lots: Annotated[int, typer.Option(min=1, max=1_000_000, help="Nombre de lots de dons.")] = 150,
    seed: Annotated[int, typer.Option(help="Graine : mêmes options, mêmes fichiers.")] = 2020,
    fmt: Annotated[
        str,
        typer.Option(
            "--file-format",
            help="xlsx ou csv (export Excel français : Windows-1252, point-virgule).",
        ),
    ] = "xlsx",
    with_errors: Annotated[
        bool, typer.Option("--with-errors", help="Ajoute les erreurs typiques des coordinateurs.")
    ] = False,
    lang: common.LangOpt = None,
    quiet: common.QuietOpt = False,
    debug: common.DebugOpt = False,
) -> None:
    """Écrit des fichiers de besoins, de dons et de partenaires fictifs mais réalistes.

    Exemple : ordis sample --out essai --structures 1000 --lots 400 --seed 7

    Codes de sortie : 0 fichiers écrits, 2 mauvaise commande, 3 erreur interne.
    """
    language = resolve_lang(lang)
    with guarded(debug, language):
        if fmt not in ("xlsx", "csv"):
            raise typer.BadParameter(
                say("term-bad-file-format", language), param_hint="--file-format"
            )
        from ..actions.sample import write_sample

        written = write_sample(
            out, structures, lots, seed, "csv" if fmt == "csv" else "xlsx", with_errors, language
        )
        if not quiet:
            console = stdout_console()
            for path in written:
                console.print(str(path))
