"""Why a submission scores what it scores: one record per gold claim and per predicted claim (pure).

The records are built from the scorer's outcomes (``DocumentScore.outcomes``), never recomputed, so
a claim's status in a mode is exactly the tp/fp/fn the report counts for it:

- gold claim: ``status[mode]`` is ``tp`` or ``fn``; ``partner[mode]`` the matched prediction
  (``line N``); ``credit[mode]`` the share of a proportional tp. In ``cluster`` mode the status is
  that of the claim's cluster (the unit that mode counts).
- predicted claim (one per submission line): ``status[mode]`` is ``tp`` or ``fp``; a duplicated
  prediction is ``fp`` in every mode, as the scorer counts it. In ``cluster`` mode a prediction
  matched in ``overlap`` mode is ``tp`` without a partner (it found a cluster, not a claim).
- ``parts``: per part, the claim's items (with ``span`` = ``start-end``, the scorer's name for an
  item) and the outcomes of comparing them, as ``in_claims`` and ``full`` do, with the partner of the
  chosen mode (``overlap``'s in cluster mode): matched / missed / spurious items.
- ``optional``: the gold marks the claim optional (GUIDELINES.md §13); with the scorer's default
  optional handling it (and a prediction matched to it) has status ``optional``: it counts neither way.
- ``category``: the error category in the chosen mode (see :data:`CATEGORIES`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimbench.dataset.model import Claim, Corpus, field_values
from claimbench.scoring.locate import Locator
from claimbench.scoring.modes import PART_MODES, Outcome, ScoringConfig, claim_part_outcomes, group_predictions, locate_part
from claimbench.scoring.report import Report
from claimbench.scoring.submission import PredictedClaim

CLAIM_MODES = PART_MODES["claims"]
PARTS = ("entities", "quantities", "dates", "attributions")
DEFAULT_MODE = "full"

# error categories, in the chosen mode; a matched claim with every part right has category "correct"
CATEGORIES = {
    "correct": "matched, parts right",
    "part_errors": "matched, but some parts missed or spurious",
    "boundary": "missed: a prediction overlaps it, but the boundaries differ too much",
    "split": "missed: two or more predictions overlap it (claim split)",
    "merged": "missed: the overlapping prediction also covers other gold claims (claims merged)",
    "missed": "missed entirely: no prediction overlaps it",
    "spurious": "spurious prediction: overlaps no gold claim",
    "extra": "unmatched prediction overlapping a gold claim (boundary, split, merge or duplicate)",
}


@dataclass(frozen=True)
class Located:
    """A predicted claim, the spans the scorer considers for it and the one drawn (None: not in the text)."""

    claim: PredictedClaim
    candidates: tuple[tuple[int, int], ...]
    span: tuple[int, int] | None


def _name(line: int) -> str:
    return f"line {line}"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _locate(locator: Locator, claim: PredictedClaim, gold_spans: Sequence[tuple[int, int]]) -> Located:
    """The scorer's candidate spans; drawn: the one overlapping most gold text (the first on ties)."""
    candidates = locate_part(locator, claim.text, claim.start, claim.end, ())
    if not candidates:
        return Located(claim, (), None)

    def shared(span: tuple[int, int]) -> int:
        return sum(max(0, min(span[1], g[1]) - max(span[0], g[0])) for g in gold_spans)

    return Located(claim, candidates, max(candidates, key=lambda span: (shared(span), -span[0])))


def _part_items_of_gold(claim: Claim, part: str) -> list[dict[str, Any]]:
    out = []
    for item in getattr(claim, part):
        record = field_values(item)
        start, end = (item.source_start, item.source_end) if part == "attributions" else (item.start, item.end)
        record["span"] = f"{start}-{end}"
        out.append(record)
    return out


def _part_items_of_pred(located: Located, locator: Locator, part: str) -> list[dict[str, Any]]:
    """Predicted part items with the ``start-end`` name the scorer gives them (first located span)."""
    out = []
    for item in getattr(located.claim, part):
        record = {key: value for key, value in field_values(item).items() if value is not None}
        text, start, end = (
            (item.source_text, item.source_start, item.source_end) if part == "attributions" else (item.text, item.start, item.end)
        )
        found = locate_part(locator, text, start, end, located.candidates)
        record["span"] = f"{found[0][0]}-{found[0][1]}" if found else "?"
        out.append(record)
    return out


