"""Inter-annotator agreement. Historical: the second pass scored against the first and the other
way round (before adjudication, guideline 1.0.0). Current: the fresh pass (guideline 1.2.0) scored
against the gold as it was before adjudicating the fresh pass's disagreements.

Uses the project's own scorer (so agreement figures and system scores mean the same thing) and
Cohen's kappa (scikit-learn) for modality and polarity on claims matched in overlap mode.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
from sklearn.metrics import cohen_kappa_score

from claimbench.dataset.model import Claim, Corpus
from claimbench.scoring.matching import match, span_iou
from claimbench.scoring.modes import VALUE_PARTS, ScoringConfig
from claimbench.scoring.report import score
from claimbench.scoring.submission import predictions_from_corpus

if TYPE_CHECKING:  # adjudication imports this module
    from claimbench.annotation.adjudication import Decision

REPORTED_MODES = {
    "claims": ("strict", "overlap", "text", "cluster"),
    "entities": ("strict", "type", "canonical"),
    "quantities": ("overlap", "value", "full"),
    "dates": ("strict", "relaxed", "value"),
    "attributions": ("source", "cue", "full"),
}


@dataclass(frozen=True)
class Agreement:
    f1: dict[tuple[str, str], tuple[float, float]]  # (part, mode) -> (second vs first, first vs second)
    kappa: dict[str, float]
    matched_pairs: int
    claims: tuple[int, int]


CURRENT_MODES = (
    ("claims", "full"), ("claims", "strict"), ("claims", "iou"), ("claims", "overlap"), ("entities", "type"),
    ("quantities", "value"), ("dates", "value"), ("attributions", "full"),
)  # fmt: skip
# issue 12: the figures the current agreement must reach on required items
TARGETS = {("claims", "overlap"): 0.90, ("claims", "strict"): 0.80, ("quantities", "value"): 0.95, ("dates", "value"): 0.95}
VALUE_ACCURACY_TARGET = 0.95


@dataclass(frozen=True)
class CurrentAgreement:
    """The fresh pass scored against the gold, per optional handling ("optional": required items
    only; "required": optional items scored as required)."""

    f1: dict[str, dict[tuple[str, str], float]]
    value_accuracy: dict[str, dict[str, tuple[int, int]]]  # handling -> part -> (correct, matched)
    kappa: dict[str, dict[str, float]]
    matched_pairs: dict[str, int]
    claims: tuple[int, int]  # gold, fresh pass
    optional_claims: int  # in the gold


def _decision_counts(log: Sequence[Decision]) -> str:
    if not log:
        return "none"
    counts = Counter(decision.decision for decision in log)
    shape = log[0].shape
    labels = {side: "as the gold" if side == "gold" else f"as the {side} pass" for side in shape.sides}
    return ", ".join(f"{counts[name]} {labels.get(name, 'otherwise')}" for name in shape.decisions)


def matched_claims(first: Corpus, second: Corpus) -> list[tuple[Claim, Claim]]:
    """Claim pairs of the two passes matched one-to-one by span overlap (IoU), per document."""
    pairs = []
    for document in first.documents:
        a = [c for c in first.claims if c.doc_id == document.doc_id]
        b = [c for c in second.claims if c.doc_id == document.doc_id]
        weights = span_iou(np.array([c.start for c in a]), np.array([c.end for c in a]),
                           np.array([c.start for c in b]), np.array([c.end for c in b]))  # fmt: skip
        pairs += [(a[i], b[j]) for i, j in match(weights.reshape(len(a), len(b)))]
    return pairs


def _kappa(pairs: Sequence[tuple[Claim, Claim]]) -> dict[str, float]:
    return {
        name: float(cohen_kappa_score([getattr(a, name) for a, _ in pairs], [getattr(b, name) for _, b in pairs]))
        for name in ("modality", "polarity")
    }


def measure_current(gold: Corpus, fresh: Corpus) -> CurrentAgreement:
    """The fresh pass as a submission scored against the gold; kappa on the claim pairs matched by
    span overlap, without pairs whose gold claim is optional when optional items are skipped."""
    f1, accuracy, kappa, matched = {}, {}, {}, {}
    pairs = matched_claims(gold, fresh)
    for handling in ("optional", "required"):
        report = score(gold, predictions_from_corpus(fresh), ScoringConfig(optional=handling), resamples=0)
        f1[handling] = {(part, mode): report.totals(part, mode).f1 for part, mode in CURRENT_MODES}
        values = report.value_accuracy()
        accuracy[handling] = {part: (int(values[part]["correct"]), int(values[part]["matched"])) for part in VALUE_PARTS}
        scored = [(a, b) for a, b in pairs if handling == "required" or not a.optional]
        kappa[handling], matched[handling] = _kappa(scored), len(scored)
    return CurrentAgreement(
        f1=f1, value_accuracy=accuracy, kappa=kappa, matched_pairs=matched,
        claims=(len(gold.claims), len(fresh.claims)), optional_claims=sum(c.optional for c in gold.claims),
    )  # fmt: skip


def measure(first: Corpus, second: Corpus) -> Agreement:
    forward = score(first, predictions_from_corpus(second), resamples=0)
    backward = score(second, predictions_from_corpus(first), resamples=0)
    f1 = {
        (part, mode): (forward.totals(part, mode).f1, backward.totals(part, mode).f1)
        for part, modes in REPORTED_MODES.items()
        for mode in modes
    }
    pairs = matched_claims(first, second)
    return Agreement(f1=f1, kappa=_kappa(pairs), matched_pairs=len(pairs), claims=(len(first.claims), len(second.claims)))


def _met(value: float, target: float) -> str:
    return f"{value:.3f} (target ≥ {target:.2f}: {'met' if value >= target else 'NOT met'})"


def render_current(current: CurrentAgreement, log: Sequence[Decision], gold: Corpus) -> list[str]:
    """Section (b): the fresh pass against the gold, before adjudicating its disagreements."""
    lines = [
        "**(b) Current agreement: fresh pass against the gold (guideline 1.2.0).** "
        f"The fresh pass (`annotations/fresh_pass/`, {current.claims[1]} claims) scored with the claimbench scorer "
        f"against the gold 1.2.0 as it was before adjudicating the fresh pass's disagreements "
        f"(`annotations/gold_before_fresh/`, {current.claims[0]} claims, {current.optional_claims} of them optional). "
        "Who made it: each article was annotated by a separate language-model agent that saw only the guideline "
        "(without its appendix of test decisions), the annotation README, the entity registry and the article, "
        "never an earlier pass or the gold (`annotations/fresh_pass/README.md`). The gold's passes were made by "
        "the same kind of annotator, from rules derived from these five articles, so this figure measures how "
        "reproducibly annotators of one kind apply guideline 1.2.0; it is not human inter-annotator agreement "
        "and is likely an upper bound of it.",
        "",
        "| part | mode | F1, required items (optional ones count neither way) | F1, optional items scored as required |",
        "|---|---|---|---|",
    ]
    for key in CURRENT_MODES:
        lines.append(f"| {key[0]} | {key[1]} | {current.f1['optional'][key]:.3f} | {current.f1['required'][key]:.3f} |")
    for part in VALUE_PARTS:
        cells = []
        for handling in ("optional", "required"):
            correct, matched = current.value_accuracy[handling][part]
            cells.append(f"{correct / matched if matched else 0.0:.3f} ({correct}/{matched})")
        lines.append(f"| {part} | value accuracy (span-matched) | {cells[0]} | {cells[1]} |")
    for name in ("modality", "polarity"):
        lines.append(f"| claims | Cohen's kappa, {name} | {current.kappa['optional'][name]:.3f} ({current.matched_pairs['optional']} pairs) "
                     f"| {current.kappa['required'][name]:.3f} ({current.matched_pairs['required']} pairs) |")  # fmt: skip
    required = current.f1["optional"]
    lines += ["", "Targets (issue 12), on required items:"]
    lines += [f"- {part} {mode} F1: {_met(required[(part, mode)], target)}" for (part, mode), target in TARGETS.items()]
    for part in VALUE_PARTS:
        correct, matched = current.value_accuracy["optional"][part]
        lines.append(f"- {part} value accuracy: {_met(correct / matched if matched else 0.0, VALUE_ACCURACY_TARGET)}")
    lines += [
        "",
        f"Adjudication (`annotations/fresh_adjudication.yaml`): all {len(log)} disagreements of the fresh pass with "
        f"the gold decided ({_decision_counts(log)}); the gold now has {len(gold.claims)} claims.",
    ]
    return lines


def render_agreement(agreement: Agreement, log: Sequence[Decision], current: CurrentAgreement,
                     fresh_log: Sequence[Decision], gold: Corpus) -> str:  # fmt: skip
    lines = [
        "Two figures, both generated by `claimbench agreement`: (a) the historical agreement of the first two "
        "passes, measured before their adjudication under guideline 1.0.0, and (b) the current agreement of a "
        "fresh pass under guideline 1.2.0 with the gold.",
        "",
        "**(a) Historical agreement: second pass against first pass (before adjudication, guideline 1.0.0).** "
        f"Second, independent annotation pass (`annotations/second_pass/`, {agreement.claims[1]} claims) against the "
        f"first (`annotations/first_pass/`, {agreement.claims[0]} claims), before adjudication, measured with the claimbench scorer. "
        "F1 is symmetric up to the scorer's de-duplication; both directions are shown. Both passes, like their "
        "adjudication, were made by language-model annotators (`annotations/second_pass/README.md`), not by humans.",
        "",
        "| part | mode | F1 (second vs first) | F1 (first vs second) |",
        "|---|---|---|---|",
    ]
    for (part, mode), (forward, backward) in agreement.f1.items():
        lines.append(f"| {part} | {mode} | {forward:.3f} | {backward:.3f} |")
    lines += [
        "",
        f"Cohen's kappa on the {agreement.matched_pairs} claim pairs matched by span overlap: "
        f"modality {agreement.kappa['modality']:.3f}, polarity {agreement.kappa['polarity']:.3f}.",
        "",
        f"Adjudication (`annotations/adjudication.yaml`): all {len(log)} disagreements decided "
        f"({_decision_counts(log)}).",
        "",
        *render_current(current, fresh_log, gold),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Disagreement:
    """One point on which the two passes differ; ``key`` is stable across runs (claim ids of both passes)."""

    key: str
    first: str
    second: str


ABSENT = "-"


def _part_items(claim: Claim, part: str) -> list[str]:
    """The compared fields of a claim's parts (free-text ``measured`` and ``normalized`` are not compared)."""
    if part == "entities":
        return [f"{e.text} [{e.type} {e.canonical}]" for e in claim.entities]
    if part == "quantities":
        return [f"{q.text} [{q.qualifier}{q.value:g}{'' if q.value_max is None else f'..{q.value_max:g}'} {q.unit}]"
                for q in claim.quantities]  # fmt: skip
    if part == "dates":
        return [f"{d.text} [{d.type} {d.value}{'' if d.mod is None else ' ' + d.mod}]" for d in claim.dates]
    return [f"{a.source_text} / {a.cue_text} [depth {a.depth}, {a.source_canonical}]" for a in claim.attributions]


