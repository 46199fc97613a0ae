"""The extractor interface: a document in, predicted claims (the submission format) out.

An extractor never sees gold annotations of the document it predicts: :func:`claimbench.runner.run`
hands ``extract`` only an :class:`ExtractorInput` (text and metadata), and an extractor that learns
from gold data (``trains_on_gold``) is fitted on the other documents only (leave-one-article-out).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from claimbench.model import Corpus, Document
from claimbench.submission import PredictedClaim


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


class Extractor(ABC):
    """A claim extractor. Subclasses set ``name`` and implement :meth:`extract`."""

    name: ClassVar[str]
    trains_on_gold: ClassVar[bool] = False  # True: the runner calls fit() once per held-out document

    def fit(self, training: Corpus) -> None:
        """Learn from gold documents that exclude the one to be predicted (only if ``trains_on_gold``)."""
        raise NotImplementedError(f"{self.name} does not train")

    @abstractmethod
    def extract(self, document: ExtractorInput) -> list[PredictedClaim]:
        """Predicted claims of one document, with offsets into ``document.text``."""

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
