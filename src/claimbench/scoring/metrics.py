"""Additive true/false positive counts and the precision/recall/F1 they give (as spaCy's PRFScore).

Zero-division convention: a ratio whose denominator is 0 is 1.0 when there was nothing to get
wrong on the other side (no gold items missed for precision, no false predictions for recall) and
0.0 otherwise. So a document with no gold items and no predictions scores 1.0, and an empty
submission against non-empty gold scores 0.0.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """tp/fp/fn; whole numbers, except in proportional modes where a pair adds its credit to tp."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def __post_init__(self) -> None:
        for name in ("tp", "fp", "fn"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
                raise ValueError(f"{name} must be a non-negative number, got {value!r}")

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return precision(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return recall(self.tp, self.fp, self.fn)

    @property
    def f1(self) -> float:
        return f1(self.tp, self.fp, self.fn)


def precision(tp: float, fp: float, fn: float) -> float:
    if tp + fp == 0:
        return 1.0 if fn == 0 else 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if tp + fn == 0:
        return 1.0 if fp == 0 else 0.0
    return tp / (tp + fn)


def f1(tp: float, fp: float, fn: float) -> float:
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)
