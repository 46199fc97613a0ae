"""One-to-one matching of gold and predicted items, optimal and independent of input order.

Pairs with weight 0 can never match. By default, among all one-to-one matchings the solver picks
the one with the most pairs, and among those the one with the largest total weight (each pair's
score is ``base + weight`` with ``base`` larger than any possible weight sum, so the number of pairs
dominates). With ``maximize_pairs=False`` it picks the largest total weight alone (partial credit). Ties between equally good matchings are broken by the order of the rows and columns;
callers pass items in a canonical sort order (never file order), so the result depends only on the
items themselves.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def match(
    weights: np.ndarray, maximize_pairs: bool = True, preferred_rows: np.ndarray | None = None
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of a maximum-cardinality, maximum-weight matching
    (or of a maximum-weight matching when ``maximize_pairs`` is False). With ``preferred_rows``
    (required gold items), the most pairs with preferred rows come first, before anything else."""
    if weights.size == 0:
        return []
    eligible = weights > 0
    if not eligible.any():
        return []
    base = float(min(weights.shape)) + 1.0 if maximize_pairs else 0.0
    scores = np.where(eligible, base + weights, 0.0)
    if preferred_rows is not None and not preferred_rows.all():
        # larger than any sum of the other terms, so a preferred pair always wins
        bonus = float(min(weights.shape)) * (base + 1.0) + 1.0
        scores = np.where(eligible & preferred_rows[:, None], scores + bonus, scores)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if eligible[r, c]]


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
