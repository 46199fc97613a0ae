"""Hand-computed toy cases for every mode, and regression tests for the known scorer traps."""

from __future__ import annotations

from toy import TEXT_A, document, predicted, span, toy_corpus

from claimbench.dataset.model import Claim, Corpus
from claimbench.scoring.metrics import Counts
from claimbench.scoring.modes import ScoringConfig
from claimbench.scoring.report import score
from claimbench.scoring.submission import PredictedAttribution, PredictedDate, PredictedEntity, PredictedQuantity


def totals(corpus: Corpus, predictions: list, part: str, mode: str, **config: float) -> Counts:  # type: ignore[type-arg]
    return score(corpus, predictions, ScoringConfig(**config), resamples=0).totals(part, mode)


def offsets(text: str, needle: str) -> dict[str, int]:
    start, end = span(text, needle)
    return {"start": start, "end": end}


def test_claim_modes_by_hand() -> None:
    corpus = toy_corpus()
    predictions = [
        predicted("900", "Putin lobt Kim", 1),  # exact: 900-01
        predicted("900", "Nordkorea mehr als 10.000 Soldaten", 2),  # inside 900-02
        predicted("900", "Kim. Laut", 3),  # overlaps 900-01 only
    ]
    assert totals(corpus, predictions, "claims", "strict") == Counts(tp=1, fp=2, fn=4)
    assert totals(corpus, predictions, "claims", "overlap") == Counts(tp=2, fp=1, fn=3)
    # clusters per document: 900 {praise, sent, war} → praise, sent found; 901 {praise, poll} → none
    assert totals(corpus, predictions, "claims", "cluster") == Counts(tp=2, fp=1, fn=3)


def test_text_mode_matches_paraphrases_that_cannot_be_located() -> None:
    corpus = toy_corpus()
    # tokens vs gold normalized "entsandte Nordkorea mehr als 10.000 Soldaten im April.": Dice 10/15
    paraphrase = predicted("900", "Nordkorea entsandte über 10.000 Soldaten", 1)
    report = score(corpus, [paraphrase], resamples=0)
    assert report.totals("claims", "text") == Counts(tp=1, fp=0, fn=4)
    assert report.totals("claims", "overlap") == Counts(tp=0, fp=1, fn=5)
    assert any("not found in the document" in w and "lines 1" in w for w in report.warnings)
    assert totals(corpus, [paraphrase], "claims", "text", text_threshold=0.7) == Counts(tp=0, fp=1, fn=5)


def test_touching_spans_do_not_overlap() -> None:
    corpus = toy_corpus()
    start = TEXT_A.index("Der Krieg")
    touching = predicted("900", TEXT_A[start - 2 : start], 1, start=start - 2, end=start)
    assert totals(corpus, [touching], "claims", "overlap") == Counts(tp=0, fp=1, fn=5)


def test_one_gold_claim_is_never_matched_twice() -> None:
    corpus = toy_corpus()
    twice = [predicted("900", "Putin lobt", 1), predicted("900", "lobt Kim", 2)]
    assert totals(corpus, twice, "claims", "overlap") == Counts(tp=1, fp=1, fn=4)


def test_duplicates_count_once_and_warn() -> None:
    corpus = toy_corpus()
    report = score(corpus, [predicted("900", "Putin lobt Kim", 1), predicted("900", "Putin lobt Kim", 2)], resamples=0)
    for mode in ("strict", "overlap", "text", "cluster"):
        assert report.totals("claims", mode).tp == 1 and report.totals("claims", mode).fp == 1
    assert any("duplicated" in w and "lines 2" in w for w in report.warnings)


def test_matching_is_optimal_not_greedy_and_independent_of_order() -> None:
    text = "aaaa bbbb cccc dddd"
    gold = Corpus(
        documents=(document("902", text),),
        claims=(
            Claim("902-01", "902", 0, 9, "aaaa bbbb", "a b.", "asserted", "positive", "a"),
            Claim("902-02", "902", 10, 19, "cccc dddd", "c d.", "asserted", "positive", "c"),
        ),
        version="toy",
    )
    spanning = predicted("902", "bbbb cccc", 1)  # overlaps both, equally
    left = predicted("902", "aaaa", 2)  # overlaps only the first
    for order in ([spanning, left], [left, spanning]):
        assert totals(gold, order, "claims", "overlap") == Counts(tp=2, fp=0, fn=0)


