"""Text folding shared by header matching, alias lookup and name comparison."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Every kind of space a spreadsheet may hold: no-break, narrow no-break, thin, figure...
SPACES = " \u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t\r\n"
_SPACE_RE = re.compile("[" + SPACES + "]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, runs of non-alphanumerics turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # nothing to strip: no ASCII character is combining
        bare = decomposed
    else:
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return _NON_ALNUM.sub(" ", bare).strip()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@lru_cache(maxsize=65536)
def alias_key(text: str) -> str:
    """Key for matching aliases: folded, each word without a trailing ``s``, words joined.

    ``"Ordinateurs portables"`` and ``"ordinateur-portable"`` share the key
    ``"ordinateur portable"``.
    """
    return " ".join(_singular(w) for w in fold(text).split())


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Key for matching a column header: case, accents, spaces, punctuation and a trailing
    ``s`` ignored, so ``"Département"``, ``"DEPARTEMENTS"`` and ``"dé-par-te-ment"`` match."""
    key = fold(text).replace(" ", "")
    return key[:-1] if len(key) > 2 and key.endswith("s") else key


def close_matches(word: str, keys: Iterable[str], n: int, cutoff: float) -> list[str]:
    """``difflib.get_close_matches(word, keys, n, cutoff)``, without comparing ``word`` to a
    key whose length alone keeps it under ``cutoff`` (difflib's own first test, its
    ``real_quick_ratio``): the same answer, but a cell of millions of characters is no
    longer indexed character by character to be compared with names (3 s for 3,000,000)."""
    fit = [key for key in keys if _length_ratio(len(word), len(key)) >= cutoff]
    if not fit:
        return []
    import difflib

    return difflib.get_close_matches(word, fit, n=n, cutoff=cutoff)


def _length_ratio(a: int, b: int) -> float:
    """The best ratio two texts of these lengths can reach (difflib's ``real_quick_ratio``)."""
    return 2.0 * min(a, b) / (a + b) if a + b else 1.0


def squash_spaces(text: str) -> str:
    """Trim, and fold every run of (no-break, narrow, thin...) spaces into one plain space."""
    return _SPACE_RE.sub(" ", text).strip()


def column_letter(index: int) -> str:
    """0-based column index to spreadsheet letters: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Spreadsheet letters to a 0-based column index: A -> 0, AA -> 26."""
    value = 0
    for ch in letters.upper():
        value = value * 26 + (ord(ch) - 64)
    return value - 1
