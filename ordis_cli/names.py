"""Names of partners and donors: how they are cleaned, compared and turned into file names.

A name keeps the letters of every script: ``"Логистика"`` and ``"物流"`` are two partners,
``"Relais Numérique"`` and ``"RELAIS  NUMERIQUE"`` one. A name with no letter or digit at all
(``"."``, ``"*?<>|"``) is not a name (``bad-name``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Characters that change how text is shown rather than what it says: C0 and C1 controls,
# DEL, the bidirectional marks, embeddings, overrides and isolates. A name never needs them,
# and in a report they hide or reverse what follows.
_INVISIBLE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_SPACE_RUN = re.compile(r"\s+")

# File names: anything unsafe on Windows, macOS or Linux becomes a dash.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
STEM_BYTES = 80
FALLBACK_STEM = "partenaire"


def drop_invisible(text: str) -> str:
    """``text`` without controls and bidi characters (a tab or a line break becomes a
    space); every other character, no-break spaces included, kept."""
    if not INVISIBLE_RE.search(text):
        return text
    return INVISIBLE_RE.sub(lambda m: " " if _has_space(m.group()) else "", text)


def clean_name(text: str) -> str:
    """A name as it may be shown anywhere: controls and bidi characters dropped (a tab or a
    line break counts as a space), runs of spaces folded into one, trimmed."""
    return _SPACE_RUN.sub(" ", drop_invisible(text)).strip()


def _has_space(run: str) -> bool:
    return any(ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85" for ch in run)


def _keeps(ch: str) -> bool:
    """A letter, a digit or a spacing mark (part of a word in many scripts)."""
    return unicodedata.category(ch)[0] in "LNM"


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The identity of a partner's or donor's name: Unicode NFKC, case folded, accents
    (combining marks) removed, every run of characters that are neither letters nor digits
    folded to one space, trimmed. Empty when the name holds no letter or digit."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    bare = unicodedata.normalize("NFC", bare.replace("œ", "oe").replace("æ", "ae"))
    return " ".join("".join(ch if _keeps(ch) else " " for ch in bare).split())


def is_name(text: str) -> bool:
    """Whether ``text`` holds at least one letter or digit."""
    return bool(name_key(text))


def _strip_latin_accents(text: str) -> str:
    """Remove the accents of Latin letters only: a combining mark is dropped when the letter
    it sits on is Latin; the marks of other scripts (Devanagari vowels…) are kept."""
    kept: list[str] = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if not base_is_latin:
                kept.append(ch)
            continue
        base_is_latin = unicodedata.name(ch, "").startswith("LATIN")
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def file_stem(name: str, limit: int = STEM_BYTES, fallback: str = FALLBACK_STEM) -> str:
    """A file-name stem that shows whose file it is, in any script:
    ``"Relais Numérique"`` -> ``"relais-numerique"``, ``"Логистика Юг"`` -> ``"логистика-юг"``.

    Lower case, accents of Latin letters removed; spaces, punctuation, ``/\\:*?"<>|``,
    controls and every other character that is not a letter or digit become one ``-``; no
    leading or trailing dot or dash; at most ``limit`` bytes of UTF-8 (cut on a character);
    never a reserved Windows device name; never empty (``fallback``)."""
    text = _strip_latin_accents(unicodedata.normalize("NFKC", clean_name(name)).lower())
    text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    stem = "".join(ch if _keeps(ch) or ch == "_" else "-" for ch in text)
    stem = re.sub(r"-{2,}", "-", stem).strip("-_")
    stem = _cut_to_bytes(stem, limit).strip("-_")
    if not stem:
        return fallback
    if stem in _WINDOWS_RESERVED:
        stem = f"{stem}-{fallback}"
    return stem


def _cut_to_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    cut = encoded[:limit].decode("utf-8", "ignore")
    # never end on a lone combining mark cut from its letter's other marks
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    return cut


def display_names(spellings: dict[str, set[str]], preferred: dict[str, str]) -> dict[str, str]:
    """For each key, the spelling to show: the ``preferred`` one (the partners file's) when
    there is one, else the smallest spelling met, so that row order never matters."""
    return {key: preferred.get(key) or min(names) for key, names in spellings.items()}


def name_fault(cleaned: str | None) -> tuple[str | None, Any]:
    """``(name, fault)`` for a name already through ``clean_name``: ``bad-name`` when it
    holds no letter or digit, nothing when it is empty."""
    if not cleaned:
        return None, None
    if not is_name(cleaned):
        return None, ("bad-name", {})
    return cleaned, None
