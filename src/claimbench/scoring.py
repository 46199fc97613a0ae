"""Score predicted claims against the gold: per document, per part, per mode (pure; no file access).

Matching modes (documented in the README, "Scoring"):

claims
  strict   same span (start and end)
  overlap  at least one shared character; the matching prefers larger intersection-over-union
  text     token-set Dice similarity >= ``text_threshold`` between the predicted text or
           normalized sentence and the gold normalized sentence or span text; no location needed
  cluster  unit = a gold cluster within one document; found when any of its mentions is matched
           in overlap mode; false positives = predictions unmatched in overlap mode
entities   strict (span + type), exact (span), type (overlap + type, nervaluate's "type"),
           canonical (set of canonical names per document)
quantities strict (span), overlap, value (overlap + value and value_max within ``value_tolerance``),
           full (value + unit + qualifier)
dates      strict (span), relaxed (overlap, TempEval-3), value (relaxed + TIMEX3 value)
attributions source (source span overlap), cue (cue span overlap), full (both),
           canonical (set of source canonical names per document)
every part in_claims: element level, anchored in claims: the parts of each pair of claims matched
           in claims/overlap are compared pairwise (entities by type, quantities by value, dates by
           value, attributions by full); parts of unmatched gold claims are false negatives, parts of
           unmatched predicted claims false positives

Part items are sets per document: identical items (one entity mention inside two overlapping
claims) count once on either side. Identical predicted claims count once; the copies are false
positives in every claim mode.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from claimbench.defaults import DEFAULT_TEXT_THRESHOLD
from claimbench.locate import Locator
from claimbench.matching import match, span_iou
from claimbench.metrics import Counts
from claimbench.model import Claim, Corpus
from claimbench.submission import PredictedClaim

PART_MODES: dict[str, tuple[str, ...]] = {
    "claims": ("strict", "overlap", "text", "cluster"),
    "entities": ("strict", "exact", "type", "canonical", "in_claims"),
    "quantities": ("strict", "overlap", "value", "full", "in_claims"),
    "dates": ("strict", "relaxed", "value", "in_claims"),
    "attributions": ("source", "cue", "full", "canonical", "in_claims"),
}
VALUE_PARTS = ("quantities", "dates")


@dataclass(frozen=True)
class ScoringConfig:
    text_threshold: float = DEFAULT_TEXT_THRESHOLD
    value_tolerance: float = 1e-6  # relative: |pred - gold| <= tol * max(1, |gold|)

    def __post_init__(self) -> None:
        if not 0 < self.text_threshold <= 1:
            raise ValueError(f"text_threshold must be in (0, 1], got {self.text_threshold}")
        if not self.value_tolerance >= 0:
            raise ValueError(f"value_tolerance must be >= 0, got {self.value_tolerance}")


@dataclass
class DocumentScore:
    """Counts of one document, the gold claims it found, and value-accuracy counts."""

    counts: dict[str, dict[str, Counts]]
    found_claims: dict[str, list[str]]  # claim mode -> ids of gold claims matched
    value_pairs: dict[str, tuple[int, int]]  # part -> (pairs with correct value, matched pairs)
    unlocated: list[int] = field(default_factory=list)  # submission lines of claims not found in the text
    duplicates: list[int] = field(default_factory=list)  # submission lines of duplicated claims


_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> frozenset[str]:
    return frozenset(_TOKEN.findall(text.lower())) if text else frozenset()


def _text_similarity(gold: Sequence[Claim], predicted: Sequence[PredictedClaim]) -> np.ndarray:
    """Best token-set Dice of (pred text | pred normalized) against (gold normalized | gold text)."""
    gold_sets = [tokens(c.normalized) for c in gold] + [tokens(c.text) for c in gold]
    pred_sets = [tokens(c.text) for c in predicted] + [tokens(c.normalized) for c in predicted]
    vocabulary = {token: index for index, token in enumerate(sorted(set().union(*gold_sets, *pred_sets)))}

    def matrix(sets: list[frozenset[str]]) -> np.ndarray:
        out = np.zeros((len(sets), len(vocabulary)))
        for row, items in enumerate(sets):
            out[row, [vocabulary[t] for t in items]] = 1.0
        return out

    g, p = matrix(gold_sets), matrix(pred_sets)
    shared = g @ p.T
    sizes = g.sum(axis=1)[:, None] + p.sum(axis=1)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(sizes > 0, 2 * shared / np.maximum(sizes, 1), 0.0)
    n, m = len(gold), len(predicted)
    return np.maximum.reduce([dice[:n, :m], dice[:n, m:], dice[n:, :m], dice[n:, m:]]) if n and m else np.zeros((n, m))


@dataclass(frozen=True)
class _Item:
    """A gold or predicted item prepared for matching.

    ``slots`` holds, per span slot (one for most parts; source and cue for attributions), the
    candidate spans: exactly one for gold, zero or more for a prediction without offsets.
    """

    slots: tuple[tuple[tuple[int, int], ...], ...]
    attrs: tuple[Any, ...]
    key: tuple[Any, ...]  # canonical sort key, also the identity for de-duplication


def _flatten(items: Sequence[_Item], slot: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    owners = [index for index, item in enumerate(items) for _ in item.slots[slot]]
    spans = [span for item in items for span in item.slots[slot]]
    bounds = np.array(spans, dtype=np.int64).reshape(len(spans), 2)
    return np.array(owners, dtype=np.int64), bounds[:, 0], bounds[:, 1]


def _span_weights(gold: Sequence[_Item], pred: Sequence[_Item], exact: bool, slot: int = 0) -> np.ndarray:
    """Gold × predicted weights from spans (1/0 when exact, else IoU), best candidate span each."""
    weights = np.zeros((len(gold), len(pred)))
    g_owner, g_start, g_end = _flatten(gold, slot)
    p_owner, p_start, p_end = _flatten(pred, slot)
    if not len(g_owner) or not len(p_owner):
        return weights
    if exact:
        scores = ((g_start[:, None] == p_start[None, :]) & (g_end[:, None] == p_end[None, :])).astype(float)
    else:
        scores = span_iou(g_start, g_end, p_start, p_end)
    np.maximum.at(weights, (g_owner[:, None], p_owner[None, :]), scores)
    return weights


def _attr_mask(
    weights: np.ndarray,
    gold: Sequence[_Item],
    pred: Sequence[_Item],
    test: Callable[[tuple[Any, ...], tuple[Any, ...]], bool],
) -> np.ndarray:
    """``weights`` kept where the attribute test passes (tested only where the spans matched)."""
    out = np.zeros_like(weights)
    for g, p in zip(*np.nonzero(weights)):
        if test(gold[g].attrs, pred[p].attrs):
            out[g, p] = weights[g, p]
    return out


def _count(weights: np.ndarray) -> tuple[Counts, list[tuple[int, int]]]:
    pairs = match(weights)
    n_gold, n_pred = weights.shape
    return Counts(tp=len(pairs), fp=n_pred - len(pairs), fn=n_gold - len(pairs)), pairs


def _set_counts(gold: set[Any], pred: set[Any]) -> Counts:
    return Counts(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))


def _close(gold: float | None, pred: float | None, tolerance: float) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return abs(pred - gold) <= tolerance * max(1.0, abs(gold))


# --- items -----------------------------------------------------------------------------------


def _gold_parts(claims: Sequence[Claim], part: str) -> list[_Item]:
    items: dict[tuple[Any, ...], _Item] = {}
    for claim in claims:
        for p in getattr(claim, part):
            if part == "entities":
                item = _Item((((p.start, p.end),),), (p.type, p.canonical), (p.start, p.end, p.type, p.canonical))
            elif part == "quantities":
                attrs = (p.value, p.value_max, p.unit, p.qualifier)
                item = _Item((((p.start, p.end),),), attrs, (p.start, p.end, *map(str, attrs)))
            elif part == "dates":
                item = _Item((((p.start, p.end),),), (p.value, p.type, p.mod), (p.start, p.end, p.value, p.type, str(p.mod)))
            else:
                source, cue = (p.source_start, p.source_end), (p.cue_start, p.cue_end)
                item = _Item(((source,), (cue,)), (p.source_canonical,), (*source, *cue, str(p.source_canonical)))
            items.setdefault(item.key, item)
    return [items[key] for key in sorted(items)]


def _locate_part(
    locator: Locator, text: str | None, start: int | None, end: int | None, within: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Candidate spans of a predicted part: its offsets, else its text inside its claim, else anywhere."""
    if text is None:
        return ()
    if start is not None and end is not None:
        return ((start, end),)
    inside = sorted({span for region in within for span in locator.find(text, region)})
    return tuple(inside or locator.find(text))


