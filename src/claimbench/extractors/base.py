"""The extractor interface: a document in, predicted claims (the submission format) out.

An extractor never sees gold annotations of the document it predicts: :func:`claimbench.extractors.runner.run`
hands ``extract`` only an :class:`ExtractorInput` (text and metadata), and an extractor that learns
from gold data (``trains_on_gold``) is fitted on the other documents only (leave-one-article-out).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimbench.dataset.model import Corpus, Document
from claimbench.scoring.submission import PredictedClaim


class ExtractorError(RuntimeError):
    """An extractor cannot run (missing optional package, cache miss offline, endpoint down): one line for the user."""


@dataclass(frozen=True)
class ExtractorInput:
    """What an extractor may read about a document: its text and publication metadata, no gold."""

    doc_id: str
    text: str
    dct: str  # document creation time (YYYY-MM-DD), the anchor for relative dates
    title: str | None = None

    @classmethod
    def of(cls, document: Document) -> ExtractorInput:
        return cls(doc_id=document.doc_id, text=document.text, dct=document.dct, title=document.title)


@dataclass(frozen=True)
class ExtractionTask:
    """One document to predict and, for an extractor that learns from gold, the gold of the OTHER
    documents (the runner builds it without the predicted one: leave-one-article-out)."""

    document: ExtractorInput
    training: Corpus | None = None


class Extractor(ABC):
    """A claim extractor. Subclasses set ``name`` and implement :meth:`extract`; both ``name`` and
    ``trains_on_gold`` may be set per instance (e.g. one LLM extractor class, several configured runs)."""

    name: str
    trains_on_gold: bool = False  # True: the runner hands over the other documents' gold for each document

    def fit(self, training: Corpus) -> None:
        """Learn from gold documents that exclude the one to be predicted (only if ``trains_on_gold``)."""
        raise NotImplementedError(f"{self.name} does not train")

    @abstractmethod
    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        """Predicted claims of one document, with offsets into ``document.text``."""

    def extract_all(self, tasks: Iterable[ExtractionTask]) -> Iterator[list[PredictedClaim]]:
        """Predictions per task, in task order. By default one document at a time (fit on its training
        corpus, then extract); an extractor that works on many documents at once (concurrent requests)
        overrides this."""
        for task in tasks:
            if task.training is not None:
                self.fit(task.training)
            yield self.extract(task.document)

    def describe(self) -> dict[str, str]:
        """Facts about this run for the leaderboard (e.g. model, resources); no timestamps."""
        return {}

    def description(self) -> str:
        """What the system is, in plain words, for the leaderboard (e.g. "LLM: SmolLM2 135M ...");
        by default the first line of the class docstring."""
        return (type(self).__doc__ or self.name).strip().splitlines()[0]

    def exposure(self) -> str:
        """What the system saw of the benchmark (trained on its gold, rules written with the guideline, ...)."""
        return "not stated"

    def input_files(self) -> list[Path]:
        """Files (or folders) whose content determines the output; hashed into the run's facts."""
        return [Path(__import__(type(self).__module__, fromlist=["_"]).__file__ or "")]
