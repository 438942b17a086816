"""Text folding and close-name suggestions stay exactly what they were once made fast: the
ASCII shortcut of ``fold`` and the length pruning of ``close_matches`` change no answer."""

from __future__ import annotations

import difflib
import re
import time
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from ordis_cli.territory import departement_code, suggest_departement
from ordis_cli.textnorm import close_matches, fold

from .depth import examples

NAMES = ["seine saint denis", "cote d or", "paris", "ain", "bas rhin", "haute garonne", "a"]


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return re.sub(r"[^0-9a-z]+", " ", bare).strip()


@settings(max_examples=examples(100), deadline=None)
@given(st.text(max_size=40))
def test_fold_is_the_full_folding(text: str) -> None:
    assert fold.__wrapped__(text) == _slow_fold(text)


@settings(max_examples=examples(100), deadline=None)
@given(
    st.text(alphabet="abcdeinorst -", max_size=30),
    st.lists(st.text(alphabet="abcdeinorst -", max_size=30), max_size=8) | st.just(NAMES),
    st.sampled_from([0.5, 0.7, 0.75]),
    st.integers(1, 3),
)
def test_close_matches_are_difflibs(word: str, keys: list[str], cutoff: float, n: int) -> None:
    assert close_matches(word, keys, n, cutoff) == difflib.get_close_matches(word, keys, n, cutoff)


def test_a_cell_of_millions_of_characters_is_no_departement_and_quickly() -> None:
    huge = "Paris " + "x" * 3_000_000
    start = time.perf_counter()
    assert departement_code(huge) is None and suggest_departement(huge) is None
    assert time.perf_counter() - start < 2  # 4 s before: difflib indexed every character
    assert suggest_departement("Seine-Saint-Denise") == "93 Seine-Saint-Denis"
    assert departement_code("x" * 1000 + " Paris 75") == "75"
