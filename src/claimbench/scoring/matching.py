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
in every optimal matching (for either objective), and so is a prediction whose only candidate is a
gold item that it fits clearly better than any other prediction (see :func:`_forced_pairs`). The
rest splits into connected components of the candidate graph, each solved on its own by a Hungarian algorithm (shortest augmenting paths
with potentials) in pure Python: components hold a handful of items, and importing a compiled
solver (scipy.optimize) would cost more than scoring a whole small submission. The tie rule needs
a second solve only for a column that could be in an optimal matching (zero reduced cost under
the optimal potentials), which ties alone produce.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

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
    rows, cols = (indices.tolist() for indices in np.nonzero(eligible))
    if len(set(rows)) == len(rows) and len(set(cols)) == len(cols):
        # every candidate pair is alone (its row and column have no other): in every optimum,
        # either objective; np.nonzero lists them by row
        return list(zip(rows, cols))
    pairs, eligible = _forced_pairs(weights, eligible)  # their rows and columns leave: that often splits a component
    for component_rows, component_cols in _components(eligible):
        if len(component_rows) == 1 and len(component_cols) == 1:  # an alone pair
            pairs.append((component_rows[0], component_cols[0]))
            continue
        block = weights[np.ix_(component_rows, component_cols)]
        for r, c in _canonical_optimum(block, maximize_pairs):
            pairs.append((component_rows[r], component_cols[c]))
    return sorted(pairs)


def _forced_pairs(weights: np.ndarray, eligible: np.ndarray) -> tuple[Pairs, np.ndarray]:
    """Pairs in every optimal matching, for either objective: a column whose only candidate is row
    r, where r's weight beats that of each of r's other candidates by more than any tie tolerance.
    A matching without the pair either leaves r unmatched (adding the pair gives one pair more) or
    gives r another column (moving r to this one, which nobody else can take, gains that margin).
    Removing such pairs can make other columns lone: repeated until none is found. Also returns
    the candidates left once the pairs' rows and columns are removed."""
    candidates = np.where(eligible, weights, 0.0)
    # above the tolerance of every solve (at most TIE_TOLERANCE times a component's total weight)
    margin = TIE_TOLERANCE * max(1.0, float(candidates.sum()))
    forced: Pairs = []
    live = eligible
    while True:
        lone_cols = np.flatnonzero(live.sum(axis=0) == 1)
        if not len(lone_cols):
            return forced, live
        lone_rows = live[:, lone_cols].argmax(axis=0)
        others = candidates[lone_rows] * live[lone_rows]  # each lone pair's row, that pair left out
        others[np.arange(len(lone_cols)), lone_cols] = 0.0
        wins = candidates[lone_rows, lone_cols] - others.max(axis=1) > margin
        if not wins.any():
            return forced, live
        found = sorted(zip(lone_rows[wins].tolist(), lone_cols[wins].tolist()))
        forced = sorted(forced + found)
        live = live.copy()
        for r, c in found:
            live[r, :] = False
            live[:, c] = False