def _pred_parts(
    claims: Sequence[tuple[PredictedClaim, tuple[tuple[int, int], ...]]], part: str, locator: Locator
) -> list[_Item]:
    items: dict[tuple[Any, ...], _Item] = {}
    for claim, claim_spans in claims:
        for p in getattr(claim, part):
            if part == "attributions":
                source = _locate_part(locator, p.source_text, p.source_start, p.source_end, claim_spans)
                cue = _locate_part(locator, p.cue_text, p.cue_start, p.cue_end, claim_spans)
                spans: tuple[Any, ...] = (source, cue)
                attrs: tuple[Any, ...] = (p.source_canonical,)
            else:
                spans = (_locate_part(locator, p.text, p.start, p.end, claim_spans),)
                if part == "entities":
                    attrs = (p.type, p.canonical)
                elif part == "quantities":
                    attrs = (p.value, p.value_max, p.unit, p.qualifier)
                else:
                    attrs = (p.value, p.type, p.mod)
            key = (repr(spans), repr(attrs))
            items.setdefault(key, _Item(spans, attrs, key))
    return [items[key] for key in sorted(items)]


def _part_weights(part: str, mode: str, gold: Sequence[_Item], pred: Sequence[_Item], config: ScoringConfig) -> np.ndarray:
    tol = config.value_tolerance

    def same_type(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return bool(g[0] == p[0])

    def same_value(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return _close(g[0], p[0], tol) and _close(g[1], p[1], tol)

    def same_full(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return same_value(g, p) and g[2] == p[2] and g[3] == p[3]

    if part == "entities":
        if mode == "strict":
            return _attr_mask(_span_weights(gold, pred, exact=True), gold, pred, same_type)
        if mode == "exact":
            return _span_weights(gold, pred, exact=True)
        return _attr_mask(_span_weights(gold, pred, exact=False), gold, pred, same_type)
    if part == "quantities":
        if mode == "strict":
            return _span_weights(gold, pred, exact=True)
        overlap = _span_weights(gold, pred, exact=False)
        if mode == "overlap":
            return overlap
        return _attr_mask(overlap, gold, pred, same_value if mode == "value" else same_full)
    if part == "dates":
        if mode == "strict":
            return _span_weights(gold, pred, exact=True)
        relaxed = _span_weights(gold, pred, exact=False)
        return relaxed if mode == "relaxed" else _attr_mask(relaxed, gold, pred, same_type)
    source = _span_weights(gold, pred, exact=False, slot=0)
    if mode == "source":
        return source
    cue = _span_weights(gold, pred, exact=False, slot=1)
    if mode == "cue":
        return cue
    return np.where((source > 0) & (cue > 0), (source + cue) / 2, 0.0)


IN_CLAIMS_MODE = {"entities": "type", "quantities": "value", "dates": "value", "attributions": "full"}
SPAN_PART_MODES = {
    "entities": ("strict", "exact", "type"),
    "quantities": ("strict", "overlap", "value", "full"),
    "dates": ("strict", "relaxed", "value"),
    "attributions": ("source", "cue", "full"),
}


# --- claims ----------------------------------------------------------------------------------


def _claim_key(claim: PredictedClaim) -> tuple[Any, ...]:
    return (claim.text, -1 if claim.start is None else claim.start, -1 if claim.end is None else claim.end,
            claim.normalized or "")  # fmt: skip


def score_document(
    text: str, gold_claims: Sequence[Claim], predicted: Sequence[PredictedClaim], config: ScoringConfig
) -> DocumentScore:
    """Counts for every part and mode of one document."""
    locator = Locator(text)
    gold = sorted(gold_claims, key=lambda c: (c.start, c.end, c.claim_id))
    ordered = sorted(predicted, key=lambda c: (_claim_key(c), c.line))
    unique: list[PredictedClaim] = []
    duplicates: list[int] = []
    seen: set[tuple[Any, ...]] = set()
    for claim in ordered:
        key = _claim_key(claim)
        if key in seen:
            duplicates.append(claim.line)
        else:
            seen.add(key)
            unique.append(claim)

    located: list[tuple[PredictedClaim, tuple[tuple[int, int], ...]]] = []
    unlocated = []
    for claim in unique:
        spans = _locate_part(locator, claim.text, claim.start, claim.end, ())
        located.append((claim, spans))
        if not spans:
            unlocated.append(claim.line)

    counts: dict[str, dict[str, Counts]] = {part: {} for part in PART_MODES}
    found: dict[str, list[str]] = {}
    extra = len(duplicates)

    gold_items = [_Item((((c.start, c.end),),), (), (c.start, c.end, c.claim_id)) for c in gold]
    pred_items = [_Item((spans,), (), _claim_key(c)) for c, spans in located]
    overlap_pairs: list[tuple[int, int]] = []
    for mode in ("strict", "overlap"):
        result, pairs = _count(_span_weights(gold_items, pred_items, exact=mode == "strict"))
        counts["claims"][mode] = result + Counts(fp=extra)
        found[mode] = sorted(gold[g].claim_id for g, _ in pairs)
        if mode == "overlap":
            overlap_pairs = pairs

    similarity = _text_similarity(gold, unique)
    similarity[similarity < config.text_threshold] = 0.0
    result, pairs = _count(similarity)
    counts["claims"]["text"] = result + Counts(fp=extra)
    found["text"] = sorted(gold[g].claim_id for g, _ in pairs)

    clusters = sorted({c.cluster_id for c in gold})
    hit_clusters = {gold[g].cluster_id for g, _ in overlap_pairs}
    counts["claims"]["cluster"] = Counts(
        tp=len(hit_clusters), fn=len(clusters) - len(hit_clusters), fp=len(unique) - len(overlap_pairs) + extra
    )

    value_pairs: dict[str, tuple[int, int]] = {}
    for part in ("entities", "quantities", "dates", "attributions"):
        g_items = _gold_parts(gold, part)
        p_items = _pred_parts(located, part, locator)
        weights, pairs_by_mode = {}, {}
        for mode in SPAN_PART_MODES[part]:
            weights[mode] = _part_weights(part, mode, g_items, p_items, config)
            counts[part][mode], pairs_by_mode[mode] = _count(weights[mode])
        if part in VALUE_PARTS:
            span_pairs = pairs_by_mode["overlap" if part == "quantities" else "relaxed"]
            value_pairs[part] = (sum(1 for g, p in span_pairs if weights["value"][g, p] > 0), len(span_pairs))
        if part in ("entities", "attributions"):
            index = 1 if part == "entities" else 0
            counts[part]["canonical"] = _set_counts(
                {i.attrs[index] for i in g_items if i.attrs[index]}, {i.attrs[index] for i in p_items if i.attrs[index]}
            )
        inner = Counts()
        for g, p in overlap_pairs:
            g_in = _gold_parts([gold[g]], part)
            p_in = _pred_parts([located[p]], part, locator)
            inner = inner + _count(_part_weights(part, IN_CLAIMS_MODE[part], g_in, p_in, config))[0]
        matched_gold = {g for g, _ in overlap_pairs}
        matched_pred = {p for _, p in overlap_pairs}
        for g, claim in enumerate(gold):
            if g not in matched_gold:
                inner = inner + Counts(fn=len(_gold_parts([claim], part)))
        for p, pair in enumerate(located):
            if p not in matched_pred:
                inner = inner + Counts(fp=len(_pred_parts([pair], part, locator)))
        counts[part]["in_claims"] = inner

    return DocumentScore(counts=counts, found_claims=found, value_pairs=value_pairs, unlocated=unlocated, duplicates=duplicates)


def group_predictions(predictions: Sequence[PredictedClaim]) -> dict[str, list[PredictedClaim]]:
    grouped: dict[str, list[PredictedClaim]] = defaultdict(list)
    for claim in predictions:
        grouped[claim.doc_id].append(claim)
    return grouped


def score_documents(corpus: Corpus, predictions: Sequence[PredictedClaim], config: ScoringConfig) -> dict[str, DocumentScore]:
    """Per-document scores for every gold document (a document with no predictions scores 0 recall)."""
    grouped = group_predictions(predictions)
    unknown = sorted(set(grouped) - {d.doc_id for d in corpus.documents})
    if unknown:
        raise ValueError(f"predictions for unknown doc_id {unknown[0]!r}")
    gold_by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        gold_by_doc[claim.doc_id].append(claim)
    return {
        document.doc_id: score_document(document.text, gold_by_doc[document.doc_id], grouped.get(document.doc_id, []), config)
        for document in corpus.documents
    }
