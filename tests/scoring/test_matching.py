"""The matching is optimal (same size and weight as scipy's solver on the whole matrix) and breaks
ties by its written rule (checked against brute force over every matching)."""

from __future__ import annotations

from itertools import permutations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import linear_sum_assignment

from claimbench.scoring.matching import TIE_TOLERANCE, _forced_pairs, match

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


@settings(max_examples=300, deadline=None)
@given(SMALL_SHAPES.flatmap(lambda shape: arrays(np.float64, shape, elements=WEIGHTS)), st.booleans())
def test_forced_pairs_are_in_every_optimal_matching(weights: np.ndarray, maximize_pairs: bool) -> None:
    forced, left = _forced_pairs(weights, weights > 0)
    values = {}
    for columns in every_matching(*weights.shape):
        pairs = [(r, c) for r, c in enumerate(columns) if c is not None]
        if all(weights[r, c] > 0 for r, c in pairs):
            values[tuple(pairs)] = (len(pairs) if maximize_pairs else 0, sum(weights[r, c] for r, c in pairs))
    best = max(values.values())
    optimal = [pairs for pairs, value in values.items() if value[0] == best[0] and value[1] >= best[1] - TIE_TOLERANCE]
    assert all(set(forced) <= set(pairs) for pairs in optimal)
    for r, c in forced:  # their rows and columns leave the candidates
        assert not left[r].any() and not left[:, c].any()
    assert (left <= (weights > 0)).all()


def test_a_lone_best_column_is_forced_and_splits_a_hub() -> None:
    # column 3 (a hub: a one-word prediction found in every claim) links every row; each row's own
    # column beats it, so every own pair is forced and nothing is left for the solver
    weights = np.array([[0.9, 0, 0, 0.2], [0, 0.8, 0, 0.2], [0, 0, 0.7, 0.2]])
    forced, left = _forced_pairs(weights, weights > 0)
    assert forced == [(0, 0), (1, 1), (2, 2)] and not left.any()
    equal = np.array([[0.5, 0.5], [0.0, 0.0]])  # one row, two lone columns tied: nothing is forced
    assert _forced_pairs(equal, equal > 0)[0] == []


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


@settings(max_examples=300, deadline=None)
@given(
    SMALL_SHAPES.flatmap(lambda shape: st.tuples(arrays(np.float64, shape, elements=WEIGHTS), arrays(bool, shape[0]))),
    st.booleans(),
)
def test_required_rows_match_as_if_optional_rows_were_absent(case: tuple[np.ndarray, np.ndarray], maximize_pairs: bool) -> None:
    weights, required = case
    pairs = match(weights, maximize_pairs=maximize_pairs, preferred_rows=required)
    alone = match(np.where(required[:, None], weights, 0.0), maximize_pairs=maximize_pairs)
    assert [pair for pair in pairs if required[pair[0]]] == alone
    taken = {c for _, c in alone}
    leftover = np.where(required[:, None], 0.0, weights)
    leftover[:, sorted(taken)] = 0.0
    assert [pair for pair in pairs if not required[pair[0]]] == match(leftover, maximize_pairs=maximize_pairs)


def test_an_optional_item_elsewhere_changes_nothing() -> None:
    weights = np.array([[0.9, 0.3, 0, 0], [0.2, 0, 0, 0], [0, 0, 0.5, 0], [0, 0, 0.5, 0]])
    required = np.array([True, True, True, False])
    for maximize_pairs in (True, False):
        with_optional = match(weights, maximize_pairs=maximize_pairs, preferred_rows=required)
        assert [pair for pair in with_optional if pair[0] < 2] == match(weights[:2], maximize_pairs=maximize_pairs)


def test_close_weights_in_a_large_component_are_no_tie() -> None:
    """Character IoUs such as 332/665 and 333/667 differ by 2.3e-6: the better one wins."""
    size = 30
    weights = np.zeros((size, size + 1))
    for row in range(size):
        weights[row, row] = weights[row, row + 1] = 1.0
    weights[0, 0], weights[0, 1] = 332 / 665, 333 / 667
    pairs = match(weights, preferred_rows=np.array([True] * (size - 1) + [False]))  # the last row optional
    assert pairs == [(row, row + 1) for row in range(size)]
