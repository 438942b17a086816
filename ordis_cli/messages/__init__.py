"""Every sentence ordis says to a person, in French (default) and English: one catalogue,
kept in parts by subsystem (``files``, ``data``, ``inputs``, ``allocation``, ``ledger``,
``dispatch``, ``cycle``, ``fairness``, ``methods``, ``report``) and ``terminal`` (what the
terminal says around a command: steps, summaries, confirmations, the internal error; keys
``term-…``).

Each part's ``MESSAGES``: stable key -> (French, English). ``say(key, lang, **fields)``
formats one. Keys are the stable problem codes where the sentence describes a problem. The
language comes from ``--lang`` or ``ORDIS_LANG``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import Literal

from ..devices import DEVICE_TYPES
from ..policy_words import ENGLISH_OF
from . import (
    allocation,
    cycle,
    data,
    dispatch,
    fairness,
    files,
    inputs,
    ledger,
    methods,
    report,
    terminal,
)

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


def _catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in (
        files,
        data,
        inputs,
        allocation,
        ledger,
        dispatch,
        cycle,
        fairness,
        methods,
        report,
        terminal,
    ):
        twice = merged.keys() & part.MESSAGES.keys()
        if twice:  # a key means one sentence: never let one part hide another's
            raise RuntimeError(f"message keys defined twice: {sorted(twice)}")
        merged.update(part.MESSAGES)
    return merged


_M = _catalogue()

# Problem codes that are warnings (exit 0 unless --strict); every other problem code is an
# error. The severity lives here, with the sentence, so one place says both.
WARNING_CODES = frozenset(
    {
        "totals-row",
        "hidden-rows",
        "unknown-column",
        "unnamed-column-values",
        "duplicate-column",
        "bad-postal-code",
        "postal-code-mismatch",
        "missing-address",
        "bad-email",
        "bad-phone",
        "unknown-structure-type",
        "unknown-donor-type",
        "unknown-state",
        "unknown-partner",
        "zone-former-region",
        "suggest-4g-box",
        "large-quantity",
        "ignored-row",
        "missing-donor-type",
        "no-donor-type-column",
        "no-ledger-identity",
        "request-below-shipped",
        "private-lot-no-partner",
        "sheet-continued",
        "mapped-header-absent",
        "departement-from-postal-code",
        "zone-region-code",
        "finess-key",
        "finess-departement",
    }
)

# Keys that are pieces of sentences or notices, not problem codes: a problem's ``code`` is
# any other key (or ``missing-known-rows``, said by missing-known-*/retired-* sentences).
_PIECES = (
    "address-part-",
    "advice-",
    "device-",
    "expect-",
    "hint-",
    "ledger-expect-",
    "motif",
    "pending-",
    "read-me-",
    "reason-",
    "round-",
    "rows-",
    "why-",
    "word-",
    "missing-known-",
    "retired-",
    "recovered-run",
    "quoted",
    "fairness-",
    "method-",
    "term-",
    "value-",
)
# the codes of problems whose sentences are kept under other keys
_SAID_ELSEWHERE = frozenset({"missing-known-rows"})


def problem_codes() -> frozenset[str]:
    """Every stable problem code ordis can report, from the catalogue."""
    return frozenset(k for k in _M if not k.startswith(_PIECES)) | _SAID_ELSEWHERE


def default_lang() -> Lang:
    env = os.environ.get("ORDIS_LANG", "fr").strip().lower()
    return "en" if env.startswith("en") else "fr"


def say(key: str, lang: Lang = "fr", **fields: object) -> str:
    """The sentence ``key`` in ``lang``, with ``fields`` filled in."""
    french, english = _M[key]
    template = english if lang == "en" else french
    return template.format(**fields) if fields else template


def device_words(device: str, count: int, lang: Lang) -> str:
    """``portable`` or ``portables``, ``4G box`` or ``4G boxes``: the noun for ``count``."""
    return say(f"device-{device}-{'one' if count == 1 else 'many'}", lang)


def device_label(device: str, lang: Lang) -> str:
    """A device type in a table or a sentence: in French its code, the word the files write
    (« tablette », « box_4g »); in English its noun ("tablet", "4G box")."""
    return device_words(device, 1, lang) if lang == "en" else device


def value_label(column: str, value: str, lang: Lang) -> str:
    """A value of ``column`` (``priorite``, ``etat``, ``materiel``, a policy's ``scope``,
    ``share`` or ``method``, or ``plan``: a ``--compare`` plan) as a person reads it: in
    French the code the files write (« urgente », « reconditionne »), in English its word
    ("urgent", "refurbished"); a value the catalogue does not know is shown as it is."""
    if lang == "fr":
        return value
    if column == "materiel":
        return device_label(value, lang) if has(f"device-{value}-one") else value
    if column in ("scope", "share", "method"):  # the policy's words (policy_words.py)
        return ENGLISH_OF.get(value, value)
    key = f"value-{column}-{value}"
    return say(key, lang) if has(key) else value


@cache
def shown_values(column: str, lang: Lang) -> Mapping[str, str]:
    """Each value of ``column`` the catalogue knows -> how ``value_label`` shows it in
    ``lang``, where that differs (nothing in French). Shared: read it, do not change it."""
    if column == "materiel":
        codes = [device.value for device in DEVICE_TYPES]
    else:
        codes = [
            key.removeprefix(f"value-{column}-") for key in _M if key.startswith(f"value-{column}-")
        ]
    shown = {code: value_label(column, code, lang) for code in codes}
    return {code: word for code, word in shown.items() if word != code}


def has(key: str) -> bool:
    return key in _M
