"""The scorer's public API: ``score(gold, predictions) -> Report`` and ``compare``; pure (no files).

Report contract (also the JSON written by ``claimbench score --json``):
``signature``; ``units`` (``{kind, count}``: the resampling units of the intervals);
``scores[part][mode]`` = ``{tp, fp, fn, precision, recall, f1, macro, ci95}``;
``per_document[doc_id][part][mode]`` = the same without ``macro``/``ci95``;
``per_unit`` (``ids`` of the units, ``counts[part][mode]`` = one ``[tp, fp, fn]`` per unit, for
paired tests against this report); ``value_accuracy``; ``found_claims[mode]`` (gold claim ids
matched); ``warnings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claimbench.dataset.gold import corpus_fingerprint
from claimbench.dataset.model import Corpus
from claimbench.dataset.segment import paragraphs, sentences
from claimbench.defaults import DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_UNIT, UNITS
from claimbench.scoring.metrics import Counts
from claimbench.scoring.modes import (
    PART_MODES,
    VALUE_PARTS,
    DocumentScore,
    ScoringConfig,
    group_predictions,
    score_grouped_documents,
    unit_rows,
)
from claimbench.scoring.statistics import (
    DEFAULT_TRIALS,
    MIN_UNITS,
    bootstrap_totals,
    interval,
    paired_bootstrap,
    paired_randomization,
)
from claimbench.scoring.submission import PredictedClaim
from claimbench.version import __version__

# count-matrix cells resampled at a time (64 MB of float64): 1,000 synthetic documents in one group
BOOTSTRAP_CELLS = 1 << 23
# claim modes whose matched gold claims are listed (cluster counts clusters, not claims)
FOUND_MODES = tuple(mode for mode in PART_MODES["claims"] if mode != "cluster")

def unit_starts(text: str, unit: str) -> list[int]:
    """Start offsets of a document's resampling units (the first always covers offset 0)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    spans = [] if unit == "document" else sentences(text) if unit == "sentence" else paragraphs(text)
    return [0, *(start for start, _ in spans[1:])] if spans else [0]


def signature(corpus: Corpus, config: ScoringConfig, resamples: int, seed: int, unit: str, n_units: int) -> str:
    """Everything needed to reproduce a score, in one string (as sacrebleu's signature)."""
    return (
        f"claimbench:{__version__}|data:{corpus.version}+{corpus_fingerprint(corpus)[:12]}"
        f"|claims:full(iou@{config.iou_threshold:g}+parts),strict,iou@{config.iou_threshold:g},proportional(dice),overlap,text@{config.text_threshold:g},cluster"
        f"|tokens:word|parts:entities,quantities,dates,attributions|value_tol:{config.value_tolerance:g}"
        f"|optional:{'skip' if config.optional == 'optional' else 'as-required'}"
        f"|unit:{unit}({n_units})|bootstrap:{resamples}|seed:{seed}|avg:micro+macro"
    )


def _number(value: float) -> float | int:
    """Whole counts as integers in the JSON; proportional credit rounded so that it prints stably."""
    return int(value) if float(value).is_integer() else round(float(value), 9)


def _rows(matrix: np.ndarray) -> list[list[float | int]]:
    """A count matrix as JSON rows of :func:`_number`s (whole matrices converted at once)."""
    if np.array_equal(matrix, np.rint(matrix)) and np.abs(matrix).max(initial=0) < 2**53:
        return matrix.astype(np.int64).tolist()
    # whole values as ints at once; _number (Python's round) only for the fractional ones
    cells = matrix.astype(object)
    whole = (np.rint(matrix) == matrix) & (np.abs(matrix) < 2**53)  # int64 holds them exactly
    cells[whole] = matrix[whole].astype(np.int64).astype(object)
    cells[~whole] = [_number(v) for v in matrix[~whole].tolist()]
    return cells.tolist()


def _counts_dict(counts: Counts) -> dict[str, Any]:
    return {"tp": _number(counts.tp), "fp": _number(counts.fp), "fn": _number(counts.fn),
            "precision": counts.precision, "recall": counts.recall, "f1": counts.f1}  # fmt: skip