def describe_aspect(claim: Claim, aspect: str) -> str:
    """What a claim says on one aspect, as compared in the adjudication log."""
    if aspect in ("claim", "span"):
        return claim.text
    if aspect in ("modality", "polarity"):
        return str(getattr(claim, aspect))
    return "; ".join(sorted(_part_items(claim, aspect))) or ABSENT


ASPECTS = ("span", "modality", "polarity", "entities", "quantities", "dates", "attributions")


def disagreements(first: Corpus, second: Corpus) -> list[Disagreement]:
    """Every disagreement of two passes: unmatched claims, and for claims matched by span overlap
    each differing aspect, and each pair of matched claims of one document linked (same cluster) in
    one pass only. Links across documents are not compared: the second pass annotated each article
    alone, so it could not link across articles."""
    pairs = matched_claims(first, second)
    matched_first = {a.claim_id for a, _ in pairs}
    matched_second = {b.claim_id for _, b in pairs}
    found = [Disagreement(f"claim:{a.claim_id}|{ABSENT}", a.text, ABSENT) for a in first.claims if a.claim_id not in matched_first]
    found += [Disagreement(f"claim:{ABSENT}|{b.claim_id}", ABSENT, b.text) for b in second.claims if b.claim_id not in matched_second]
    for a, b in pairs:
        for aspect in ASPECTS:
            said_first, said_second = describe_aspect(a, aspect), describe_aspect(b, aspect)
            if said_first != said_second:
                found.append(Disagreement(f"{aspect}:{a.claim_id}|{b.claim_id}", said_first, said_second))
    for (a1, b1), (a2, b2) in combinations(pairs, 2):
        if a1.doc_id != a2.doc_id:
            continue
        linked_first, linked_second = a1.cluster_id == a2.cluster_id, b1.cluster_id == b2.cluster_id
        if linked_first != linked_second:
            found.append(Disagreement(
                f"link:{a1.claim_id}+{a2.claim_id}|{b1.claim_id}+{b2.claim_id}",
                "same cluster" if linked_first else "different clusters",
                "same cluster" if linked_second else "different clusters",
            ))  # fmt: skip
    return sorted(found, key=lambda item: item.key)
