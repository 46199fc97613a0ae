"""Baseline extractors, created by name (imported lazily: each may need optional packages)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from claimbench.extractors.base import ExtractionTask, Extractor, ExtractorError, ExtractorInput

# name -> "module:class"
EXTRACTORS = {
    "rules": "claimbench.extractors.rules:RuleExtractor",
    "spacy": "claimbench.extractors.spacy_trained:SpacyExtractor",
    "llm": "claimbench.extractors.llm:LLMExtractor",
    "sentences": "claimbench.extractors.floors:SentenceFloor",
    "lead": "claimbench.extractors.floors:LeadFloor",
}
FLOORS = ("sentences", "lead")  # trivial reference systems, marked as floors on the leaderboard


def create(name: str, /, **options: Any) -> Extractor:
    """An extractor by name; ``options`` go to its constructor (e.g. ``base_url`` for ``llm``)."""
    if name not in EXTRACTORS:
        raise KeyError(f"unknown extractor {name!r} (expected one of {', '.join(EXTRACTORS)})")
    module_name, class_name = EXTRACTORS[name].split(":")
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("claimbench"):
            raise
        raise ExtractorError(f"extractor {name!r} needs the package {error.name!r}, which is not installed") from None
    extractor_class = getattr(module, class_name)
    return extractor_class(**options)


__all__ = ["EXTRACTORS", "FLOORS", "ExtractionTask", "Extractor", "ExtractorError", "ExtractorInput", "create"]
