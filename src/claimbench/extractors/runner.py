"""Run an extractor over a corpus, leave-one-article-out when it trains on gold data."""

from __future__ import annotations

from collections.abc import Callable

from claimbench.dataset.model import Corpus
from claimbench.extractors.base import ExtractionTask, Extractor, ExtractorInput
from claimbench.scoring.submission import PredictedClaim


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
    """Every document's predictions, in document order; ``on_document`` reports progress.

    An extractor that learns from gold gets, with each document, the corpus without that document."""
    tasks = (
        ExtractionTask(ExtractorInput.of(document), held_out(corpus, document.doc_id) if extractor.trains_on_gold else None)
        for document in corpus.documents
    )
    predictions: list[PredictedClaim] = []
    for document, claims in zip(corpus.documents, extractor.extract_all(tasks), strict=True):
        for claim in claims:
            if claim.doc_id != document.doc_id:
                raise ValueError(f"{extractor.name}: predicted doc_id {claim.doc_id!r} while extracting {document.doc_id!r}")
            predictions.append(claim)
        on_document(document.doc_id)
    return predictions
