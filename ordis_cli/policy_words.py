"""The allocation policy's choices (``--scope``, ``--share``, ``--method`` and their keys in
a policy file) as a person may write them in English: an enumeration built on
``EitherLanguage`` takes its French value or the English word (``department`` for
``departement``, ``demand`` for ``demande``, ``greedy`` for ``glouton``). Light: the command
line imports it when it starts."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

# English word -> the value ordis writes (the other values are the same in both languages)
ENGLISH_WORDS = {"department": "departement", "demand": "demande", "greedy": "glouton"}
ENGLISH_OF = {french: english for english, french in ENGLISH_WORDS.items()}


class EitherLanguage(StrEnum):
    """A text enumeration whose members may also be named by their English word, in any
    case and with or without accents (« Région », « département », "Greedy")."""

    @classmethod
    def _missing_(cls, value: object) -> EitherLanguage | None:
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", str(value)) if not unicodedata.combining(c)
        )
        plain = plain.strip().lower()
        member = cls._value2member_map_.get(ENGLISH_WORDS.get(plain, plain))
        return member if isinstance(member, cls) else None
