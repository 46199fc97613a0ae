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
weight sums up to float rounding: within ``TIE_TOLERANCE`` times the weight of the part being
decided (a connected component, once the pairs in every optimum are taken out; weights closer than
that are never distinct IoU or Dice values, see ``TIE_TOLERANCE``). Callers pass items in a canonical sort order
(never file order), so the result depends only on the items themselves.

Most pairs need no solver: a gold item and a prediction that are each other's only candidate are
in every optimal matching (for either objective), and so is a prediction whose only candidate is a
gold item that it fits clearly better than any other prediction (see :func:`_forced_pairs`). The
rest splits into connected components of the candidate graph, each solved on its own by a Hungarian algorithm (shortest augmenting paths
with potentials) in pure Python: components hold a handful of items, and importing a compiled
solver (scipy.optimize) would cost more than scoring a whole small submission. The tie rule tests
a row's column other than the optimum's only if it could be in an optimal matching (zero reduced
cost under the optimal potentials), which ties alone produce, and then by one augmenting path
from the optimum at hand, not by solving the rest again.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    if len(rows) <= min(weights.shape):  # else some row or column has two candidates
        rows, cols = rows.tolist(), cols.tolist()
        if len(set(rows)) == len(rows) and len(set(cols)) == len(cols):
            # every candidate pair is alone (its row and column have no other): in every optimum,
            # either objective; np.nonzero lists them by row
            return list(zip(rows, cols))
    pairs, eligible = _forced_pairs(weights, eligible)  # their rows and columns leave: that often splits a component
    for component_rows, component_cols in _components(eligible):
        if len(component_rows) == 1 and len(component_cols) == 1:  # an alone pair
            pairs.append((component_rows[0], component_cols[0]))
            continue
        whole = len(component_rows) == weights.shape[0] and len(component_cols) == weights.shape[1]
        block = weights if whole else weights[np.ix_(component_rows, component_cols)]
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
    lone_cols = np.flatnonzero(eligible.sum(axis=0) == 1)
    if not len(lone_cols):
        return [], eligible
    candidates = np.where(eligible, weights, 0.0)
    # above the tolerance of every solve (at most TIE_TOLERANCE times a component's total weight)
    margin = TIE_TOLERANCE * max(1.0, float(candidates.sum()))
    forced: Pairs = []
    live = eligible.copy()  # the caller's stays as it is
    while len(lone_cols):
        lone_rows = live[:, lone_cols].argmax(axis=0)
        others = candidates[lone_rows] * live[lone_rows]  # each lone pair's row, that pair left out
        others[np.arange(len(lone_cols)), lone_cols] = 0.0
        wins = candidates[lone_rows, lone_cols] - others.max(axis=1) > margin
        if not wins.any():
            break
        found_rows, found_cols = lone_rows[wins], lone_cols[wins]
        forced += zip(found_rows.tolist(), found_cols.tolist())
        live[found_rows] = False
        live[:, found_cols] = False
        lone_cols = np.flatnonzero(live.sum(axis=0) == 1)
    return sorted(forced), live


