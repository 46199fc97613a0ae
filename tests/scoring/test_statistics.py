"""Unit-level statistics: exact, seeded, and p-values that respect the number of resamples."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from claimbench.scoring.statistics import CREDIT_SCALE, bootstrap_totals, interval, paired_bootstrap, paired_randomization


def _counts(rows: list[tuple[float, float, float]]) -> np.ndarray:
    return np.array(rows, dtype=np.float64).reshape(len(rows), 3)


def test_identical_systems_never_differ_significantly() -> None:
    counts = _counts([(3, 1, 0), (0, 2, 1), (5, 0, 0), (1, 1, 1)] * 5)
    assert paired_randomization(counts, counts, 999, 1) == 1.0
    totals = bootstrap_totals(np.hstack([counts, counts]), 200, 1)
    assert paired_bootstrap(counts, counts, totals[:, :3], totals[:, 3:])["p_value"] == 1.0


def test_randomization_p_value_is_never_below_one_over_trials_plus_one() -> None:
    worse = _counts([(0, 1, 1)] * 40)
    better = _counts([(1, 0, 0)] * 40)
    assert paired_randomization(worse, better, 499, 7) == 1 / 500


def test_five_units_cannot_reach_a_small_p_value() -> None:
    """With five units an exact sign-flip test cannot go below 2/32 = 0.0625; AR agrees."""
    worse = _counts([(0, 1, 1)] * 5)
    better = _counts([(1, 0, 0)] * 5)
    assert paired_randomization(worse, better, 9999, 3) >= 0.0625 - 0.01


def test_bootstrap_totals_are_seeded_and_sum_the_drawn_units() -> None:
    counts = _counts([(1, 0, 0), (0, 1, 0), (0, 0, 1)])
    first, second = bootstrap_totals(counts, 50, 9), bootstrap_totals(counts, 50, 9)
    assert np.array_equal(first, second)
    assert np.all(first.sum(axis=1) == 3 * CREDIT_SCALE)  # each resample draws three units


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5), st.floats(0, 5), st.floats(0, 5)), min_size=1, max_size=30), st.integers(0, 2**31))
def test_bootstrap_sums_are_exact_whole_numbers(rows: list[tuple[float, float, float]], seed: int) -> None:
    """Counts are scaled to whole numbers first, so the BLAS summation order cannot change a total."""
    totals = bootstrap_totals(_counts(rows), 20, seed)
    assert np.array_equal(totals, np.rint(totals))
    bounds = interval(totals)
    assert all(0.0 <= low <= high <= 1.0 for low, high in bounds.values())
