"""Fair shares (SPEC §4 ``--share``, ``fairness``): what the terminal says of how fairly each
priority level was served. Keys ``fairness-…`` (pieces of a summary, not problem codes).

Each entry: stable key -> (French, English).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Lang

MESSAGES: dict[str, tuple[str, str]] = {
    "fairness-title": (
        "Équité par priorité (structures servies sur structures demandeuses ; part de la "
        "demande servie : la plus basse, la médiane) :",
        "Fairness by priority (facilities served out of those requesting; share of the "
        "request met: the lowest, the median):",
    ),
    "fairness-level": (
        "  {level} : {served} sur {requesting} servies ; part la plus basse {lowest}, "
        "médiane {median}",
        "  {level}: {served} of {requesting} served; lowest share {lowest}, median {median}",
    ),
}


def fairness_lines(fairness: Mapping[str, Any], lang: Lang) -> list[str]:
    """The summary's lines for ``fairness`` (level -> object with ``requesting``,
    ``served``, ``min_fill``, ``median_fill``): nothing when no level requests anything."""
    from . import say, value_label

    def share(value: float | None) -> str:
        if value is None:
            return "–"
        return f"{round(value * 100)} %" if lang == "fr" else f"{round(value * 100)}%"

    lines = [
        say(
            "fairness-level",
            lang,
            level=value_label("priorite", level, lang),
            served=figures.served,
            requesting=figures.requesting,
            lowest=share(figures.min_fill),
            median=share(figures.median_fill),
        )
        for level, figures in fairness.items()
        if figures.requesting
    ]
    return [say("fairness-title", lang), *lines] if lines else []
