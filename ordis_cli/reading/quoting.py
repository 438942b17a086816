"""Values quoted in messages: cut short, so that a cell of ten million characters makes a
message of a few hundred (and laying out the message stays fast)."""

from __future__ import annotations

from ..messages import Lang
from ..messages.counting import counted
from . import limits


def shorten(text: str, limit: int = limits.QUOTED_CHARS, lang: Lang = "fr") -> str:
    """``text`` cut to ``limit`` characters, with "…" and the full length when cut."""
    if len(text) <= limit:
        return text
    length = counted(len(text), lang, ("car.", "car."), ("character", "characters"))
    return f"{text[:limit]}… ({length})"