def _parts(
    gold: Claim | None, pred: Located | None, own: dict[str, list[dict[str, Any]]], locator: Locator, config: ScoringConfig
) -> dict[str, dict[str, Any]]:
    located = (pred.claim, pred.candidates) if pred else None
    outcomes = claim_part_outcomes(gold, located, locator, config)
    return {
        part: {"items": own[part], "outcomes": [{"status": o.status, "gold": o.gold, "pred": o.pred} for o in outcomes[part]]}
        for part in PARTS
    }


def _gold_category(
    status: str, parts: dict[str, list[dict[str, Any]]], overlapping: list[Located], gold_spans: Sequence[tuple[int, int]]
) -> str:
    if status == "tp":
        wrong = any(o["status"] != "tp" for items in parts.values() for o in items)
        return "part_errors" if wrong else "correct"
    if not overlapping:
        return "missed"
    if len(overlapping) > 1:
        return "split"
    span = overlapping[0].span
    assert span is not None  # only located predictions overlap
    if sum(1 for g in gold_spans if _overlaps(g, span)) > 1:
        return "merged"
    return "boundary"


def explain_document(
    text: str,
    gold: Sequence[Claim],
    predicted: Sequence[PredictedClaim],
    outcomes: dict[str, dict[str, list[Outcome]]],
    mode: str,
    config: ScoringConfig,
) -> list[dict[str, Any]]:
    """Records of one document: gold claims by start, then predicted claims by submission line."""
    locator = Locator(text)
    gold_spans = [(c.start, c.end) for c in gold]
    located = [_locate(locator, c, gold_spans) for c in sorted(predicted, key=lambda c: c.line)]
    pred_by_name = {_name(p.claim.line): p for p in located}
    gold_by_id = {c.claim_id: c for c in gold}
    pair_mode = "overlap" if mode == "cluster" else mode  # cluster mode pairs no claims: show overlap's pairs
    claim_outcomes = outcomes["claims"]
    by_gold: dict[str, dict[str, Outcome]] = {m: {o.gold: o for o in claim_outcomes[m] if o.gold is not None} for m in CLAIM_MODES}
    by_pred: dict[str, dict[str, Outcome]] = {m: {o.pred: o for o in claim_outcomes[m] if o.pred is not None} for m in CLAIM_MODES}
    records: list[dict[str, Any]] = []

    for claim in sorted(gold, key=lambda c: (c.start, c.end, c.claim_id)):
        status, partner, credit = {}, {}, {}
        for m in CLAIM_MODES:
            outcome = by_gold[m][claim.cluster_id if m == "cluster" else claim.claim_id]
            status[m] = outcome.status
            partner[m] = None if m == "cluster" else outcome.pred
            credit[m] = outcome.credit if outcome.status == "tp" else 0
        partner_pred = pred_by_name.get(partner[pair_mode] or "")
        parts = _parts(claim, partner_pred, {part: _part_items_of_gold(claim, part) for part in PARTS}, locator, config)
        overlapping = [p for p in located if p.span is not None and _overlaps(p.span, (claim.start, claim.end))]
        records.append({
            "kind": "gold", "doc_id": claim.doc_id, "id": claim.claim_id, "start": claim.start, "end": claim.end,
            "text": claim.text, "normalized": claim.normalized, "modality": claim.modality, "polarity": claim.polarity,
            "cluster_id": claim.cluster_id, "optional": claim.optional, "optional_reason": claim.optional_reason, "status": status, "partner": partner, "credit": credit, "parts": parts,
            "overlapping": [_name(p.claim.line) for p in overlapping],
            "category": _gold_category(status[mode], {k: v["outcomes"] for k, v in parts.items()}, overlapping, gold_spans),
        })  # fmt: skip

    for pred in located:
        name = _name(pred.claim.line)
        status, partner, credit = {}, {}, {}
        for m in CLAIM_MODES:
            # cluster mode lists only the unmatched predictions; the others found a cluster (tp)
            outcome = by_pred[m][name] if m != "cluster" or name in by_pred[m] else Outcome("tp", 0, pred=name)
            status[m] = outcome.status
            partner[m] = outcome.gold if outcome.status == "tp" else None
            credit[m] = outcome.credit if outcome.status == "tp" else 0
        partner_gold = gold_by_id.get(partner[pair_mode] or "")
        parts = _parts(partner_gold, pred, {part: _part_items_of_pred(pred, locator, part) for part in PARTS}, locator, config)
        overlaps_gold = pred.span is not None and any(_overlaps(pred.span, g) for g in gold_spans)
        category = "correct" if status[mode] == "tp" else "extra" if overlaps_gold else "spurious"
        if status[mode] == "tp":
            partner_record = next(r for r in records if r["kind"] == "gold" and r["id"] == partner[mode])
            category = partner_record["category"]
        records.append({
            "kind": "pred", "doc_id": pred.claim.doc_id, "id": name, "line": pred.claim.line,
            "start": None if pred.span is None else pred.span[0], "end": None if pred.span is None else pred.span[1],
            "text": pred.claim.text, "normalized": pred.claim.normalized, "status": status, "partner": partner,
            "credit": credit, "parts": parts, "category": category,
        })  # fmt: skip
    return records