@dataclass(frozen=True)
class Report:
    signature: str
    documents: dict[str, DocumentScore]
    units: dict[str, list[int]]  # doc_id -> start offsets of its resampling units
    unit: str = DEFAULT_UNIT
    warnings: tuple[str, ...] = ()
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    _totals: dict[tuple[str, str], np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_units(self) -> int:
        return sum(len(starts) for starts in self.units.values())

    def totals(self, part: str, mode: str) -> Counts:
        tp: float = 0
        fp: float = 0
        fn: float = 0
        for document in self.documents.values():  # summed in document order, as Counts.__add__ would
            counts = document.counts[part][mode]
            tp, fp, fn = tp + counts.tp, fp + counts.fp, fn + counts.fn
        return Counts(tp, fp, fn)

    def unit_matrix(self, part: str, mode: str) -> np.ndarray:
        """(n_units, 3) tp/fp/fn per unit, documents in sorted doc_id order."""
        order = sorted(self.documents)
        outcomes = [self.documents[d].outcomes[part][mode] for d in order]  # Outcomes, as DocumentScore stores them
        return unit_rows(outcomes, [self.units[d] for d in order])  # type: ignore[arg-type]

    def unit_ids(self) -> list[str]:
        return [f"{doc_id}:{index}" for doc_id in sorted(self.units) for index in range(len(self.units[doc_id]))]

    def resampled(self) -> dict[tuple[str, str], np.ndarray]:
        """Bootstrap totals of every part and mode, over the same resamples."""
        if not self._totals and self.resamples:
            keys = [(part, mode) for part, modes in PART_MODES.items() for mode in modes]
            # modes a group at a time, each group drawing the same resamples (same seed): whole-number
            # sums are exact in any grouping, and a large report never holds every count column at once
            at_once = max(1, BOOTSTRAP_CELLS // max(3 * self.n_units, 1))
            for first in range(0, len(keys), at_once):
                group = keys[first : first + at_once]
                counts = np.empty((self.n_units, 3 * len(group)))  # filled a mode at a time: no list of matrices
                for index, key in enumerate(group):
                    counts[:, 3 * index : 3 * index + 3] = self.unit_matrix(*key)
                stacked = bootstrap_totals(counts, self.resamples, self.seed, overwrite=True)
                del counts
                self._totals.update({key: stacked[:, 3 * i : 3 * i + 3] for i, key in enumerate(group)})
        return self._totals

    def found_claims(self) -> dict[str, list[str]]:
        return {mode: sorted(cid for doc in self.documents.values() for cid in doc.found_claims[mode]) for mode in FOUND_MODES}

    def value_accuracy(self) -> dict[str, dict[str, float]]:
        """Correct values among span-matched items, and TempEval-3's value F1 (span F1 × accuracy),
        which differs from the ``value`` mode: that mode re-matches requiring the same value."""
        out = {}
        for part in VALUE_PARTS:
            correct = sum(doc.value_pairs[part][0] for doc in self.documents.values())
            matched = sum(doc.value_pairs[part][1] for doc in self.documents.values())
            accuracy = correct / matched if matched else 0.0
            span_f1 = self.totals(part, "overlap" if part == "quantities" else "relaxed").f1
            out[part] = {"correct": correct, "matched": matched, "accuracy": accuracy, "te3_value_f1": span_f1 * accuracy}
        return out

    def to_dict(self, lazy_unit_rows: bool = False) -> dict[str, Any]:
        """The report as the JSON contract above; with ``lazy_unit_rows``, each part and mode of
        ``per_unit.counts`` is a :class:`UnitRows` that gives its rows when written
        (``write_json(path, report, default=json_default)``): a large report then never holds
        every row as Python lists at once."""
        resampled = self.resampled()
        scores: dict[str, dict[str, Any]] = {}
        per_unit: dict[str, dict[str, Any]] = {}
        for part, modes in PART_MODES.items():
            scores[part], per_unit[part] = {}, {}
            for mode in modes:
                per_doc = [self.documents[d].counts[part][mode] for d in sorted(self.documents)]
                entry = _counts_dict(self.totals(part, mode))
                entry["macro"] = {
                    name: float(np.mean([getattr(c, name) for c in per_doc])) if per_doc else 0.0
                    for name in ("precision", "recall", "f1")
                }
                entry["ci95"] = interval(resampled[(part, mode)]) if resampled else {}
                scores[part][mode] = entry
                per_unit[part][mode] = UnitRows(self, part, mode) if lazy_unit_rows else UnitRows(self, part, mode).rows()
        per_document = {
            doc_id: {part: {mode: _counts_dict(doc.counts[part][mode]) for mode in modes} for part, modes in PART_MODES.items()}
            for doc_id, doc in sorted(self.documents.items())
        }
        return {
            "signature": self.signature,
            "units": {"kind": self.unit, "count": self.n_units},
            "scores": scores,
            "per_document": per_document,
            "per_unit": {"ids": self.unit_ids(), "counts": per_unit},
            "value_accuracy": self.value_accuracy(),
            "found_claims": self.found_claims(),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class UnitRows:
    """The ``per_unit`` count rows of one part and mode of a report, computed when asked for."""

    report: Report = field(repr=False, compare=False)
    part: str
    mode: str

    def rows(self) -> list[list[float | int]]:
        return _rows(self.report.unit_matrix(self.part, self.mode))


def json_default(value: object) -> Any:
    """``default`` for writing a ``to_dict(lazy_unit_rows=True)`` report: its :class:`UnitRows` as rows."""
    if isinstance(value, UnitRows):
        return value.rows()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _warnings(documents: dict[str, DocumentScore]) -> list[str]:
    out = []
    duplicates = sorted(line for doc in documents.values() for line in doc.duplicates)
    if duplicates:
        out.append(f"{len(duplicates)} duplicated prediction(s) counted as false positives (lines {_lines(duplicates)})")
    unlocated = sorted(line for doc in documents.values() for line in doc.unlocated)
    if unlocated:
        out.append(
            f"{len(unlocated)} prediction(s) whose text was not found in the document, false positives in "
            f"every mode that needs a location (lines {_lines(unlocated)})"
        )
    return out


def _lines(numbers: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f", … {len(numbers) - limit} more" if len(numbers) > limit else "")


def few_units_warning(unit: str, n_units: int) -> str | None:
    if n_units >= MIN_UNITS:
        return None
    return (
        f"only {n_units} resampling unit(s) ({unit}): intervals and p-values are coarse "
        f"(at most {n_units}**{n_units} resamples); prefer --unit sentence"
    )


def score(
    gold: Corpus,
    predictions: Sequence[PredictedClaim],
    config: ScoringConfig | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    warnings: Sequence[str] = (),
    unit: str = DEFAULT_UNIT,
) -> Report:
    """Score predicted claims against the gold corpus; intervals resample ``unit``s."""
    return score_grouped(gold, group_predictions(predictions), config, resamples, seed, warnings, unit)


def score_grouped(
    gold: Corpus,
    grouped: dict[str, list[PredictedClaim]],
    config: ScoringConfig | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    warnings: Sequence[str] = (),
    unit: str = DEFAULT_UNIT,
    named: bool = True,
) -> Report:
    """:func:`score` of predictions grouped by doc_id (:func:`group_predictions`); empties
    ``grouped`` as it scores (see :func:`score_grouped_documents`). Without ``named``, the
    outcomes only count (enough for the report and its JSON, not for ``explain``)."""
    config = config or ScoringConfig()
    if resamples < 0:
        raise ValueError(f"resamples must be >= 0, got {resamples}")
    any_predictions = bool(grouped)
    units = {document.doc_id: unit_starts(document.text, unit) for document in gold.documents}
    documents = score_grouped_documents(gold, grouped, config, named)
    all_warnings = [*warnings, *_warnings(documents)]
    n_units = sum(len(starts) for starts in units.values())
    if resamples and (coarse := few_units_warning(unit, n_units)):
        all_warnings.append(coarse)
    if not any_predictions and not any("no predictions" in w for w in all_warnings):
        all_warnings.append("no predictions; every score is 0")
    return Report(
        signature=signature(gold, config, resamples, seed, unit, n_units),
        documents=documents,
        units=units,
        unit=unit,
        warnings=tuple(all_warnings),
        resamples=resamples,
        seed=seed,
    )


def compare_unit_counts(
    counts_a: dict[str, dict[str, np.ndarray]],
    counts_b: dict[str, dict[str, np.ndarray]],
    resamples: int = DEFAULT_RESAMPLES,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Per part and mode: ΔF1 = F1(B) − F1(A), its paired-bootstrap interval and p-value, and the
    approximate-randomization p-value; ``counts_*[part][mode]`` are (n_units, 3) on the same units."""
    keys = [(part, mode) for part in counts_a for mode in counts_a[part]]
    stacked = np.hstack([counts_a[p][m] for p, m in keys] + [counts_b[p][m] for p, m in keys])
    totals = bootstrap_totals(stacked, resamples, seed) if resamples else None
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for index, (part, mode) in enumerate(keys):
        a, b = counts_a[part][mode], counts_b[part][mode]
        entry: dict[str, Any] = {
            "f1_a": Counts(*a.sum(axis=0)).f1,
            "f1_b": Counts(*b.sum(axis=0)).f1,
        }
        entry["delta_f1"] = entry["f1_b"] - entry["f1_a"]
        if totals is not None:
            offset = 3 * len(keys)
            bootstrap = paired_bootstrap(a, b, totals[:, 3 * index : 3 * index + 3], totals[:, offset + 3 * index : offset + 3 * index + 3])
            entry["ci95"] = bootstrap["ci95"]
            if a.shape[0] >= MIN_UNITS:  # with a handful of units the bootstrap p-value is far too small
                entry["p_bootstrap"] = bootstrap["p_value"]
        if trials:
            entry["p_randomization"] = paired_randomization(a, b, trials, seed)
        out.setdefault(part, {})[mode] = entry
    return out


def report_unit_counts(report: dict[str, Any]) -> dict[str, dict[str, np.ndarray]]:
    """The per-unit count matrices of a JSON report."""
    return {
        part: {mode: np.asarray(rows, dtype=np.float64).reshape(len(rows), 3) for mode, rows in modes.items()}
        for part, modes in report["per_unit"]["counts"].items()
    }


def compare(
    report_a: Report, report_b: Report, trials: int = DEFAULT_TRIALS, names: tuple[str, str] = ("A", "B")
) -> dict[str, Any]:
    """Paired tests of F1(B) − F1(A) for every part and mode (both reports on the same gold and units)."""
    if report_a.units != report_b.units:
        raise ValueError("the reports cover different documents or resampling units")
    counts = [
        {part: {mode: report.unit_matrix(part, mode) for mode in modes} for part, modes in PART_MODES.items()}
        for report in (report_a, report_b)
    ]
    return {
        "signature": report_a.signature + f"|trials:{trials}",
        "a": names[0],
        "b": names[1],
        "units": {"kind": report_a.unit, "count": report_a.n_units},
        "differences": compare_unit_counts(counts[0], counts[1], report_a.resamples, trials, report_a.seed),
    }
