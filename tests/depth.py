"""How hard the property tests try: ``examples(n)`` is the number of examples a Hypothesis
test runs, ``n`` in the suite (kept small enough for the whole suite to stay quick on two
cores), ``n × ORDIS_TEST_DEPTH`` when that is set — e.g. ``ORDIS_TEST_DEPTH=10 python3 -m
pytest tests/test_allocation.py tests/test_fair_shares.py tests/test_optimal.py`` before a
release or after a change to the allocation."""

from __future__ import annotations

import os

DEPTH = float(os.environ.get("ORDIS_TEST_DEPTH", "1") or "1")


def examples(n: int) -> int:
    return max(1, round(n * DEPTH))