def _components(eligible: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Row and column indices (ascending) of each connected component of the candidate graph, by
    smallest row (components without a row or a column left out)."""
    # breadth-first search on bit sets (bit c of a row's set: column c is a candidate), so each
    # row and column is visited once and never an edge on its own
    row_neighbours, col_neighbours = _bit_sets(eligible), _bit_sets(eligible.T)
    groups = []
    unseen_rows = sum(1 << r for r, neighbours in enumerate(row_neighbours) if neighbours)
    while unseen_rows:
        new_rows = unseen_rows & -unseen_rows  # the smallest row not yet in a component
        rows = cols = 0
        while new_rows:
            rows |= new_rows
            new_cols = 0
            for r in _bits(new_rows):
                new_cols |= row_neighbours[r]
            new_cols &= ~cols
            cols |= new_cols
            new_rows = 0
            for c in _bits(new_cols):
                new_rows |= col_neighbours[c]
            new_rows &= ~rows
        unseen_rows &= ~rows
        groups.append((_bits(rows), _bits(cols)))
    return groups


def _bit_sets(eligible: np.ndarray) -> list[int]:
    """Each row of a boolean matrix as an integer whose bit c is set where column c is true."""
    packed = np.packbits(eligible, axis=1, bitorder="little")
    width, data = packed.shape[1], packed.tobytes()
    if not width:  # no columns
        return [0] * len(eligible)
    return [int.from_bytes(data[start : start + width], "little") for start in range(0, len(data), width)]


def _bits(bit_set: int) -> list[int]:
    """Positions of the set bits, ascending."""
    return [position for position, bit in enumerate(bin(bit_set)[:1:-1]) if bit == "1"]


class _Optimum:
    """An optimal matching of some rows and columns of a component, with the potentials that prove
    it optimal. ``cost`` is the negated score of every pair of the component (see
    :func:`_pair_costs`) and ``cost_by_col`` its transpose (empty when no solve needs it), built
    once for all the solves of a component."""

    def __init__(
        self,
        weights: list[list[float]],
        cost: list[list[float]],
        cost_by_col: list[tuple[float, ...]],
        rows: list[int],
        cols: list[int],
    ) -> None:
        self.weights = weights
        self.pairs: dict[int, int] = {}
        # indexed by the component's row and column numbers; only those of the solve are read
        self.row_potential = [0.0] * len(weights)
        self.col_potential = [0.0] * len(weights[0])
        if not rows or not cols:
            return
        transposed = len(rows) > len(cols)  # the algorithm assigns every item of the shorter side
        short, long = (cols, rows) if transposed else (rows, cols)
        owner, u, v = _hungarian(_submatrix(cost_by_col if transposed else cost, short, long))
        for j, i in enumerate(owner[1:], start=1):
            if i:
                a, b = short[i - 1], long[j - 1]
                r, c = (b, a) if transposed else (a, b)
                if weights[r][c] > 0:
                    self.pairs[r] = c
        short_potential, long_potential = (self.col_potential, self.row_potential) if transposed else (self.row_potential, self.col_potential)
        for item, potential in zip(short, u[1:]):
            short_potential[item] = potential
        for item, potential in zip(long, v[1:]):
            long_potential[item] = potential

    def value(self, maximize_pairs: bool) -> tuple[int, float]:
        return (len(self.pairs) if maximize_pairs else 0, sum(self.weights[r][c] for r, c in self.pairs.items()))


def _submatrix(matrix: Sequence[Sequence[float]], rows: list[int], cols: list[int]) -> Sequence[Sequence[float]]:
    """The given rows and columns (ascending) of ``matrix``; the matrix itself when that is all of it."""
    if len(rows) == len(matrix) and len(cols) == len(matrix[0]):
        return matrix
    if len(cols) == 1:
        return [[matrix[r][cols[0]]] for r in rows]
    pick = itemgetter(*cols)
    return [pick(matrix[r]) for r in rows]


def _canonical_optimum(block: np.ndarray, maximize_pairs: bool) -> Pairs:
    """Pairs of the optimal matching chosen by the tie rule of the module docstring."""
    n_rows, n_cols = block.shape
    # the solves read Python lists (a float of a list is far cheaper to read than one of an array)
    weights, cost = block.tolist(), _pair_costs(block, maximize_pairs)
    # a solve reads the transpose only if it has more rows than columns; each step removes a row
    # and at most one column, so rows minus columns never grows and no solve needs it unless the first does
    cost_by_col = list(zip(*cost)) if n_rows > n_cols else []
    candidates: list[list[int]] = [[] for _ in range(n_rows)]
    for r, c in zip(*(axis.tolist() for axis in np.nonzero(block > 0))):  # by row, then column
        candidates[r].append(c)
    rows, cols = list(range(n_rows)), list(range(n_cols))
    optimum = _Optimum(weights, cost, cost_by_col, rows, cols)
    target_pairs, target_weight = optimum.value(maximize_pairs)
    tolerance = TIE_TOLERANCE * max(1.0, target_weight)
    chosen: Pairs = []
    is_taken = [False] * n_cols
    fixed_pairs, fixed_weight = 0, 0.0
    for r in range(n_rows):
        rows.remove(r)
        taken = None
        own_col, row_potential, col_potential, row_cost = optimum.pairs.get(r), optimum.row_potential[r], optimum.col_potential, cost[r]
        for c in candidates[r]:
            if is_taken[c]:
                continue
            if c == own_col:  # the current optimum agrees: its rest stays optimal
                taken = c
                break
            # (r, c) lies in no optimal matching unless its reduced cost is zero (complementary slackness)
            if row_cost[c] - row_potential - col_potential[c] > _SLACK:
                continue
            rest = _Optimum(weights, cost, cost_by_col, rows, [other for other in cols if other != c])
            rest_pairs, rest_weight = rest.value(maximize_pairs)
            pairs = fixed_pairs + (1 if maximize_pairs else 0) + rest_pairs
            if pairs == target_pairs and fixed_weight + weights[r][c] + rest_weight >= target_weight - tolerance:
                taken, optimum = c, rest
                break
        if taken is None:  # the row stays unmatched (so was it in the optimum: its own column comes first)
            if rows:  # the row held a column in the solver's assignment: recompute the rest's potentials
                optimum = _Optimum(weights, cost, cost_by_col, rows, cols)
            continue
        chosen.append((r, taken))
        cols.remove(taken)
        is_taken[taken] = True
        fixed_pairs += 1 if maximize_pairs else 0
        fixed_weight += weights[r][taken]
        optimum.pairs.pop(r, None)
    return chosen


def _pair_costs(block: np.ndarray, maximize_pairs: bool) -> list[list[float]]:
    """Costs to minimise: ``-(base + weight)`` for a candidate pair, 0 for none; ``base`` is larger
    than any weight sum (so pair counts come first) or 0 (weight alone)."""
    base = float(min(block.shape)) + 1.0 if maximize_pairs else 0.0
    return np.where(block > 0, -(base + block), 0.0).tolist()


def _hungarian(cost: Sequence[Sequence[float]]) -> tuple[list[int], list[float], list[float]]:
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
    infinity = float("inf")
    for i in waiting:
        owner[0], column = i, 0
        slack = [infinity] * (m + 1)
        in_tree, outside = [0], list(range(1, m + 1))  # columns reached (the virtual start first) and not, ascending
        while owner[column]:
            row = owner[column]
            row_cost, row_potential = cost[row - 1], u[row]
            delta, nearest = infinity, 0
            for j in outside:
                reduced = row_cost[j - 1] - row_potential - v[j]
                if reduced < slack[j]:
                    slack[j], previous[j] = reduced, column
                if slack[j] < delta:
                    delta, nearest = slack[j], j
            for j in in_tree:
                u[owner[j]] += delta
                v[j] -= delta
            for j in outside:
                slack[j] -= delta
            outside.remove(nearest)
            in_tree.append(nearest)
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
    """Intersection over union of half-open spans; 0 for disjoint or touching spans. (The scorer's
    claim weights compute the same values inline, as a layer of ``modes._claim_weights``; a test
    keeps the two equal.)"""
    shared = span_overlap(gold_starts, gold_ends, pred_starts, pred_ends)
    union = (gold_ends - gold_starts)[:, None] + (pred_ends - pred_starts)[None, :] - shared
    return np.where(shared > 0, shared / np.maximum(union, 1), 0.0)
