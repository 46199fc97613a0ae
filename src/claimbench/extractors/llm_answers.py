"""Reading a model's answers (pure): the JSON is trusted for nothing. Claim texts must be found in their
chunk, part texts in their claim (attribution sources and cues in the chunk), values must be in the
closed lists. Whatever fails is dropped or set to None and counted in :class:`LLMStats`; broken JSON
is counted, never raised.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from typing import Any, cast

from claimbench.dataset.model import ENTITY_TYPES, QUALIFIERS, UNITS
from claimbench.dataset.timex import TIMEX3_TYPES, timex3_error
from claimbench.extractors.base import ExtractorInput
from claimbench.extractors.llm_prompts import Chunk
from claimbench.scoring.locate import Locator
from claimbench.scoring.submission import (
    PredictedAttribution,
    PredictedClaim,
    PredictedDate,
    PredictedEntity,
    PredictedQuantity,
)

_CODE_FENCE = re.compile(r"\A\s*```(?:json)?\s*\n(.*)\n\s*```\s*\Z", re.DOTALL)
_TRAILING_PUNCTUATION = ".,;:!?"


@dataclass
class LLMStats:
    """What happened to the model's answers, summed over all documents of a run."""

    chunks: int = 0
    cache_hits: int = 0
    requests: int = 0
    truncated: int = 0  # finish_reason "length": the answer hit max_tokens
    broken_json: int = 0  # the answer is not JSON
    salvaged_claims: int = 0  # complete claims read from the start of an answer that is not JSON
    control_characters: int = 0  # JSON but for raw control characters inside strings: read anyway
    wrong_shape: int = 0  # JSON, but not an object with a "claims" array
    claims_returned: int = 0
    claims_kept: int = 0
    claims_malformed: int = 0  # not an object with a non-empty "text" string
    claims_not_found: int = 0  # text not in its chunk
    claims_duplicate: int = 0  # same span as an earlier claim of the document
    parts_malformed: int = 0
    parts_not_found: int = 0  # part text not in its claim (attribution: not in its chunk)
    invalid_values: int = 0  # value outside its closed list or grammar: set to None

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def summary(self) -> str:
        """One line for the CLI: every counter, in field order."""
        return ", ".join(f"{field.name.replace('_', ' ')} {getattr(self, field.name)}" for field in fields(self))


_CLAIMS_OPENING = re.compile(r'\s*\{\s*"claims"\s*:\s*\[')


def complete_claims(text: str) -> list[Any]:
    """The complete items at the start of a cut-off ``{"claims": [...`` answer ([] if it does not open so)."""
    opening = _CLAIMS_OPENING.match(text)
    if opening is None:
        return []
    decoder = json.JSONDecoder(strict=False)
    items: list[Any] = []
    position = opening.end()
    while True:
        position = len(text) - len(text[position:].lstrip())
        if items and text.startswith(",", position):
            position = len(text) - len(text[position + 1 :].lstrip())
        try:
            item, position = decoder.raw_decode(text, position)
        except ValueError:
            return items
        items.append(item)


def claim_items(content: str, stats: LLMStats) -> list[Any]:
    """The "claims" array of an answer. Broken JSON is counted and gives the complete claims it starts
    with (an answer cut off at max_tokens, typically while a small model repeats itself); another
    shape is counted and gives []."""
    fenced = _CODE_FENCE.match(content)  # servers without schema support often wrap JSON in a fence
    text = fenced.group(1) if fenced else content
    try:
        payload = json.loads(text)
    except ValueError:
        try:
            # llama-cpp-python's schema grammar (char ::= [^"\\] | ...) lets raw newlines into strings
            payload = json.loads(text, strict=False)
        except ValueError:
            stats.broken_json += 1
            salvaged = complete_claims(text)
            stats.salvaged_claims += len(salvaged)
            return salvaged
        stats.control_characters += 1
    if not isinstance(payload, dict) or not isinstance(payload.get("claims"), list):
        stats.wrong_shape += 1
        return []
    return cast(list[Any], payload["claims"])


def _text_field(item: dict[str, Any], name: str) -> str | None:
    value = item.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _choice(value: Any, allowed: tuple[str, ...], stats: LLMStats) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value in allowed:
        return value
    stats.invalid_values += 1
    return None


def _number(value: Any, stats: LLMStats) -> float | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    stats.invalid_values += 1
    return None


