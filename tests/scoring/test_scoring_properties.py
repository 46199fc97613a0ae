"""Property tests (hypothesis) and cross-checks against nervaluate and scikit-learn."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator
from sklearn.metrics import precision_recall_fscore_support
from toy import document, toy_corpus

from claimbench.dataset.gold import load_gold
from claimbench.dataset.model import Claim, Corpus, Entity
from claimbench.scoring.metrics import Counts
from claimbench.scoring.modes import PART_MODES, ScoringConfig
from claimbench.scoring.report import score
from claimbench.scoring.submission import PredictedClaim, PredictedEntity, predictions_from_corpus

GOLD = load_gold()
GOLD_PREDICTIONS = predictions_from_corpus(GOLD)


def all_totals(corpus: Corpus, predictions: list[PredictedClaim]) -> dict[tuple[str, str], Counts]:
    report = score(corpus, predictions, resamples=0)
    return {(part, mode): report.totals(part, mode) for part, modes in PART_MODES.items() for mode in modes}


def test_the_gold_as_submission_scores_one_everywhere() -> None:
    report = score(GOLD, GOLD_PREDICTIONS, resamples=50).to_dict()
    for part, modes in report["scores"].items():
        for mode, entry in modes.items():
            assert (entry["precision"], entry["recall"], entry["f1"]) == (1.0, 1.0, 1.0), (part, mode)
            assert entry["macro"]["f1"] == 1.0
    assert report["warnings"] == []


def test_an_empty_submission_has_recall_zero() -> None:
    report = score(GOLD, [], resamples=0).to_dict()
    for modes in report["scores"].values():
        for entry in modes.values():
            assert entry["recall"] == 0.0 and entry["tp"] == 0
    assert any("no predictions" in w for w in report["warnings"])


subsets = st.lists(st.integers(min_value=0, max_value=len(GOLD_PREDICTIONS) - 1), max_size=40)


@settings(max_examples=25, deadline=None)
@given(subsets, st.randoms(use_true_random=False))
def test_permuting_lines_changes_nothing(indices: list[int], rng: random.Random) -> None:
    chosen = [GOLD_PREDICTIONS[i] for i in indices]
    shuffled = chosen[:]
    rng.shuffle(shuffled)
    assert all_totals(GOLD, chosen) == all_totals(GOLD, shuffled)


@settings(max_examples=15, deadline=None)
@given(subsets, st.sets(st.sampled_from([d.doc_id for d in GOLD.documents])))
def test_scores_of_shards_add_up_to_the_whole(indices: list[int], shard_docs: set[str]) -> None:
    chosen = [GOLD_PREDICTIONS[i] for i in indices]

    def shard(doc_ids: set[str]) -> dict[tuple[str, str], Counts]:
        corpus = Corpus(
            documents=tuple(d for d in GOLD.documents if d.doc_id in doc_ids),
            claims=tuple(c for c in GOLD.claims if c.doc_id in doc_ids),
            version=GOLD.version,
        )
        return all_totals(corpus, [p for p in chosen if p.doc_id in doc_ids])

    other = {d.doc_id for d in GOLD.documents} - shard_docs
    first, second, whole = shard(shard_docs), shard(other), all_totals(GOLD, chosen)
    assert {key: first[key] + second[key] for key in whole} == whole


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.integers(0, 2), st.sampled_from(["PER", "ORG"]),
                          st.sampled_from(["PER", "ORG"])), min_size=1, max_size=12))  # fmt: skip
def test_entity_strict_and_type_agree_with_nervaluate(slots: list[tuple[bool, bool, int, str, str]]) -> None:
    """Entities in separate 10-character slots (each prediction overlaps at most one gold entity)."""
    text = "x" * (10 * len(slots))
    gold_entities, pred_entities = [], []
    for index, (has_gold, has_pred, shift, gold_type, pred_type) in enumerate(slots):
        base = index * 10
        if has_gold:
            gold_entities.append(Entity(text[base + 2 : base + 6], base + 2, base + 6, gold_type, "x"))
        if has_pred:
            start = base + shift + 1
            pred_entities.append(PredictedEntity(text[start : start + 4], start, start + 4, pred_type))
    corpus = Corpus(
        documents=(document("903", text),),
        claims=(Claim("903-01", "903", 0, len(text), text, "x.", "asserted", "positive", "c", entities=tuple(gold_entities)),),
        version="toy",
    )
    prediction = PredictedClaim("903", text, 0, len(text), entities=tuple(pred_entities), line=1)
    report = score(corpus, [prediction], resamples=0)
    results = Evaluator(
        [[{"label": e.type, "start": e.start, "end": e.end - 1} for e in gold_entities]],
        [[{"label": e.type, "start": e.start, "end": e.end - 1} for e in pred_entities]],  # type: ignore[operator]
        tags=["PER", "ORG"],
        loader="dict",
    ).evaluate()["overall"]
    for ours, theirs in (("strict", "strict"), ("type", "ent_type")):
        counts = report.totals("entities", ours)
        assert counts.tp == results[theirs].correct
        if results[theirs].actual:
            assert abs(counts.precision - results[theirs].precision) < 1e-12
        if results[theirs].possible:
            assert abs(counts.recall - results[theirs].recall) < 1e-12


@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=len(GOLD_PREDICTIONS), max_size=len(GOLD_PREDICTIONS)), st.randoms(use_true_random=False))
def test_strict_claims_agree_with_scikit_learn(keep: list[bool], rng: random.Random) -> None:
    """Candidates = gold spans plus spans no gold claim has; strict mode is then binary classification."""
    decoys = [PredictedClaim(c.doc_id, c.text[:-1], c.start, c.end - 1, line=0) for c in GOLD_PREDICTIONS if c.end - c.start > 3]
    candidates = GOLD_PREDICTIONS + decoys
    y_true = [1] * len(GOLD_PREDICTIONS) + [0] * len(decoys)
    y_pred = [int(k) for k in keep] + [rng.randint(0, 1) for _ in decoys]
    chosen = [c for c, flag in zip(candidates, y_pred) if flag]
    # binary classification knows no optional items: every gold claim is required here
    counts = score(GOLD, chosen, ScoringConfig(optional="required"), resamples=0).totals("claims", "strict")
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)
    if any(y_pred):
        assert abs(counts.precision - p) < 1e-12 and abs(counts.f1 - f) < 1e-12
    assert abs(counts.recall - r) < 1e-12


def test_toy_corpus_is_scored_deterministically() -> None:
    corpus = toy_corpus()
    predictions = predictions_from_corpus(corpus)[:3]
    assert score(corpus, predictions, resamples=200, seed=7).to_dict() == score(corpus, predictions, resamples=200, seed=7).to_dict()
