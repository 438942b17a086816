"""Numbers and counted words as each language writes them: the one place for both.

French groups thousands with a narrow no-break space (``1 983``) and puts 0 and 1 in the
singular (``0 ligne``, ``1 ligne``, ``2 lignes``); English groups with a comma (``1,983``)
and only 1 is singular (``0 lines``, ``1 line``).
"""

from __future__ import annotations

from . import Lang, say

NARROW_NO_BREAK_SPACE = "\u202f"


def number(value: int | float, lang: Lang, decimals: int = 0) -> str:
    """``value`` with its thousands grouped (and ``decimals`` digits after the point)."""
    grouped = f"{value:,.{decimals}f}"
    if lang == "en":
        return grouped
    return grouped.replace(",", NARROW_NO_BREAK_SPACE).replace(".", ",")


def is_singular(count: int | float, lang: Lang) -> bool:
    return abs(count) < 2 if lang == "fr" else count == 1


def counted(
    count: int | float, lang: Lang, french: tuple[str, str], english: tuple[str, str]
) -> str:
    """``count`` and its word, e.g. ``counted(1, "fr", ("ligne", "lignes"), ("line",
    "lines"))`` is "1 ligne"; each pair is (singular, plural)."""
    singular, plural = french if lang == "fr" else english
    # the number as shown (1.5 is written 2): its word agrees with what the reader sees
    return f"{number(count, lang)} {singular if is_singular(round(count), lang) else plural}"


def counted_as(count: int | float, lang: Lang, key: str) -> str:
    """``count`` and the word the catalogue keeps under ``key`` as "singular|plural", e.g.
    ``counted_as(2, "fr", "term-count-rows")`` is "2 lignes"."""
    singular, plural = say(key, lang).split("|")
    return f"{number(count, lang)} {singular if is_singular(round(count), lang) else plural}"