class ClaimBuilder:
    """Turns one chunk's claim items into predicted claims with offsets into the document."""

    def __init__(self, document: ExtractorInput, locator: Locator, stats: LLMStats) -> None:
        self.document = document
        self.locator = locator
        self.stats = stats
        self.seen_spans: set[tuple[int, int]] = set()

    def _span(
        self, text: str, within: tuple[int, int], taken: set[tuple[int, int]], near: int
    ) -> tuple[int, int] | None:
        """Where ``text`` occurs in ``within`` (exact, else whitespace/quote-normalised): the occurrence
        not yet taken by an earlier part, nearest to ``near``; None when it does not occur."""
        spans = self.locator.find(text, within)
        if not spans:
            return None
        free = [span for span in spans if span not in taken] or spans
        return min(free, key=lambda span: (abs(span[0] - near), span[0]))

    def build(self, chunk: Chunk, items: list[Any]) -> list[PredictedClaim]:
        claims = []
        for item in items:
            self.stats.claims_returned += 1
            claim = self._claim(chunk, item)
            if claim is not None:
                self.stats.claims_kept += 1
                claims.append(claim)
        return claims

    def _claim(self, chunk: Chunk, item: Any) -> PredictedClaim | None:
        text = _text_field(item, "text") if isinstance(item, dict) else None
        # a claim span never ends with sentence punctuation (guideline section 4); models often copy it
        text = text.rstrip(_TRAILING_PUNCTUATION).rstrip() if text else None
        if not text:
            self.stats.claims_malformed += 1
            return None
        span = self._span(text, (chunk.start, chunk.end), set(), chunk.start)
        if span is None:
            self.stats.claims_not_found += 1
            return None
        if span in self.seen_spans:
            self.stats.claims_duplicate += 1
            return None
        self.seen_spans.add(span)
        normalized = item.get("normalized")
        if not isinstance(normalized, str):
            if normalized is not None:
                self.stats.invalid_values += 1
            normalized = ""
        start, end = span
        return PredictedClaim(
            doc_id=self.document.doc_id,
            text=self.document.text[start:end],
            start=start,
            end=end,
            normalized=normalized.strip() or None,
            entities=tuple(self._entities(item.get("entities"), span)),
            quantities=tuple(self._quantities(item.get("quantities"), span)),
            dates=tuple(self._dates(item.get("dates"), span)),
            attributions=tuple(self._attributions(item.get("attributions"), span, chunk)),
        )

    def _part_items(self, raw: Any, text_field: str) -> list[tuple[dict[str, Any], str]]:
        """Well-formed part objects with their (stripped) text; the rest is counted as malformed."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.stats.parts_malformed += 1
            return []
        parts = []
        for part in raw:
            text = _text_field(part, text_field) if isinstance(part, dict) else None
            if text is None:
                self.stats.parts_malformed += 1
                continue
            parts.append((cast(dict[str, Any], part), text))
        return parts

    def _located(self, raw: Any, text_field: str, claim: tuple[int, int]) -> list[tuple[dict[str, Any], int, int]]:
        """Part objects found inside the claim span, each at its own occurrence where possible."""
        located = []
        taken: set[tuple[int, int]] = set()
        for part, text in self._part_items(raw, text_field):
            span = self._span(text, claim, taken, claim[0])
            if span is None:
                self.stats.parts_not_found += 1
                continue
            taken.add(span)
            located.append((part, *span))
        return located

    def _entities(self, raw: Any, claim: tuple[int, int]) -> list[PredictedEntity]:
        text = self.document.text
        return [
            PredictedEntity(text=text[start:end], start=start, end=end, type=_choice(part.get("type"), ENTITY_TYPES, self.stats))
            for part, start, end in self._located(raw, "text", claim)
        ]

    def _quantities(self, raw: Any, claim: tuple[int, int]) -> list[PredictedQuantity]:
        text = self.document.text
        return [
            PredictedQuantity(
                text=text[start:end],
                start=start,
                end=end,
                value=_number(part.get("value"), self.stats),
                unit=_choice(part.get("unit"), UNITS, self.stats),
                qualifier=_choice(part.get("qualifier"), QUALIFIERS, self.stats),
            )
            for part, start, end in self._located(raw, "text", claim)
        ]

    def _dates(self, raw: Any, claim: tuple[int, int]) -> list[PredictedDate]:
        dates = []
        for part, start, end in self._located(raw, "text", claim):
            timex_type = _choice(part.get("type"), TIMEX3_TYPES, self.stats)
            value = part.get("value")
            if value is not None and timex3_error(value, timex_type or "DATE") is not None:
                self.stats.invalid_values += 1
                value = None
            dates.append(PredictedDate(text=self.document.text[start:end], start=start, end=end, value=value, type=timex_type))
        return dates

    def _attributions(self, raw: Any, claim: tuple[int, int], chunk: Chunk) -> list[PredictedAttribution]:
        """Sources and cues may stand outside the claim (the frame is excluded), so search the chunk."""
        attributions: list[PredictedAttribution] = []
        chunk_span = (chunk.start, chunk.end)
        for part, source in self._part_items(raw, "source"):
            source_span = self._span(source, chunk_span, set(), claim[0])
            if source_span is None:
                self.stats.parts_not_found += 1
                continue
            cue = _text_field(part, "cue")
            cue_span = self._span(cue, chunk_span, set(), source_span[0]) if cue is not None else None
            if cue is not None and cue_span is None:
                self.stats.parts_not_found += 1
            text = self.document.text
            cue_start, cue_end = cue_span if cue_span else (None, None)
            attributions.append(
                PredictedAttribution(
                    source_text=text[source_span[0] : source_span[1]],
                    source_start=source_span[0],
                    source_end=source_span[1],
                    cue_text=text[cue_span[0] : cue_span[1]] if cue_span else None,
                    cue_start=cue_start,
                    cue_end=cue_end,
                    depth=len(attributions),  # the prompt asks for the outermost source first
                )
            )
        return attributions

