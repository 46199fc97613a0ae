"""One-to-one matching of gold and predicted items, optimal and independent of input order.

Pairs with weight 0 can never match. By default, among all one-to-one matchings the solver picks
the one with the most pairs, and among those the one with the largest total weight. With
``maximize_pairs=False`` it picks the largest total weight alone (partial credit). With
``preferred_rows`` (the required gold items), the required rows are matched first, exactly as if the
other rows did not exist; the other (optional) rows are then matched to the columns left over. So
an optional item never changes how required items are matched.

Ties between equally good matchings are broken by one written rule, independent of any solver's
internals: rows are decided in order, and each row takes the lowest-numbered column (else no
column) that still leaves an optimal matching of the rest. Pair counts are compared exactly,
weight sums up to float rounding (``TIE_TOLERANCE``). Callers pass items in a canonical sort order
(never file order), so the result depends only on the items themselves.

Most pairs need no solver: a gold item and a prediction that are each other's only candidate are
in every optimal matching (for either objective). The rest splits into connected components of
the candidate graph, each solved on its own by a Hungarian algorithm (shortest augmenting paths
with potentials) in pure Python: components hold a handful of items, and importing a compiled
solver (scipy.optimize) would cost more than scoring a whole small submission. The tie rule needs
a second solve only for a column that could be in an optimal matching (zero reduced cost under
the optimal potentials), which ties alone produce.
"""

from __future__ import annotations

import numpy as np

# weight sums of equally good matchings may differ by float rounding (about 1e-16 per term);
# distinct matchings differ by far more (IoU or Dice of spans in documents under 10**6 characters
# differ by at least 1e-12)
TIE_TOLERANCE = 1e-12
# a reduced cost above this rules a pair out of every optimal matching (rounding is far smaller)
_SLACK = 1e-9

Pairs = list[tuple[int, int]]


def match(weights: np.ndarray, maximize_pairs: bool = True, preferred_rows: np.ndarray | None = None) -> Pairs:
    """Pairs (gold index, predicted index) of a maximum-cardinality, maximum-weight matching
    (or of a maximum-weight matching when ``maximize_pairs`` is False), by gold index; rows in
    ``preferred_rows`` are matched first and the others take the columns left over."""
    if preferred_rows is None or preferred_rows.all():
        return _match(weights, maximize_pairs)
    preferred = preferred_rows[:, None]
    first = _match(np.where(preferred, weights, 0.0), maximize_pairs)
    rest = np.where(preferred, 0.0, weights)
    rest[:, [c for _, c in first]] = 0.0
    return sorted(first + _match(rest, maximize_pairs))


def _match(weights: np.ndarray, maximize_pairs: bool) -> Pairs:
    eligible = weights > 0
    rows, cols = np.nonzero(eligible)
    if not len(rows):
        return []
    row_degree, col_degree = eligible.sum(axis=1), eligible.sum(axis=0)
    alone = (row_degree[rows] == 1) & (col_degree[cols] == 1)  # in every optimum, either objective
    pairs = [(int(r), int(c)) for r, c in zip(rows[alone], cols[alone])]
    if not alone.all():
        # the conflicting rows and columns are closed: none has a candidate outside them
        conflict_rows, conflict_cols = np.unique(rows[~alone]), np.unique(cols[~alone])
        sub = weights[np.ix_(conflict_rows, conflict_cols)]
        for component_rows, component_cols in _components(sub > 0):
            block = sub[np.ix_(component_rows, component_cols)].tolist()
            for r, c in _canonical_optimum(block, maximize_pairs):
                pairs.append((int(conflict_rows[component_rows[r]]), int(conflict_cols[component_cols[c]])))
    return sorted(pairs)


