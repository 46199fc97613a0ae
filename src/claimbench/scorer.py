"""The scorer's public API: ``score(gold, predictions) -> Report`` and ``compare``; pure (no files).

Report contract (also the JSON written by ``claimbench score --json``):
``signature``; ``scores[part][mode]`` = ``{tp, fp, fn, precision, recall, f1, macro, ci95}``;
``per_document[doc_id][part][mode]`` = the same without ``macro``/``ci95``; ``value_accuracy``;
``found_claims[mode]`` (gold claim ids matched); ``warnings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claimbench.defaults import DEFAULT_RESAMPLES, DEFAULT_SEED
from claimbench.gold import corpus_fingerprint
from claimbench.metrics import Counts
from claimbench.model import Corpus
from claimbench.scoring import PART_MODES, VALUE_PARTS, DocumentScore, ScoringConfig, score_documents
from claimbench.statistics import bootstrap_interval, paired_difference, resampling_plan
from claimbench.submission import PredictedClaim
from claimbench.version import __version__


def signature(corpus: Corpus, config: ScoringConfig, resamples: int, seed: int) -> str:
    """Everything needed to reproduce a score, in one string (as sacrebleu's signature)."""
    return (
        f"claimbench:{__version__}|data:{corpus.version}+{corpus_fingerprint(corpus)[:12]}"
        f"|claims:strict,overlap,text@{config.text_threshold:g},cluster|parts:entities,quantities,dates,attributions"
        f"|value_tol:{config.value_tolerance:g}|bootstrap:{resamples}|seed:{seed}|avg:micro+macro"
    )


def _counts_dict(counts: Counts) -> dict[str, Any]:
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn,
            "precision": counts.precision, "recall": counts.recall, "f1": counts.f1}  # fmt: skip


@dataclass(frozen=True)
class Report:
    signature: str
    documents: dict[str, DocumentScore]
    warnings: tuple[str, ...] = ()
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    _plan: np.ndarray | None = field(default=None, repr=False, compare=False)

    def totals(self, part: str, mode: str) -> Counts:
        total = Counts()
        for document in self.documents.values():
            total = total + document.counts[part][mode]
        return total

    def document_matrix(self, part: str, mode: str) -> np.ndarray:
        """(n_documents, 3) tp/fp/fn, in sorted doc_id order."""
        rows = [self.documents[d].counts[part][mode] for d in sorted(self.documents)]
        return np.array([[c.tp, c.fp, c.fn] for c in rows], dtype=np.float64).reshape(len(rows), 3)

    def plan(self) -> np.ndarray:
        if self._plan is None:
            object.__setattr__(self, "_plan", resampling_plan(len(self.documents), self.resamples, self.seed))
        assert self._plan is not None
        return self._plan

    def found_claims(self) -> dict[str, list[str]]:
        modes = PART_MODES["claims"][:3]
        return {mode: sorted(cid for doc in self.documents.values() for cid in doc.found_claims[mode]) for mode in modes}

    def value_accuracy(self) -> dict[str, dict[str, float]]:
        out = {}
        for part in VALUE_PARTS:
            correct = sum(doc.value_pairs[part][0] for doc in self.documents.values())
            matched = sum(doc.value_pairs[part][1] for doc in self.documents.values())
            out[part] = {"correct": correct, "matched": matched, "accuracy": correct / matched if matched else 0.0}
        return out

    def to_dict(self) -> dict[str, Any]:
        plan = self.plan()
        scores: dict[str, dict[str, Any]] = {}
        for part, modes in PART_MODES.items():
            scores[part] = {}
            for mode in modes:
                per_doc = [self.documents[d].counts[part][mode] for d in sorted(self.documents)]
                entry = _counts_dict(self.totals(part, mode))
                entry["macro"] = {
                    name: float(np.mean([getattr(c, name) for c in per_doc])) if per_doc else 0.0
                    for name in ("precision", "recall", "f1")
                }
                entry["ci95"] = bootstrap_interval(self.document_matrix(part, mode), plan)
                scores[part][mode] = entry
        per_document = {
            doc_id: {part: {mode: _counts_dict(doc.counts[part][mode]) for mode in modes} for part, modes in PART_MODES.items()}
            for doc_id, doc in sorted(self.documents.items())
        }
        return {
            "signature": self.signature,
            "scores": scores,
            "per_document": per_document,
            "value_accuracy": self.value_accuracy(),
            "found_claims": self.found_claims(),
            "warnings": list(self.warnings),
        }


def _warnings(documents: dict[str, DocumentScore]) -> list[str]:
    out = []
    duplicates = sorted(line for doc in documents.values() for line in doc.duplicates)
    if duplicates:
        out.append(f"{len(duplicates)} duplicated prediction(s) counted as false positives (lines {_lines(duplicates)})")
    unlocated = sorted(line for doc in documents.values() for line in doc.unlocated)
    if unlocated:
        out.append(
            f"{len(unlocated)} prediction(s) whose text was not found in the document, false positives in "
            f"strict/overlap/cluster modes (lines {_lines(unlocated)})"
        )
    return out


def _lines(numbers: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f", … {len(numbers) - limit} more" if len(numbers) > limit else "")


def score(
    gold: Corpus,
    predictions: Sequence[PredictedClaim],
    config: ScoringConfig | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    warnings: Sequence[str] = (),
) -> Report:
    """Score predicted claims against the gold corpus."""
    config = config or ScoringConfig()
    if resamples < 0:
        raise ValueError(f"resamples must be >= 0, got {resamples}")
    documents = score_documents(gold, predictions, config)
    all_warnings = [*warnings, *_warnings(documents)]
    if not predictions and not any("no predictions" in w for w in all_warnings):
        all_warnings.append("no predictions; every score is 0")
    return Report(
        signature=signature(gold, config, resamples, seed),
        documents=documents,
        warnings=tuple(all_warnings),
        resamples=resamples,
        seed=seed,
    )


def compare(report_a: Report, report_b: Report) -> dict[str, Any]:
    """Paired bootstrap of F1(B) − F1(A) for every part and mode (both reports on the same gold)."""
    if sorted(report_a.documents) != sorted(report_b.documents):
        raise ValueError("the reports cover different documents")
    plan = report_a.plan()
    return {
        "signature": report_a.signature,
        "differences": {
            part: {
                mode: paired_difference(report_a.document_matrix(part, mode), report_b.document_matrix(part, mode), plan)
                for mode in modes
            }
            for part, modes in PART_MODES.items()
        },
    }