def test_repeated_text_without_offsets_takes_the_best_occurrence() -> None:
    corpus = toy_corpus()
    # "Kim" occurs in 900-01 only once, but "Putin" in doc 901 occurs in 901-01; both docs fine.
    report = score(corpus, [predicted("901", "Putin", 1)], resamples=0)
    assert report.totals("claims", "overlap") == Counts(tp=1, fp=0, fn=4)


def test_part_modes_by_hand() -> None:
    corpus = toy_corpus()
    claim_text = "entsandte Nordkorea mehr als 10.000 Soldaten im April"
    prediction = predicted(
        "900", claim_text, 1, **offsets(TEXT_A, claim_text),
        entities=(PredictedEntity("Nordkorea", type="GPE", canonical="Nordkorea"), PredictedEntity("KCNA", type="PER")),
        quantities=(PredictedQuantity("mehr als 10.000", value=10000.000001, unit="persons", qualifier=">"),),
        dates=(PredictedDate("im April", value="2025-04", type="DATE"),),
        attributions=(PredictedAttribution("KCNA"),),
    )  # fmt: skip
    report = score(corpus, [prediction], resamples=0)
    assert report.totals("entities", "strict") == Counts(tp=1, fp=1, fn=4)  # 901 has two more
    assert report.totals("entities", "type") == Counts(tp=1, fp=1, fn=4)
    assert report.totals("entities", "canonical") == Counts(tp=1, fp=0, fn=4)
    assert report.totals("quantities", "strict") == Counts(tp=1, fp=0, fn=1)
    assert report.totals("quantities", "full") == Counts(tp=1, fp=0, fn=1)
    assert report.totals("dates", "strict") == Counts(tp=0, fp=1, fn=2)
    assert report.totals("dates", "relaxed") == Counts(tp=1, fp=0, fn=1)
    assert report.totals("dates", "value") == Counts(tp=1, fp=0, fn=1)
    assert report.totals("attributions", "source") == Counts(tp=1, fp=0, fn=0)
    assert report.totals("attributions", "cue") == Counts(tp=0, fp=1, fn=1)
    assert report.totals("attributions", "full") == Counts(tp=0, fp=1, fn=1)
    # in_claims: only 900-02 is matched; parts of the 4 unmatched gold claims are false negatives
    assert report.totals("entities", "in_claims") == Counts(tp=1, fp=1, fn=4)
    # TempEval-3's value F1 = span F1 (overlap: 2/3) x value accuracy (1/1)
    assert report.value_accuracy()["quantities"] == {"correct": 1, "matched": 1, "accuracy": 1.0, "te3_value_f1": 2 / 3}


def test_value_tolerance() -> None:
    corpus = toy_corpus()
    for value, expected in ((10000.0, 1), (10000.009, 1), (10001.0, 0), (1000.0, 0)):
        prediction = predicted("900", "mehr als 10.000", 1, quantities=(PredictedQuantity("mehr als 10.000", value=value),))
        assert totals(corpus, [prediction], "quantities", "value").tp == expected, value


def test_per_document_counts_add_up_to_the_totals() -> None:
    corpus = toy_corpus()
    report = score(corpus, [predicted("900", "Putin lobt Kim", 1), predicted("901", "Kim dankt", 2)], resamples=0)
    data = report.to_dict()
    for part, modes in data["scores"].items():
        for mode, entry in modes.items():
            for key in ("tp", "fp", "fn"):
                assert entry[key] == sum(doc[part][mode][key] for doc in data["per_document"].values())


def test_library_entry_point() -> None:
    import claimbench

    corpus = claimbench.load_gold()
    report = claimbench.score(corpus, [predicted(corpus.claims[0].doc_id, corpus.claims[0].text, 1)], resamples=0)
    assert report.totals("claims", "overlap").tp == 1
