from __future__ import annotations

import random
from pathlib import Path

import pytest
from toy import toy_corpus

from claimbench.dataset.model import Corpus
from claimbench.extractors import EXTRACTORS, Extractor, ExtractorError, ExtractorInput, create
from claimbench.extractors.runner import held_out, run
from claimbench.files import submission_lines, write_submission
from claimbench.scoring.submission import PredictedClaim, parse_submission, predictions_from_corpus


class SpyExtractor(Extractor):
    """Records what it was trained on and predicts the first word of each document."""

    name = "spy"
    trains_on_gold = True

    def __init__(self) -> None:
        self.trained_on: list[tuple[set[str], set[str]]] = []  # (document ids, claim doc ids) per fit

    def fit(self, training: Corpus) -> None:
        self.trained_on.append(({d.doc_id for d in training.documents}, {c.doc_id for c in training.claims}))

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        word = document.text.split()[0]
        return [PredictedClaim(doc_id=document.doc_id, text=word, start=0, end=len(word))]


def test_a_training_extractor_never_sees_the_gold_of_the_document_it_predicts() -> None:
    corpus = toy_corpus()
    spy = SpyExtractor()
    seen: list[str] = []
    predictions = run(spy, corpus, seen.append)
    assert seen == ["900", "901"]
    assert spy.trained_on == [({"901"}, {"901"}), ({"900"}, {"900"})]
    assert [(p.doc_id, p.text) for p in predictions] == [("900", "Putin"), ("901", "Kim")]


def test_held_out_removes_the_document_and_its_claims_only() -> None:
    corpus = toy_corpus()
    rest = held_out(corpus, "900")
    assert [d.doc_id for d in rest.documents] == ["901"]
    assert [c.claim_id for c in rest.claims] == [c.claim_id for c in corpus.claims if c.doc_id == "901"]


def test_an_extractor_that_does_not_train_is_never_fitted() -> None:
    class Fixed(SpyExtractor):
        trains_on_gold = False

        def fit(self, training: Corpus) -> None:
            raise AssertionError("fit called")

    assert len(run(Fixed(), toy_corpus())) == 2


def test_a_prediction_for_another_document_is_refused() -> None:
    class Confused(SpyExtractor):
        def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
            return [PredictedClaim(doc_id="999", text="x")]

    with pytest.raises(ValueError, match="predicted doc_id '999' while extracting '900'"):
        run(Confused(), toy_corpus())


def test_unknown_extractor_names_are_refused_with_the_choices() -> None:
    with pytest.raises(KeyError, match="expected one of rules, spacy, llm"):
        create("nope")


def test_a_missing_optional_package_is_an_extractor_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EXTRACTORS, "needs_missing", "not_installed_package_xyz:Thing")
    with pytest.raises(ExtractorError, match="needs the package 'not_installed_package_xyz', which is not installed"):
        create("needs_missing")


def test_written_submissions_are_canonical_and_round_trip(tmp_path: Path) -> None:
    corpus = toy_corpus()
    claims = predictions_from_corpus(corpus)
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    write_submission(tmp_path / "a.jsonl", claims)
    write_submission(tmp_path / "b.jsonl", shuffled)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    documents = {d.doc_id: d.text for d in corpus.documents}
    parsed, warnings = parse_submission("a.jsonl", submission_lines(tmp_path / "a.jsonl"), documents)
    assert warnings == []
    strip = [(c.doc_id, c.text, c.start, c.end, c.normalized, c.entities, c.quantities, c.dates, c.attributions) for c in claims]
    assert sorted(strip) == sorted(
        (c.doc_id, c.text, c.start, c.end, c.normalized, c.entities, c.quantities, c.dates, c.attributions) for c in parsed
    )
