"""The short fuzzing run of the suite: 30 mutants of the samples (small ones), each through
``ordis validate`` and ``ordis validate --annotate`` in a forked child with limits, in three
chunks that pytest-xdist spreads over the cores. The first 23 mutants of a seed draw each
mutator once, and every format among them (``mutate._every_mutator_once``; the test of the
mutants checks it); the others are drawn at random. ``benchmarks/fuzz/run_fuzz.py`` runs the
same code on thousands of mutants (figures in benchmarks/fuzz/README.md)."""

from __future__ import annotations

import pytest

from .mutate import BY_SUFFIX, SMALL_BASES, mutant
from .runner import Limits, distinct_mutants, run_mutants

pytestmark = pytest.mark.contained  # see conftest.read_in_process

SEED = 20261143
CHUNK = 10
CHUNKS = 3
MUTANTS = CHUNK * CHUNKS


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutants_never_crash_hang_or_exhaust_ordis(chunk: int) -> None:
    summary = run_mutants(
        CHUNK, SEED, workers=1, limits=Limits(seconds=30.0), first=chunk * CHUNK, bases=SMALL_BASES
    )
    print(summary.text())
    assert len(summary.runs) == 2 * CHUNK
    assert summary.failures() == [], summary.text()
    assert not summary.internal_errors and not summary.aborts and not summary.timeouts
    assert set(summary.exit_codes) <= {0, 1, 2}
    assert summary.worst_mb <= 1024
    # the mutants are not all refused at the door: some are still read, valid or not
    assert summary.exit_codes[2] and (summary.exit_codes[0] or summary.exit_codes[1])


def test_mutants_are_deterministic_distinct_and_cover_every_mutator() -> None:
    first = list(distinct_mutants(SEED, range(MUTANTS), SMALL_BASES))
    again = [mutant(SEED, m.index, SMALL_BASES) for m in first[:20]]
    assert [m.data for m in first[:20]] == [m.data for m in again]
    assert len({m.data for m in first}) == MUTANTS
    every = {name for mutators in BY_SUFFIX.values() for name in mutators}
    used = {m.mutator.removesuffix("+flip_bytes") for m in first}
    assert used == every | {"flip_bytes", "truncate", "insert_bytes", "zero_block"}
    assert {m.suffix for m in first} == {".xlsx", ".ods", ".xls", ".csv", ".txt"}
