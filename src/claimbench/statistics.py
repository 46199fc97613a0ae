"""Bootstrap statistics over documents: 95 % intervals and paired comparisons (seeded, vectorised).

Documents are resampled with replacement; each resample sums the documents' additive counts and
recomputes micro precision, recall and F1. One resampling plan (a B × n matrix of how often each
document is drawn) serves every part and mode, so all intervals of one report, and both systems of
a comparison, use the same resamples.
"""

from __future__ import annotations

import numpy as np



def resampling_plan(n_documents: int, resamples: int, seed: int) -> np.ndarray:
    """How often each document is drawn in each resample: shape (resamples, n_documents)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_documents, size=(resamples, n_documents))
    plan = np.zeros((resamples, n_documents), dtype=np.int64)
    np.add.at(plan, (np.arange(resamples)[:, None], draws), 1)
    return plan


def _prf(totals: np.ndarray) -> dict[str, np.ndarray]:
    """Vectorised form of claimbench.metrics (same zero-division convention)."""
    tp, fp, fn = totals[:, 0], totals[:, 1], totals[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), np.where(fn == 0, 1.0, 0.0))
        r = np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), np.where(fp == 0, 1.0, 0.0))
        f = np.where(tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 1.0)
    return {"precision": p, "recall": r, "f1": f}


def bootstrap_interval(document_counts: np.ndarray, plan: np.ndarray) -> dict[str, list[float]]:
    """95 % percentile intervals of micro P/R/F1; ``document_counts`` has shape (n_documents, 3)."""
    if plan.shape[0] == 0:
        return {}
    totals = plan @ document_counts
    return {name: [float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))]
            for name, values in _prf(totals).items()}  # fmt: skip


def paired_difference(counts_a: np.ndarray, counts_b: np.ndarray, plan: np.ndarray) -> dict[str, float]:
    """F1(B) − F1(A) over the same resamples: mean, 95 % interval and a two-sided p-value.

    The p-value is the share of resamples on the other side of zero from the observed
    difference, doubled (paired bootstrap test), at least 1 / resamples when none is.
    """
    observed = float(_prf(counts_b.sum(axis=0, keepdims=True))["f1"][0] - _prf(counts_a.sum(axis=0, keepdims=True))["f1"][0])
    deltas = _prf(plan @ counts_b)["f1"] - _prf(plan @ counts_a)["f1"]
    if observed > 0:
        tail = float(np.mean(deltas <= 0))
    elif observed < 0:
        tail = float(np.mean(deltas >= 0))
    else:
        tail = 0.5
    p_value = min(1.0, max(2 * tail, 1 / len(deltas)))
    return {
        "delta_f1": observed,
        "ci95": [float(np.percentile(deltas, 2.5)), float(np.percentile(deltas, 97.5))],
        "p_value": p_value,
    }
