"""The matching's shortcut (pairs that are each other's only candidate skip the solver) is optimal."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment

from claimbench.matching import match

SHAPES = st.tuples(st.integers(0, 7), st.integers(0, 7))


def full_solver(weights: np.ndarray) -> list[tuple[int, int]]:
    """The matching as it was before the shortcut: one solver call on the whole matrix."""
    eligible = weights > 0
    if not eligible.any():
        return []
    scores = np.where(eligible, min(weights.shape) + 1.0 + weights, 0.0)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if eligible[r, c]]


@settings(max_examples=300, deadline=None)
@given(SHAPES.flatmap(lambda shape: arrays(np.float64, shape, elements=st.sampled_from([0.0, 0.0, 0.0, 0.25, 0.5, 1.0]))))
def test_same_size_and_weight_as_one_solver_call(weights: np.ndarray) -> None:
    pairs, reference = match(weights), full_solver(weights)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(weights[g, p] > 0 for g, p in pairs)
    assert len(pairs) == len(reference)
    assert sum(weights[g, p] for g, p in pairs) == sum(weights[g, p] for g, p in reference)
    assert pairs == sorted(pairs)


def test_a_conflict_goes_to_the_solver_and_isolated_pairs_do_not() -> None:
    weights = np.array([[1.0, 0.0, 0.0], [0.0, 0.6, 0.5], [0.0, 0.4, 0.0]])
    assert match(weights) == [(0, 0), (1, 2), (2, 1)]  # two pairs beat the heavier single (1, 1)
