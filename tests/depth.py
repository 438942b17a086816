"""How hard the property tests try: ``examples(n)`` is the number of examples a Hypothesis
test runs, ``n`` in the suite, ``n × ORDIS_TEST_DEPTH`` when that is set — e.g.
``ORDIS_TEST_DEPTH=10 python3 -m pytest tests/test_allocation.py tests/test_fair_shares.py
tests/test_optimal.py`` before a release or after a change to the allocation.

The suite's ``n`` are kept small for the whole suite to stay under a minute on two cores (the
allocation's properties were cut by about 40 % for it: drawing the random instances, not
allocating them, is three quarters of their time). Each run draws new examples, so the runs
add up; a failure Hypothesis finds is kept in ``.hypothesis/`` and tried first next time."""

from __future__ import annotations

import os

DEPTH = float(os.environ.get("ORDIS_TEST_DEPTH", "1") or "1")


def examples(n: int) -> int:
    return max(1, round(n * DEPTH))
