"""Run an extractor over a corpus, leave-one-article-out when it trains on gold data."""

from __future__ import annotations

from collections.abc import Callable

from claimbench.extractors.base import Extractor, ExtractorInput
from claimbench.model import Corpus
from claimbench.submission import PredictedClaim


def held_out(corpus: Corpus, doc_id: str) -> Corpus:
    """The corpus without one document and its claims (the training set for predicting it)."""
    return Corpus(
        documents=tuple(d for d in corpus.documents if d.doc_id != doc_id),
        claims=tuple(c for c in corpus.claims if c.doc_id != doc_id),
        version=corpus.version,
    )


def run(
    extractor: Extractor, corpus: Corpus, on_document: Callable[[str], None] = lambda doc_id: None
) -> list[PredictedClaim]:
    """Every document's predictions, in document order; ``on_document`` reports progress."""
    predictions: list[PredictedClaim] = []
    for document in corpus.documents:
        if extractor.trains_on_gold:
            extractor.fit(held_out(corpus, document.doc_id))
        for claim in extractor.extract(ExtractorInput.of(document)):
            if claim.doc_id != document.doc_id:
                raise ValueError(f"{extractor.name}: predicted doc_id {claim.doc_id!r} while extracting {document.doc_id!r}")
            predictions.append(claim)
        on_document(document.doc_id)
    return predictions
