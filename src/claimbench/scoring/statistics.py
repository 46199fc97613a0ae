"""Statistics over resampling units (sentences by default): intervals and paired tests (seeded, vectorised).

Every tp/fp/fn of a report belongs to one unit (see :mod:`claimbench.scoring.modes`), so each part and
mode gives an (n_units, 3) matrix of additive counts. A bootstrap resample draws units with
replacement, sums their counts and recomputes micro precision, recall and F1. One resampling plan
(a B × n matrix of how often each unit is drawn) serves every part and mode, so all intervals of
one report, and both systems of a comparison, use the same resamples.

Two paired tests compare systems A and B on the same units:

- the paired bootstrap (as sacrebleu's ``paired-bs``): the share of resamples in which the
  difference changes sign, doubled;
- approximate randomization (as sacrebleu's ``paired-ar``): in each of R trials every unit's counts
  are swapped between A and B with probability 1/2; the p-value is (1 + trials with
  |ΔF1| >= observed) / (R + 1), so it is never below 1 / (R + 1).
"""

from __future__ import annotations

import numpy as np

from claimbench.defaults import DEFAULT_TRIALS

MIN_UNITS = 10  # fewer resampling units give too few distinct resamples for a meaningful interval
# Counts are scaled to whole numbers (proportional credit to 1e-6) before any matrix product: sums
# of whole float64 numbers below 2**53 are exact in any order, so no BLAS kernel or thread count
# can change an interval or a p-value.
CREDIT_SCALE = 1_000_000
_CHUNK_ELEMENTS = 1 << 22  # rows of the resampling plan are drawn in chunks of this many cells


def whole(unit_counts: np.ndarray, overwrite: bool = False) -> np.ndarray:
    """Counts scaled to whole numbers; with ``overwrite``, in ``unit_counts`` itself (a float64 array)."""
    if overwrite:
        scaled = np.multiply(unit_counts, CREDIT_SCALE, out=unit_counts)
    else:
        scaled = np.asarray(unit_counts, dtype=np.float64) * CREDIT_SCALE
    return np.rint(scaled, out=scaled)  # in place: one copy of a large count matrix, not two


def bootstrap_totals(unit_counts: np.ndarray, resamples: int, seed: int, overwrite: bool = False) -> np.ndarray:
    """Summed counts of each bootstrap resample of the units: (n_units, k) in, (resamples, k) out.

    Resample r draws n units with replacement from a generator seeded with ``seed``; pass the
    columns of every part, mode and system at once so that all of them see the same resamples.
    With ``overwrite`` (a float64 ``unit_counts`` the caller no longer needs), the counts are
    scaled in place: no second copy of a large count matrix."""
    counts = whole(unit_counts, overwrite)
    n_units = counts.shape[0]
    rng = np.random.default_rng(seed)
    rows = max(1, _CHUNK_ELEMENTS // max(n_units, 1))
    out = []
    for first in range(0, resamples, rows):
        size = min(rows, resamples - first)
        cells = rng.integers(0, n_units, size=(size, n_units))
        # how often each unit is drawn in each resample (bincount: the counts of np.add.at, faster);
        # the draws become cell numbers in place (one chunk-sized array fewer)
        cells += np.arange(size, dtype=cells.dtype)[:, None] * n_units
        drawn = np.bincount(cells.ravel(), minlength=size * n_units)
        del cells  # before the float copy: two chunk-sized arrays alive at a time, not three
        plan = drawn.reshape(size, n_units).astype(np.float64)
        del drawn
        out.append(plan @ counts)
    return np.concatenate(out) if out else np.zeros((0, counts.shape[1]))


def prf(totals: np.ndarray) -> dict[str, np.ndarray]:
    """Vectorised form of claimbench.scoring.metrics (same zero-division convention); rows are tp/fp/fn."""
    tp, fp, fn = totals[:, 0], totals[:, 1], totals[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / np.where(tp + fp > 0, tp + fp, 1), np.where(fn == 0, 1.0, 0.0))
        r = np.where(tp + fn > 0, tp / np.where(tp + fn > 0, tp + fn, 1), np.where(fp == 0, 1.0, 0.0))
        f = np.where(tp + fp + fn > 0, 2 * tp / np.where(2 * tp + fp + fn > 0, 2 * tp + fp + fn, 1), 1.0)
    return {"precision": p, "recall": r, "f1": f}


def _percentiles(values: np.ndarray) -> list[float]:
    return [round(float(np.percentile(values, 2.5)), 12), round(float(np.percentile(values, 97.5)), 12)]


def interval(totals: np.ndarray) -> dict[str, list[float]]:
    """95 % percentile intervals of micro P/R/F1 from (resamples, 3) resampled totals."""
    if totals.shape[0] == 0:
        return {}
    return {name: _percentiles(values) for name, values in prf(totals).items()}


def _f1(counts: np.ndarray) -> float:
    return float(prf(whole(counts).sum(axis=0, keepdims=True))["f1"][0])


def paired_bootstrap(counts_a: np.ndarray, counts_b: np.ndarray, totals_a: np.ndarray, totals_b: np.ndarray) -> dict[str, float | list[float]]:
    """F1(B) − F1(A) over the same resamples (``totals_*`` from one :func:`bootstrap_totals` call):
    95 % interval and a two-sided p-value, never below 1 / (B + 1)."""
    observed = _f1(counts_b) - _f1(counts_a)
    deltas = prf(totals_b)["f1"] - prf(totals_a)["f1"]
    if observed > 0:
        tail = int(np.sum(deltas <= 0))
    elif observed < 0:
        tail = int(np.sum(deltas >= 0))
    else:
        tail = len(deltas)
    return {"ci95": _percentiles(deltas), "p_value": min(1.0, 2 * (tail + 1) / (len(deltas) + 1))}


def paired_randomization(counts_a: np.ndarray, counts_b: np.ndarray, trials: int, seed: int) -> float:
    """Two-sided p-value of F1(B) − F1(A) by approximate randomization over units."""
    a, b = whole(counts_a), whole(counts_b)
    observed = abs(_f1(counts_b) - _f1(counts_a))
    rng = np.random.default_rng(seed)
    difference = b - a
    rows = max(1, _CHUNK_ELEMENTS // max(a.shape[0], 1))
    at_least = 0
    for first in range(0, trials, rows):
        swaps = rng.integers(0, 2, size=(min(rows, trials - first), a.shape[0])).astype(np.float64)
        moved = swaps @ difference
        deltas = np.abs(prf(b.sum(axis=0) - moved)["f1"] - prf(a.sum(axis=0) + moved)["f1"])
        at_least += int(np.sum(deltas >= observed - 1e-12))
    return (at_least + 1) / (trials + 1)
