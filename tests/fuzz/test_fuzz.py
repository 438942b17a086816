"""The short fuzzing run of the suite: 300 mutants of the samples (small ones), each through
``ordis validate`` and ``ordis validate --annotate`` in a forked child with limits, on two
workers. ``benchmarks/fuzz/run_fuzz.py`` runs the same code on thousands of mutants."""

from __future__ import annotations

from .mutate import BY_SUFFIX, SMALL_BASES, mutant
from .runner import Limits, run_mutants

SEED = 20261126
MUTANTS = 300


def test_mutants_never_crash_hang_or_exhaust_ordis() -> None:
    summary = run_mutants(MUTANTS, SEED, workers=2, limits=Limits(seconds=30.0),
                          bases=SMALL_BASES)
    print(summary.text())
    assert len(summary.runs) == 2 * MUTANTS
    assert summary.failures() == [], summary.text()
    assert not summary.internal_errors and not summary.aborts and not summary.timeouts
    assert set(summary.exit_codes) <= {0, 1, 2}
    assert summary.worst_mb <= 1024
    # the mutants are not all refused at the door: some still validate, some are invalid
    assert summary.exit_codes[0] and summary.exit_codes[1] and summary.exit_codes[2]
    assert summary.seconds < 60


def test_mutants_are_deterministic_and_cover_every_mutator() -> None:
    first = [mutant(SEED, i, SMALL_BASES) for i in range(MUTANTS)]
    assert [m.data for m in first[:20]] == [mutant(SEED, i, SMALL_BASES).data
                                           for i in range(20)]
    assert len({m.data for m in first}) > 0.8 * MUTANTS
    every = {name for mutators in BY_SUFFIX.values() for name in mutators}
    assert {m.mutator for m in first} == every | {"flip_bytes", "truncate"}
    assert {m.suffix for m in first} == {".xlsx", ".ods", ".xls", ".csv", ".txt"}
