"""The span-quality claim modes (iou, proportional), the headline mode (full), unit attribution and
content tie-breaking, on the hand-made toy corpus (expected values computed by hand)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from toy import TEXT_A, predicted, span, toy_corpus

from claimbench.dataset.segment import sentences, word_tokens
from claimbench.scoring.modes import ScoringConfig, score_document
from claimbench.scoring.report import score, unit_starts

CORPUS = toy_corpus()
GOLD_A = [c for c in CORPUS.claims if c.doc_id == "900"]


def _claims(doc_predictions: list, config: ScoringConfig | None = None):  # type: ignore[no-untyped-def]
    return score_document(TEXT_A, GOLD_A, doc_predictions, config or ScoringConfig()).counts["claims"]


def test_word_tokens_ignore_punctuation() -> None:
    text = "„Mehr als 10.000“ – sagte Kim."
    assert [text[s:e] for s, e in word_tokens(text)] == ["Mehr", "als", "10", "000", "sagte", "Kim"]


def test_proportional_credit_is_token_dice() -> None:
    # gold "Putin lobt Kim" (3 tokens); prediction "Putin lobt Kim. Laut KCNA" (5 tokens): Dice = 2*3/8
    start, _ = span(TEXT_A, "Putin lobt Kim")
    _, end = span(TEXT_A, "Laut KCNA")
    counts = _claims([predicted("900", TEXT_A[start:end], start=start, end=end)])
    assert counts["proportional"].tp == pytest.approx(0.75)
    assert counts["proportional"].fp == pytest.approx(0.25) and counts["proportional"].fn == pytest.approx(2.25)
    assert counts["proportional"].precision == pytest.approx(0.75) and counts["proportional"].recall == pytest.approx(0.25)
    # token IoU 3/5 = 0.6: a match at the default threshold 0.5, none at 0.7
    assert counts["iou"].tp == 1
    assert _claims([predicted("900", TEXT_A[start:end], start=start, end=end)], ScoringConfig(iou_threshold=0.7))["iou"].tp == 0
    assert counts["overlap"].tp == 1 and counts["strict"].tp == 0


def test_full_credit_is_the_f1_of_the_parts() -> None:
    start, end = span(TEXT_A, "Putin lobt Kim")
    bare = predicted("900", "Putin lobt Kim", start=start, end=end)
    assert _claims([bare])["full"].tp == 0  # located, but both gold entities missed: credit 0
    one_entity = replace(bare, entities=(_entity("Putin", "PER"),))
    # parts: 1 tp, 0 fp, 1 fn -> F1 2/3
    assert _claims([one_entity])["full"].tp == pytest.approx(2 / 3)
    both = replace(bare, entities=(_entity("Putin", "PER"), _entity("Kim", "PER")))
    assert _claims([both])["full"].tp == 1
    no_parts_start, no_parts_end = span(TEXT_A, "Der Krieg dauert an")
    assert _claims([predicted("900", "Der Krieg dauert an", start=no_parts_start, end=no_parts_end)])["full"].tp == 1


def _entity(needle: str, kind: str):  # type: ignore[no-untyped-def]
    from claimbench.scoring.submission import PredictedEntity

    start, end = span(TEXT_A, needle)
    return PredictedEntity(text=needle, start=start, end=end, type=kind)


def test_every_outcome_lands_in_one_unit_and_units_add_up_to_the_totals() -> None:
    report = score(CORPUS, [predicted("900", "Putin lobt Kim"), predicted("901", "Kim dankt Putin. Rund 70 Prozent")], resamples=0)
    data = report.to_dict()
    assert data["units"] == {"kind": "sentence", "count": sum(len(sentences(d.text)) for d in CORPUS.documents)}
    for part, modes in data["per_unit"]["counts"].items():
        for mode, rows in modes.items():
            summed = [round(sum(row[i] for row in rows), 6) for i in range(3)]
            entry = data["scores"][part][mode]
            assert summed == [round(entry["tp"], 6), round(entry["fp"], 6), round(entry["fn"], 6)], (part, mode)


def test_unit_starts_cover_the_document() -> None:
    assert unit_starts(TEXT_A, "document") == [0]
    assert unit_starts(TEXT_A, "sentence") == [0, TEXT_A.index("Laut"), TEXT_A.index("Der Krieg")]


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(len(CORPUS.claims))))
def test_counts_do_not_depend_on_claim_ids(order: list[int]) -> None:
    """Two gold claims with the same span in different clusters: the chosen matching follows content."""
    twin = replace(CORPUS.claims[0], claim_id="900-09", cluster_id="twin", normalized="Putin lobt Kim sehr.")
    claims = [*CORPUS.claims, twin]
    ids = [c.claim_id for c in claims]
    shuffled = [f"{c.doc_id}-{90 + order[i % len(order)] if i < len(order) else 99}" for i, c in enumerate(claims)]
    relabelled = replace(CORPUS, claims=tuple(replace(c, claim_id=new) for c, new in zip(claims, shuffled)))
    predictions = [predicted("900", "Putin lobt Kim", line=1), predicted("900", "Der Krieg dauert an", line=2)]
    original = score(replace(CORPUS, claims=tuple(claims)), predictions, resamples=0).to_dict()["scores"]
    assert score(relabelled, predictions, resamples=0).to_dict()["scores"] == original
    assert len(set(ids)) == len(ids)


def test_optional_gold_items_count_neither_way_and_required_ones_match_first() -> None:
    """MUC-style optional items: matched -> no tp, no fp; missed -> no fn; --optional required restores them."""
    optional_claim = replace(GOLD_A[2], optional=True, optional_reason="§13.1: toy")  # "Der Krieg dauert an"
    gold = [GOLD_A[0], GOLD_A[1], optional_claim]
    start, end = span(TEXT_A, "Der Krieg dauert an")
    hit_optional = [predicted("900", "Der Krieg dauert an", start=start, end=end)]
    counts = score_document(TEXT_A, gold, hit_optional, ScoringConfig()).counts["claims"]["strict"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 0, 2)
    assert score_document(TEXT_A, gold, [], ScoringConfig()).counts["claims"]["strict"].fn == 2
    as_required = score_document(TEXT_A, gold, hit_optional, ScoringConfig(optional="required")).counts["claims"]["strict"]
    assert (as_required.tp, as_required.fp, as_required.fn) == (1, 0, 2)
    # a prediction overlapping a required and an optional claim goes to the required one
    both = replace(GOLD_A[0], entities=())
    twin_optional = replace(both, claim_id="900-09", optional=True, optional_reason="§13.1: toy", cluster_id="twin")
    located = [predicted("900", "Putin lobt Kim", start=both.start, end=both.end)]
    overlap = score_document(TEXT_A, [twin_optional, both], located, ScoringConfig()).counts["claims"]["overlap"]
    assert (overlap.tp, overlap.fp, overlap.fn) == (1, 0, 0)
