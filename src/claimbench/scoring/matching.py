"""One-to-one matching of gold and predicted items, optimal and independent of input order.

Pairs with weight 0 can never match. By default, among all one-to-one matchings the solver picks
the one with the most pairs, and among those the one with the largest total weight (each pair's
score is ``base + weight`` with ``base`` larger than any possible weight sum, so the number of pairs
dominates). With ``maximize_pairs=False`` it picks the largest total weight alone (partial credit).

Ties between equally good matchings (total scores within ``TIE_TOLERANCE``) are broken by one
written rule, independent of any solver's internals: rows are decided in order, and each row takes
the lowest-numbered column (else no column) that still leaves an optimal matching of the rest.
Callers pass items in a canonical sort order (never file order), so the result depends only on the
items themselves.

Most pairs need no solver: a gold item and a prediction that are each other's only candidate are
in every optimal matching (for either objective). The rest splits into connected components of
the candidate graph, each solved on its own by a small Hungarian algorithm (shortest augmenting
paths with potentials) in pure Python: components hold a handful of items, and importing a
compiled solver (scipy.optimize) would cost more than scoring a whole small submission.
"""

from __future__ import annotations

import numpy as np

# equal total scores, relative to the optimum: weights are ratios of small integers, so distinct
# matchings differ by far more than this, and float rounding of a sum by far less
TIE_TOLERANCE = 1e-9


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
    sub = weights[np.ix_(rows, cols)]
    eligible = sub > 0
    base = float(min(sub.shape)) + 1.0 if maximize_pairs else 0.0
    scores = np.where(eligible, base + sub, 0.0)
    if preferred_rows is not None and not preferred_rows[rows].all():
        # larger than any sum of the other terms, so a preferred pair always wins
        bonus = float(min(sub.shape)) * (base + 1.0) + 1.0
        scores = np.where(eligible & preferred_rows[rows][:, None], scores + bonus, scores)
    pairs = []
    for component_rows, component_cols in _components(eligible):
        block = scores[np.ix_(component_rows, component_cols)].tolist()
        for r, c in _canonical_optimum(block):
            pairs.append((int(rows[component_rows[r]]), int(cols[component_cols[c]])))
    return pairs


def _components(eligible: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Row and column indices (ascending) of each connected component of the candidate graph."""
    n_rows = eligible.shape[0]
    parent = list(range(n_rows + eligible.shape[1]))  # union-find over rows, then columns

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for r, c in zip(*np.nonzero(eligible)):
        parent[root(int(r))] = root(n_rows + int(c))
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for node in range(len(parent)):
        rows, cols = groups.setdefault(root(node), ([], []))
        (rows if node < n_rows else cols).append(node if node < n_rows else node - n_rows)
    return [group for group in groups.values() if group[0] and group[1]]


def _canonical_optimum(scores: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of the maximum-score matching chosen by the tie rule of the module docstring
    (``scores`` >= 0; a pair of score 0 is no pair)."""
    rows, cols = list(range(len(scores))), list(range(len(scores[0])))
    target = _best_total(scores, rows, cols)
    tolerance = TIE_TOLERANCE * max(1.0, target)
    pairs: list[tuple[int, int]] = []
    fixed = 0.0
    for r in range(len(scores)):
        rows.remove(r)
        for c in [c for c in cols if scores[r][c] > 0]:
            rest = [other for other in cols if other != c]
            if fixed + scores[r][c] + _best_total(scores, rows, rest) >= target - tolerance:
                pairs.append((r, c))
                fixed += scores[r][c]
                cols = rest
                break
    return pairs


def _best_total(scores: list[list[float]], rows: list[int], cols: list[int]) -> float:
    """The largest total score of a one-to-one assignment of ``rows`` to ``cols`` (unassigned
    items score 0): the Hungarian algorithm on costs ``-score``, over the shorter side."""
    if not rows or not cols:
        return 0.0
    if len(rows) <= len(cols):
        cost = [[-scores[r][c] for c in cols] for r in rows]
    else:
        cost = [[-scores[r][c] for r in rows] for c in cols]
    n, m = len(cost), len(cost[0])
    # potentials u (rows) and v (columns); column 0 is a virtual start; owner[j] = row (1-based) of column j
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, previous = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], column = i, 0
        slack, visited = [float("inf")] * (m + 1), [False] * (m + 1)
        while owner[column]:
            visited[column] = True
            row, delta, nearest = owner[column], float("inf"), 0
            for j in range(1, m + 1):
                if not visited[j]:
                    reduced = cost[row - 1][j - 1] - u[row] - v[j]
                    if reduced < slack[j]:
                        slack[j], previous[j] = reduced, column
                    if slack[j] < delta:
                        delta, nearest = slack[j], j
            for j in range(m + 1):
                if visited[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = nearest
        while column:  # augment along the path back to the virtual start
            owner[column] = owner[previous[column]]
            column = previous[column]
    return -sum(cost[owner[j] - 1][j - 1] for j in range(1, m + 1) if owner[j])


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