def explain(
    report: Report, corpus: Corpus, predictions: Sequence[PredictedClaim], mode: str = DEFAULT_MODE, config: ScoringConfig | None = None
) -> dict[str, Any]:
    """All records plus a summary: counts per status (chosen mode) and per error category; ``config``
    must be the one ``report`` was scored with."""
    if mode not in CLAIM_MODES:
        raise ValueError(f"mode must be one of {', '.join(CLAIM_MODES)}, got {mode!r}")
    grouped = group_predictions(predictions)
    gold_by_doc: dict[str, list[Claim]] = {d.doc_id: [] for d in corpus.documents}
    for claim in corpus.claims:
        gold_by_doc[claim.doc_id].append(claim)
    records: list[dict[str, Any]] = []
    config = config or ScoringConfig()
    for document in corpus.documents:
        outcomes = report.documents[document.doc_id].outcomes
        records += explain_document(document.text, gold_by_doc[document.doc_id], grouped.get(document.doc_id, []), outcomes, mode, config)
    # a matched pair counts once (on its gold claim), as in the report
    statuses = Counter(r["status"][mode] for r in records if r["kind"] == "gold" or r["status"][mode] == "fp")
    categories = Counter(r["category"] for r in records if r["kind"] == "gold" or r["status"][mode] == "fp")
    part_errors = Counter(
        part for r in records if r["kind"] == "gold" and r["category"] == "part_errors"
        for part, value in r["parts"].items() if any(o["status"] != "tp" for o in value["outcomes"])
    )  # fmt: skip
    return {
        "signature": report.signature,
        "mode": mode,
        "summary": {
            "status": {s: statuses.get(s, 0) for s in ("tp", "fn", "fp", "optional")},
            "categories": {c: categories.get(c, 0) for c in CATEGORIES},
            "part_errors": {p: part_errors.get(p, 0) for p in PARTS},
            "scores": {m: _scores(report, m) for m in CLAIM_MODES},
        },
        "category_descriptions": CATEGORIES,
        "records": records,
    }


def _scores(report: Report, mode: str) -> dict[str, float]:
    counts = report.totals("claims", mode)
    return {"precision": counts.precision, "recall": counts.recall, "f1": counts.f1}


# the modes with matched pairs (the report's ``found_claims``); cluster mode pairs clusters, not claims
FOUND_MODES = tuple(mode for mode in CLAIM_MODES if mode != "cluster")
FOUND_BY = ("a_only", "b_only", "both", "neither")


def found_claims(explained: dict[str, Any]) -> dict[str, list[str]]:
    """Per pairing mode, the gold claims matched to a prediction (optional ones too), as the report's ``found_claims``."""
    gold = [r for r in explained["records"] if r["kind"] == "gold"]
    return {mode: sorted(r["id"] for r in gold if r["partner"][mode] is not None) for mode in FOUND_MODES}


def found_by(in_a: bool, in_b: bool) -> str:
    """Which of two systems found a gold claim: one of :data:`FOUND_BY`."""
    if in_a and in_b:
        return "both"
    return "a_only" if in_a else "b_only" if in_b else "neither"


def explain_against(a: dict[str, Any], b: dict[str, Any], names: tuple[str, str]) -> dict[str, Any]:
    """Two systems' records (same gold, same mode) and, per pairing mode, the gold claims only one finds."""
    if a["mode"] != b["mode"]:
        raise ValueError(f"both systems must be explained in the same mode, got {a['mode']!r} and {b['mode']!r}")
    found_a, found_b = found_claims(a), found_claims(b)
    difference = {
        mode: {"a_only": sorted(set(found_a[mode]) - set(found_b[mode])), "b_only": sorted(set(found_b[mode]) - set(found_a[mode]))}
        for mode in FOUND_MODES
    }
    return {
        "mode": a["mode"],
        "pair_mode": "overlap" if a["mode"] == "cluster" else a["mode"],  # the mode whose difference the page shows
        "systems": {"a": dict(a, name=names[0]), "b": dict(b, name=names[1])},
        "found_by_one_only": difference,
    }
