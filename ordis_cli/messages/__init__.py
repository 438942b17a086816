"""Every sentence ordis says to a person, in French (default) and English: one catalogue,
kept in four parts by subsystem (``files``, ``data``, ``allocation``, ``ledger``).

``say(key, lang, **fields)`` formats one. Keys are the stable problem codes where the
sentence describes a problem. The language comes from ``--lang`` or ``ORDIS_LANG``.
"""

from __future__ import annotations

import os
from typing import Literal

from . import allocation, data, files, ledger

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


def _catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in (files, data, allocation, ledger):
        twice = merged.keys() & part.MESSAGES.keys()
        if twice:  # a key means one sentence: never let one part hide another's
            raise RuntimeError(f"message keys defined twice: {sorted(twice)}")
        merged.update(part.MESSAGES)
    return merged


_M = _catalogue()


def default_lang() -> Lang:
    env = os.environ.get("ORDIS_LANG", "fr").strip().lower()
    return "en" if env.startswith("en") else "fr"


def say(key: str, lang: Lang = "fr", **fields: object) -> str:
    """The sentence ``key`` in ``lang``, with ``fields`` filled in."""
    french, english = _M[key]
    template = english if lang == "en" else french
    return template.format(**fields) if fields else template


def has(key: str) -> bool:
    return key in _M
