"""One-to-one matching of gold and predicted items, optimal and independent of input order.

Pairs with weight 0 can never match. By default, among all one-to-one matchings the solver picks
the one with the most pairs, and among those the one with the largest total weight (each pair's
score is ``base + weight`` with ``base`` larger than any possible weight sum, so the number of pairs
dominates). With ``maximize_pairs=False`` it picks the largest total weight alone (partial credit).
Ties between equally good matchings are broken by the order of the rows and columns;
callers pass items in a canonical sort order (never file order), so the result depends only on the
items themselves.

Most pairs need no solver: a gold item and a prediction that are each other's only candidate are
in every optimal matching (for either objective). Only the items left over (the components of the candidate
graph with a conflict) go to ``scipy.optimize.linear_sum_assignment``; scipy is imported only then,
because its import costs more than scoring a small submission.
"""

from __future__ import annotations

import numpy as np


def match(
    weights: np.ndarray, maximize_pairs: bool = True, preferred_rows: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of a maximum-cardinality, maximum-weight matching
    (or of a maximum-weight matching when ``maximize_pairs`` is False), by gold index. With
    ``preferred_rows`` (required gold items), the most pairs with preferred rows come first."""
    eligible = weights > 0
    rows, cols = np.nonzero(eligible)
    if not len(rows):
        return []
    row_degree, col_degree = eligible.sum(axis=1), eligible.sum(axis=0)
    alone = (row_degree[rows] == 1) & (col_degree[cols] == 1)  # in every optimum, either objective
    pairs = [(int(r), int(c)) for r, c in zip(rows[alone], cols[alone])]
    if not alone.all():
        pairs += _solve(weights, np.unique(rows[~alone]), np.unique(cols[~alone]), maximize_pairs, preferred_rows)
    return sorted(pairs)


def _solve(
    weights: np.ndarray, rows: np.ndarray, cols: np.ndarray, maximize_pairs: bool, preferred_rows: np.ndarray | None
) -> list[tuple[int, int]]:
    """The optimal matching of the conflicting rows and columns (closed: none has a candidate outside)."""
    from scipy.optimize import linear_sum_assignment

    sub = weights[np.ix_(rows, cols)]
    eligible = sub > 0
    base = float(min(sub.shape)) + 1.0 if maximize_pairs else 0.0
    scores = np.where(eligible, base + sub, 0.0)
    if preferred_rows is not None and not preferred_rows[rows].all():
        # larger than any sum of the other terms, so a preferred pair always wins
        bonus = float(min(sub.shape)) * (base + 1.0) + 1.0
        scores = np.where(eligible & preferred_rows[rows][:, None], scores + bonus, scores)
    chosen_rows, chosen_cols = linear_sum_assignment(scores, maximize=True)
    return [(int(rows[r]), int(cols[c])) for r, c in zip(chosen_rows, chosen_cols) if eligible[r, c]]


def span_overlap(
    gold_starts: np.ndarray, gold_ends: np.ndarray, pred_starts: np.ndarray, pred_ends: np.ndarray
) -> np.ndarray:
    """Characters shared by each gold and predicted half-open span (touching spans share none)."""
    shared = np.minimum(gold_ends[:, None], pred_ends[None, :]) - np.maximum(gold_starts[:, None], pred_starts[None, :])
    return np.clip(shared, 0, None)


def span_iou(gold_starts: np.ndarray, gold_ends: np.ndarray, pred_starts: np.ndarray, pred_ends: np.ndarray) -> np.ndarray:
    """Intersection over union of half-open spans; 0 for disjoint or touching spans."""
    shared = span_overlap(gold_starts, gold_ends, pred_starts, pred_ends)
    union = (gold_ends - gold_starts)[:, None] + (pred_ends - pred_starts)[None, :] - shared
    return np.where(shared > 0, shared / np.maximum(union, 1), 0.0)
