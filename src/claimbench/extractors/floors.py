"""Trivial reference systems ("floors"): every score on the leaderboard has something to beat.

Both use only :mod:`claimbench.dataset.segment` (the scorer's own sentence splitter) and predict no parts.

- ``sentences``: every sentence of the article is a claim. It finds almost every claim with some
  overlap, so a claim mode that it wins rewards length, not locating claims.
- ``lead``: the first three sentences of the article (lead-3, the classic summarisation floor).
"""

from __future__ import annotations

from pathlib import Path

from claimbench.dataset import segment
from claimbench.dataset.segment import sentences
from claimbench.extractors.base import Extractor, ExtractorInput
from claimbench.scoring.submission import PredictedClaim

LEAD_SENTENCES = 3


def _claims(document: ExtractorInput, spans: list[tuple[int, int]]) -> list[PredictedClaim]:
    return [PredictedClaim(doc_id=document.doc_id, text=document.text[s:e], start=s, end=e) for s, e in spans]


class SentenceFloor(Extractor):
    """Floor: every sentence is a claim, no parts."""

    name = "sentences"

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        return _claims(document, sentences(document.text))

    def description(self) -> str:
        return "Floor: every sentence of the article as a claim (the scorer's sentence splitter), no parts"

    def exposure(self) -> str:
        return "nothing: no training, no rules beyond sentence splitting"

    def input_files(self) -> list[Path]:
        return [Path(__file__), Path(segment.__file__)]


class LeadFloor(SentenceFloor):
    """Floor: the first three sentences of the article are claims, no parts."""

    name = "lead"

    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        return _claims(document, sentences(document.text)[:LEAD_SENTENCES])

    def description(self) -> str:
        return f"Floor: the first {LEAD_SENTENCES} sentences of the article as claims (lead-{LEAD_SENTENCES}), no parts"
