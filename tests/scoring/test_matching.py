"""The matching is optimal (same size and weight as scipy's solver on the whole matrix) and breaks
ties by its written rule (checked against brute force over every matching)."""

from __future__ import annotations

from itertools import permutations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment

from claimbench.scoring.matching import TIE_TOLERANCE, match

SHAPES = st.tuples(st.integers(0, 7), st.integers(0, 7))
SMALL_SHAPES = st.tuples(st.integers(1, 5), st.integers(1, 5))
WEIGHTS = st.sampled_from([0.0, 0.0, 0.0, 0.25, 0.5, 1.0])  # few values: many ties


def reference_solver(weights: np.ndarray) -> list[tuple[int, int]]:
    """An independent optimum: scipy on the whole matrix (its ties may fall elsewhere)."""
    eligible = weights > 0
    if not eligible.any():
        return []
    scores = np.where(eligible, min(weights.shape) + 1.0 + weights, 0.0)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if eligible[r, c]]


def every_matching(n_rows: int, n_cols: int) -> list[tuple[int | None, ...]]:
    """Every one-to-one matching as the column of each row (None: unmatched)."""
    slots = [*range(n_cols), *([None] * n_rows)]
    return sorted({choice[:n_rows] for choice in permutations(slots, n_rows)}, key=lambda c: [n_cols if x is None else x for x in c])


def rule_choice(weights: np.ndarray, maximize_pairs: bool) -> list[tuple[int, int]]:
    """The documented tie rule by brute force: among optimal matchings, the one whose row-by-row
    columns are smallest (a row without a column counts after every column)."""
    best, chosen = -1.0, None
    for columns in every_matching(*weights.shape):  # in rule order: the first optimum wins
        if any(c is not None and weights[r, c] <= 0 for r, c in enumerate(columns)):
            continue
        pairs = [(r, c) for r, c in enumerate(columns) if c is not None]
        total = sum(weights[r, c] for r, c in pairs) + (len(pairs) * (min(weights.shape) + 1.0) if maximize_pairs else 0.0)
        if total > best + TIE_TOLERANCE * max(1.0, best):
            best, chosen = total, pairs
    return chosen or []


@settings(max_examples=300, deadline=None)
@given(SHAPES.flatmap(lambda shape: arrays(np.float64, shape, elements=WEIGHTS)))
def test_same_size_and_weight_as_scipy_on_the_whole_matrix(weights: np.ndarray) -> None:
    pairs, reference = match(weights), reference_solver(weights)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    assert all(weights[g, p] > 0 for g, p in pairs)
    assert len(pairs) == len(reference)
    assert sum(weights[g, p] for g, p in pairs) == sum(weights[g, p] for g, p in reference)
    assert pairs == sorted(pairs)


@settings(max_examples=300, deadline=None)
@given(SMALL_SHAPES.flatmap(lambda shape: arrays(np.float64, shape, elements=WEIGHTS)), st.booleans())
def test_ties_follow_the_written_rule(weights: np.ndarray, maximize_pairs: bool) -> None:
    assert match(weights, maximize_pairs=maximize_pairs) == rule_choice(weights, maximize_pairs)


def test_a_conflict_goes_to_the_solver_and_isolated_pairs_do_not() -> None:
    weights = np.array([[1.0, 0.0, 0.0], [0.0, 0.6, 0.5], [0.0, 0.4, 0.0]])
    assert match(weights) == [(0, 0), (1, 2), (2, 1)]  # two pairs beat the heavier single (1, 1)


def test_equal_candidates_pair_in_order() -> None:
    assert match(np.ones((3, 3))) == [(0, 0), (1, 1), (2, 2)]
    assert match(np.ones((2, 3))) == [(0, 0), (1, 1)]
    assert match(np.ones((3, 2))) == [(0, 0), (1, 1)]  # the last gold item is left over


def test_preferred_rows_are_matched_first() -> None:
    weights = np.array([[1.0], [0.5]])
    assert match(weights) == [(0, 0)]
    assert match(weights, preferred_rows=np.array([False, True])) == [(1, 0)]