def _components(eligible: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Row and column indices (ascending) of each connected component of the candidate graph, by
    smallest row (components without a row or a column left out)."""
    # breadth-first search on bit sets (bit c of a row's set: column c is a candidate), so each
    # row and column is visited once and never an edge on its own
    if not eligible.any():  # forced pairs often leave no candidate
        return []
    row_neighbours = _bit_sets(eligible)
    every_col = 0
    for neighbours in row_neighbours:
        every_col |= neighbours
    if every_col in row_neighbours:  # a row meets every column with a candidate: one component
        return [([r for r, neighbours in enumerate(row_neighbours) if neighbours], _bits(every_col))]
    col_neighbours = _bit_sets(eligible.T)
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


def _canonical_optimum(block: np.ndarray, maximize_pairs: bool) -> Pairs:
    """Pairs of the optimal matching chosen by the tie rule of the module docstring."""
    n_rows, n_cols = block.shape
    size = max(n_rows, n_cols)
    # the solves read Python lists (a float of a list is far cheaper to read than one of an array)
    weights, cost = block.tolist(), _pair_costs(block, maximize_pairs)
    # padded to a square with zero-cost dummy rows or columns (a row paired with one is unmatched):
    # removing a decided row and its column then leaves a square, whose potentials need no sign
    for row_cost in cost:
        row_cost.extend([0.0] * (size - n_cols))
    cost.extend([0.0] * size for _ in range(size - n_rows))
    owner, u, v = _square_optimum(cost, n_rows, n_cols)
    columns = list(range(1, size + 1))  # those not yet taken (1-based, as the solver's)
    target_pairs, target_weight = _value(weights, cost, owner, columns, maximize_pairs)
    tolerance = TIE_TOLERANCE * max(1.0, target_weight)
    chosen: Pairs = []
    fixed_pairs, fixed_weight = 0, 0.0
    for r in range(n_rows):
        # a taken column keeps the row that took it, so each row undecided yet owns just one column
        own_col = owner.index(r + 1, 1)
        taken = None
        row_cost, row_potential = cost[r], u[r + 1]
        # the row's candidates are read as the scan reaches them: it mostly stops at the first ones
        for column in columns:
            c = column - 1
            if row_cost[c] >= 0:  # no candidate (a dummy column among them)
                continue
            if column == own_col:  # the current optimum agrees: its rest stays optimal
                taken = c
                columns.remove(own_col)
                break
            # (r, c) lies in no optimal matching unless its reduced cost is zero (complementary slackness)
            if row_cost[c] - row_potential - v[column] > _SLACK:
                continue
            # the optimum of the rest with (r, c) removed: the current one minus both pairs of r and
            # of c is still optimal for what it covers, so one augmenting path (from c's row to r's
            # column, the only free one) completes it. That path's length (plus the pair's reduced
            # cost, >= 0) is what (r, c) costs against the optimum: a path longer than any tie (a
            # weight loss above the tolerance, with room for rounding) rules (r, c) out.
            rest_owner, rest_u, rest_v = owner.copy(), u.copy(), v.copy()
            rest_owner[own_col], rest_owner[column] = 0, r + 1
            rest_columns = [j for j in columns if j != column]
            if not _augment(cost, rest_u, rest_v, rest_owner, owner[column], rest_columns, tolerance + _SLACK):
                continue
            rest_pairs, rest_weight = _value(weights, cost, rest_owner, rest_columns, maximize_pairs)
            pairs = fixed_pairs + (1 if maximize_pairs else 0) + rest_pairs
            if pairs == target_pairs and fixed_weight + weights[r][c] + rest_weight >= target_weight - tolerance:
                taken = c
                owner, u, v, columns = rest_owner, rest_u, rest_v, rest_columns
                break
        if taken is None:
            # the row stays unmatched, so its column in the optimum is no candidate of it (else it
            # would have been taken): as a dummy row it keeps that column at reduced cost 0
            cost[r] = [0.0] * size
            continue
        chosen.append((r, taken))
        fixed_pairs += 1 if maximize_pairs else 0
        fixed_weight += weights[r][taken]
    return chosen


def _square_optimum(cost: list[list[float]], n_rows: int, n_cols: int) -> tuple[list[int], list[float], list[float]]:
    """An optimal assignment of a square ``cost`` whose rows past ``n_rows`` and columns past
    ``n_cols`` are dummies (cost 0): as :func:`_hungarian` returns it, but every column has a row.
    Only the side with fewer real items is solved (the algorithm assigns each of its items); it
    leaves every free item of the other side at potential 0, and potentials never above 0, so each
    dummy takes a free item at reduced cost 0 and every reduced cost stays >= 0."""
    size = len(cost)
    if n_rows <= n_cols:
        owner, u, v = _hungarian(cost[:n_rows])
        u.extend([0.0] * (size - n_rows))
        for dummy, column in enumerate((j for j in range(1, size + 1) if not owner[j]), start=n_rows + 1):
            owner[column] = dummy
        return owner, u, v
    # solved transposed: each real column gets a row, and each row left without one a dummy column
    col_of_row, col_potential, row_potential = _hungarian(list(zip(*cost))[:n_cols])
    owner = [0] * (size + 1)
    dummy = n_cols
    for row, column in enumerate(col_of_row[1:], start=1):
        if not column:
            dummy += 1
            column = dummy
        owner[column] = row
    col_potential.extend([0.0] * (size - n_cols))
    return owner, row_potential, col_potential


def _value(weights: list[list[float]], cost: list[list[float]], owner: list[int], columns: list[int], maximize_pairs: bool) -> tuple[int, float]:
    """Pair count (0 unless it counts) and weight sum of the candidate pairs among the given
    columns' assignments (a dummy, or a row left unmatched, pays 0)."""
    pairs, weight = 0, 0.0
    for column in columns:
        row = owner[column]
        if cost[row - 1][column - 1] < 0:
            pairs += 1
            weight += weights[row - 1][column - 1]
    return (pairs if maximize_pairs else 0), weight


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
    owner = [0] * (m + 1)
    # row reduction: u = row minima and v = 0 are feasible potentials, and a row with a cheapest
    # column still free takes the lowest such at reduced cost 0; only the rows left over need
    # augmenting paths (in a component most rows have a best column of their own, and under ties
    # many rows share several)
    u = [0.0] * (n + 1)
    waiting = []
    for i, row in enumerate(cost, start=1):
        u[i] = cheapest = min(row)
        column = row.index(cheapest)
        try:
            while owner[column + 1]:
                column = row.index(cheapest, column + 1)
        except ValueError:  # every cheapest column is taken
            waiting.append(i)
        else:
            owner[column + 1] = i
    columns = list(range(1, m + 1))
    for i in waiting:
        _augment(cost, u, v, owner, i, columns)
    return owner, u, v


def _augment(
    cost: Sequence[Sequence[float]],
    u: list[float],
    v: list[float],
    owner: list[int],
    start: int,
    columns: list[int],
    limit: float = float("inf"),
) -> bool:
    """Gives row ``start`` (1-based, without a column) a column of ``columns`` (ascending), in place:
    along a shortest path of reduced costs to the nearest free column, each row on it moves to the
    next column. Potentials stay feasible and keep every assigned pair at reduced cost 0, so an
    optimal assignment of the other rows stays optimal with ``start`` added (as in :func:`_hungarian`).
    The path's length is what the assignment's cost grows by: once that exceeds ``limit``, stops
    and returns False, leaving potentials and assignment half-changed (callers then drop them)."""
    infinity = float("inf")
    slack, previous = [infinity] * len(owner), [0] * len(owner)
    owner[0], column = start, 0
    distance = 0.0  # of the columns reached from the start
    in_tree, outside = [0], list(columns)  # columns reached (the virtual start first) and not, ascending
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
        distance += delta
        if distance > limit:
            return False
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
    return True


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