def _components(eligible: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Row and column indices (ascending) of each connected component of the candidate graph, by
    smallest row (components without a row or a column left out)."""
    # every node takes the smallest row number it can reach: rows pass their label to their
    # columns and back until nothing changes (a few rounds: components are dense or small)
    n_rows = eligible.shape[0]
    unreachable = n_rows  # the label of a column without a candidate
    row_label = np.arange(n_rows)
    while True:
        col_label = np.where(eligible, row_label[:, None], unreachable).min(axis=0, initial=unreachable)
        new_rows = np.minimum(row_label, np.where(eligible, col_label[None, :], unreachable).min(axis=1, initial=unreachable))
        if np.array_equal(new_rows, row_label):
            break
        row_label = new_rows
    groups = []
    for label in np.unique(row_label):
        rows, cols = np.flatnonzero(row_label == label), np.flatnonzero(col_label == label)
        if len(cols):
            groups.append((rows.tolist(), cols.tolist()))
    return groups


class _Optimum:
    """An optimal matching of some rows and columns of ``weights``, with the potentials that prove
    it optimal. ``cost`` is the negated score of every pair of the component (see
    :func:`_pair_costs`), built once for all the solves of a component."""

    def __init__(self, weights: list[list[float]], cost: list[list[float]], rows: list[int], cols: list[int]) -> None:
        self.weights, self.cost = weights, cost
        self.pairs: dict[int, int] = {}
        self.row_potential = dict.fromkeys(rows, 0.0)
        self.col_potential = dict.fromkeys(cols, 0.0)
        if not rows or not cols:
            return
        transposed = len(rows) > len(cols)  # the algorithm assigns every item of the shorter side
        short, long = (cols, rows) if transposed else (rows, cols)
        if transposed:
            owner, u, v = _hungarian([[cost[r][c] for r in rows] for c in cols])
        else:
            owner, u, v = _hungarian([[cost[r][c] for c in cols] for r in rows])
        for j, i in enumerate(owner[1:], start=1):
            if i:
                a, b = short[i - 1], long[j - 1]
                r, c = (b, a) if transposed else (a, b)
                if weights[r][c] > 0:
                    self.pairs[r] = c
        short_potential, long_potential = (self.col_potential, self.row_potential) if transposed else (self.row_potential, self.col_potential)
        short_potential.update(zip(short, u[1:]))
        long_potential.update(zip(long, v[1:]))

    def could_hold(self, r: int, c: int) -> bool:
        """Whether (r, c) may lie in an optimal matching: its reduced cost is zero (complementary slackness)."""
        return self.cost[r][c] - self.row_potential[r] - self.col_potential[c] <= _SLACK

    def value(self, maximize_pairs: bool) -> tuple[int, float]:
        return (len(self.pairs) if maximize_pairs else 0, sum(self.weights[r][c] for r, c in self.pairs.items()))


def _canonical_optimum(weights: list[list[float]], maximize_pairs: bool) -> Pairs:
    """Pairs of the optimal matching chosen by the tie rule of the module docstring."""
    rows, cols = list(range(len(weights))), list(range(len(weights[0])))
    cost = _pair_costs(weights, maximize_pairs)
    optimum = _Optimum(weights, cost, rows, cols)
    target_pairs, target_weight = optimum.value(maximize_pairs)
    tolerance = TIE_TOLERANCE * max(1.0, target_weight)
    chosen: Pairs = []
    fixed_pairs, fixed_weight = 0, 0.0
    for r in range(len(weights)):
        rows.remove(r)
        taken = None
        for c in (c for c in cols if weights[r][c] > 0):
            if optimum.pairs.get(r) == c:  # the current optimum agrees: its rest stays optimal
                taken = c
                break
            if not optimum.could_hold(r, c):
                continue
            rest = _Optimum(weights, cost, rows, [other for other in cols if other != c])
            rest_pairs, rest_weight = rest.value(maximize_pairs)
            pairs = fixed_pairs + (1 if maximize_pairs else 0) + rest_pairs
            if pairs == target_pairs and fixed_weight + weights[r][c] + rest_weight >= target_weight - tolerance:
                taken, optimum = c, rest
                break
        if taken is None:  # the row stays unmatched (so was it in the optimum: its own column comes first)
            if rows:  # the row held a column in the solver's assignment: recompute the rest's potentials
                optimum = _Optimum(weights, cost, rows, cols)
            continue
        chosen.append((r, taken))
        cols = [other for other in cols if other != taken]
        fixed_pairs += 1 if maximize_pairs else 0
        fixed_weight += weights[r][taken]
        optimum.pairs.pop(r, None)
    return chosen


def _pair_costs(weights: list[list[float]], maximize_pairs: bool) -> list[list[float]]:
    """Costs to minimise: ``-(base + weight)`` for a candidate pair, 0 for none; ``base`` is larger
    than any weight sum (so pair counts come first) or 0 (weight alone)."""
    base = float(min(len(weights), len(weights[0]))) + 1.0 if maximize_pairs else 0.0
    return [[-(base + weight) if weight > 0 else 0.0 for weight in row] for row in weights]


def _hungarian(cost: list[list[float]]) -> tuple[list[int], list[float], list[float]]:
    """Minimum-cost assignment of every row of ``cost`` (n <= m) to a distinct column: ``owner[j]``
    is the row (1-based, 0 = none) of column j (1-based), with row potentials u and column
    potentials v (index 0 is a virtual start), such that every reduced cost is >= 0 and assigned
    pairs have reduced cost 0."""
    n, m = len(cost), len(cost[0])
    v = [0.0] * (m + 1)
    owner, previous = [0] * (m + 1), [0] * (m + 1)
    # row reduction: u = row minima and v = 0 are feasible potentials, and a row whose cheapest
    # column (the lowest of equal ones) is still free takes it at reduced cost 0; only the rows left
    # over need augmenting paths (in a component most rows have a best column of their own)
    u = [0.0] * (n + 1)
    waiting = []
    for i, row in enumerate(cost, start=1):
        u[i] = cheapest = min(row)
        column = row.index(cheapest) + 1
        if owner[column]:
            waiting.append(i)
        else:
            owner[column] = i
    for i in waiting:
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
    return owner, u, v


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
